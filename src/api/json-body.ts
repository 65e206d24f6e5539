/**
 * The JSON request-body parser: `JSON.parse`, then, before anything walks the value recursively (the schemas,
 * the scenario checks), its nesting depth and keys are checked without recursion. A body nested deeper than
 * `MAX_BODY_DEPTH` levels (a scenario file may nest 256; a request adds a level or two) is a 400 naming where,
 * not a stack overflow; a `__proto__` key (which a later copy could turn into a prototype) is a 400 naming the
 * key, not "not valid JSON"; an empty body says to send `{}`.
 */
import { MAX_NESTING } from "../scenarios/parse-text.ts";
import { badRequest, type ApiError } from "./errors.ts";

/** Deepest nesting of objects and arrays a request body may have. */
export const MAX_BODY_DEPTH = MAX_NESTING + 8;

const FORBIDDEN_KEYS = new Set(["__proto__"]);

/** `a.b[2].c` for a path. */
const pathText = (path: readonly (string | number)[]): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(the body)";

/**
 * The first problem of a parsed body's shape (too deep, a forbidden key), found iteratively; undefined when none.
 */
export function jsonShapeProblem(value: unknown): { path: (string | number)[]; message: string } | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { v, path } = top;
    if (v === null || typeof v !== "object") continue;
    if (path.length >= MAX_BODY_DEPTH) {
      return {
        path: path.slice(0, 8),
        message: `nested deeper than ${MAX_BODY_DEPTH} levels (at ${pathText(path.slice(0, 8))}…)`,
      };
    }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(k)) {
          return { path: [...path, k], message: `${pathText([...path, k])}: the key "${k}" is not allowed` };
        }
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return undefined;
}

/** Parses a JSON body; the error is a 400 with the problem and, for shape problems, its path. */
export function parseJsonBody(text: string): { value: unknown } | { error: ApiError } {
  if (text.trim() === "") {
    return { error: badRequest("the body is empty: send a JSON value ({} when there is nothing to send)") };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: badRequest(`the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const problem = jsonShapeProblem(value);
  if (problem !== undefined) {
    return { error: badRequest(`invalid body: ${problem.message}`, [{ code: "invalid_body", ...problem }]) };
  }
  return { value };
}
