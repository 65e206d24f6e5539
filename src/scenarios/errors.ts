/**
 * Scenario errors. Every problem with a scenario, from a missing file through a YAML syntax error to a bad
 * unit deep inside a job, is a `ScenarioError` with a stable `code` (STYLE.md §10) and a list of Zod-style
 * issues `{code, path, message}`, so the CLI prints them and the API maps them to a 400/404 without
 * matching on message text. Messages are lower-case and name the offending value.
 */
import type { z } from "zod";

/** Stable error codes: schema violations, unreadable text, unknown files or names. */
export type ScenarioErrorCode = "SCN_ERR_INVALID" | "SCN_ERR_PARSE" | "SCN_ERR_NOT_FOUND";

/** A path into the scenario document: object keys and array indices. `[]` is the document itself. */
export type IssuePath = readonly (string | number)[];

/**
 * One problem. `code` is Zod's issue code (`custom`, `invalid_type`, …) or a parse code (`syntax_error`,
 * `duplicate_key`, `multiple_documents`, `empty_document`, `too_large`, `not_found`, `unknown_name`).
 * `line` and `column` (1-based, column in UTF-16 code units) are set for parse errors with a position.
 */
export interface ScenarioIssue {
  readonly code: string;
  readonly path: IssuePath;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Options for a `ScenarioError`: the file or label the scenario came from, and the underlying error. */
export interface ScenarioErrorOptions {
  readonly source?: string | undefined;
  readonly cause?: unknown;
}

/**
 * A scenario that cannot be used. The message is the formatted issues, prefixed with `source` for
 * `SCN_ERR_INVALID` and `SCN_ERR_NOT_FOUND` (parse issues carry `source:line:column` themselves), e.g.
 * `scenario.yaml: jobs[0].dataset.sampleSize: invalid size "40 GX": unknown unit "GX" (…)`.
 */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly issues: readonly ScenarioIssue[];
  /** File name or label of the scenario text, when known. */
  readonly source: string | undefined;

  constructor(code: ScenarioErrorCode, issues: readonly ScenarioIssue[], options: ScenarioErrorOptions = {}) {
    super(errorMessage(code, issues, options.source), options.cause === undefined ? {} : { cause: options.cause });
    this.name = "ScenarioError";
    this.code = code;
    this.issues = issues;
    this.source = options.source;
  }

  /** The serialisable form `{code, message, issues}` (an `Error`'s message is otherwise not enumerable). */
  toJSON(): { code: ScenarioErrorCode; message: string; issues: readonly ScenarioIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

function errorMessage(code: ScenarioErrorCode, issues: readonly ScenarioIssue[], source: string | undefined): string {
  const where = source !== undefined && code !== "SCN_ERR_PARSE" ? `${source}: ` : "";
  if (issues.length === 0) {
    const what = {
      SCN_ERR_INVALID: "invalid scenario",
      SCN_ERR_PARSE: "unreadable scenario",
      SCN_ERR_NOT_FOUND: "not found",
    };
    return `${where}${what[code]}`;
  }
  if (issues.length === 1) return `${where}${formatIssue(issues[0]!)}`;
  return `${where}${issues.length} issues:\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`;
}

/** A single-issue `ScenarioError`, for the common case of one problem at one place. */
export function scenarioError(
  code: ScenarioErrorCode,
  issue: { code: string; message: string; path?: IssuePath; line?: number; column?: number },
  options: ScenarioErrorOptions = {},
): ScenarioError {
  return new ScenarioError(code, [{ ...issue, path: issue.path ?? [] }], options);
}

/** True when `e` is a `ScenarioError` (any code). */
export const isScenarioError = (e: unknown): e is ScenarioError => e instanceof ScenarioError;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `["jobs", 0, "dataset", "sampleSize"]` → `jobs[0].dataset.sampleSize`; odd keys as `["my key"]`; `[]` → `""`. */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** `path: message`, or just the message for an issue about the whole document. */
export const formatIssue = (issue: ScenarioIssue): string =>
  issue.path.length === 0 ? issue.message : `${formatPath(issue.path)}: ${issue.message}`;

/** One line per issue (`jobs[0].dataset.sampleSize: invalid size "40 GX": …`), joined with newlines. */
export const formatIssues = (issues: readonly ScenarioIssue[]): string => issues.map(formatIssue).join("\n");

/** Zod's built-in messages start with a capital ("Invalid input"); ours are lower-case (STYLE.md §6). */
const lowerFirst = (message: string): string =>
  /^[A-Z][a-z]/.test(message) ? message[0]!.toLowerCase() + message.slice(1) : message;

const toPath = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((k) => (typeof k === "number" || typeof k === "string" ? k : String(k)));

/**
 * Converts a failed Zod parse (`ZodError` or anything with Zod `issues`) to a `SCN_ERR_INVALID` error.
 * Messages are kept (first letter lower-cased; Zod's "expected string, received undefined" reads
 * `required (expected string)`); an `unrecognized_keys` issue becomes one issue per key
 * with the key in its path (`dataset.sampelSize: unknown key`), so editors can point at the key.
 */
export function fromZodError(
  err: { readonly issues: readonly z.core.$ZodIssue[] },
  options: ScenarioErrorOptions = {},
): ScenarioError {
  const issues: ScenarioIssue[] = [];
  for (const issue of err.issues) {
    const path = toPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ code: issue.code, path: [...path, key], message: "unknown key" });
    } else {
      const missing = /^Invalid input: expected (.+), received undefined$/.exec(issue.message);
      const message = missing ? `required (expected ${missing[1]})` : lowerFirst(issue.message);
      issues.push({ code: issue.code, path, message });
    }
  }
  return new ScenarioError("SCN_ERR_INVALID", issues, { source: options.source, cause: options.cause ?? err });
}
