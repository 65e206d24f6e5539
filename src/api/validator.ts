/**
 * The request validator compiler: each route's Zod schema parses its part of the request (body, querystring,
 * params, headers). A failure becomes a 400 `API_ERR_BAD_REQUEST` whose issues have the same shape and
 * conventions as scenario issues (`fromZodError`: lower-case messages, one issue per unknown key), with paths
 * into that part of the request.
 */
import type { FastifySchemaCompiler } from "fastify";
import { safeParse, type $ZodType } from "zod/v4/core";
import { formatIssues, fromZodError } from "../scenarios/errors.ts";
import { badRequest } from "./errors.ts";

const PART_NAMES: Readonly<Record<string, string>> = {
  body: "request body",
  querystring: "query",
  params: "path",
  headers: "headers",
};

/** Validator compiler for fastify (`app.setValidatorCompiler`). */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (result.success) return { value: result.data };
    const { issues } = fromZodError(result.error);
    const part = PART_NAMES[httpPart ?? ""] ?? "request";
    const error = badRequest(
      `invalid ${part}: ${formatIssues(issues).replace(/\n/g, "; ")}`,
      issues.map((i) => ({ ...i, path: [...i.path] })),
    );
    return { error };
  };
