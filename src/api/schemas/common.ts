/**
 * Schemas every resource shares: the one error body all statuses use, Zod-style issues, and the helper that
 * attaches the error body to a route's error statuses (so the OpenAPI document lists them and responses are
 * checked against them).
 */
import { z } from "zod";

/** One problem: Zod's issue code, a path into the document the client sent, a lower-case message. */
export const Issue = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** 1-based position in the scenario text, for syntax errors. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

/** The error body: `{ error: { code, message, issues? } }`. */
export const ErrorBody = z
  .object({
    error: z.object({
      /** Stable code, e.g. `SCN_ERR_INVALID`, `API_ERR_NOT_FOUND`. */
      code: z.string(),
      message: z.string(),
      issues: z.array(Issue).optional(),
      /** For internal errors (500): the id the server's log has the detail under. */
      id: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

export type IssueJson = z.output<typeof Issue>;
export type ErrorJson = z.output<typeof ErrorBody>["error"];

/** `{ [status]: ErrorBody }` for each status, to spread into a route's `response`. */
export function errors<S extends number>(...statuses: readonly S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}

/** A run id in a path. Unknown ids are 404s, so any short string is accepted here. */
export const RunIdParams = z.object({ id: z.string().min(1).max(64) });

/** A name in a path (bundled scenario, stored profile). */
export const NameParams = z.object({ name: z.string().min(1).max(200) });
