/**
 * API errors: a class with a stable `code`, the HTTP status and, for validation errors, Zod-style issues
 * (STYLE.md §10), plus one constructor per case so messages stay lower-case and formulaic. The central error
 * handler (app.ts, via error-payload.ts) turns these and the domain errors into the one error body.
 */
import type { IssueJson } from "./schemas/common.ts";

/** Stable codes of errors the API itself raises. */
export type ApiErrorCode =
  | "API_ERR_BAD_REQUEST"
  | "API_ERR_UNAUTHORIZED"
  | "API_ERR_FORBIDDEN"
  | "API_ERR_NOT_FOUND"
  | "API_ERR_MISDIRECTED"
  | "API_ERR_NOT_READY"
  | "API_ERR_CONFLICT"
  | "API_ERR_STALE_RESULT"
  | "API_ERR_TOO_LARGE"
  | "API_ERR_URI_TOO_LONG"
  | "API_ERR_UNSUPPORTED_MEDIA_TYPE"
  | "API_ERR_OVER_BUDGET"
  | "API_ERR_BUSY"
  | "API_ERR_STORAGE_FULL"
  | "API_ERR_INTERNAL";

/** An error with its HTTP status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly issues: readonly IssueJson[] | undefined;
  /** Response headers that go with it (e.g. `Retry-After` on a 429). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ApiErrorCode,
    statusCode: number,
    message: string,
    issues?: readonly IssueJson[],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.statusCode = statusCode;
    this.issues = issues;
    this.headers = headers;
  }
}

/** True when `e` is an `ApiError`. */
export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** 400: a request that does not match its schema (issues have paths into the part named). */
export const badRequest = (message: string, issues?: readonly IssueJson[]): ApiError =>
  new ApiError("API_ERR_BAD_REQUEST", 400, message, issues);

/** 404: `unknown run: "r00000042"`. */
export const notFound = (what: string, id: string): ApiError =>
  new ApiError("API_ERR_NOT_FOUND", 404, `unknown ${what}: ${JSON.stringify(id)}`);

/** 409: a run's result before the run is done. */
export const notReady = (id: string, status: string): ApiError =>
  new ApiError("API_ERR_NOT_READY", 409, `run ${id} is ${status}: its result exists once it is done`);

/** 409: a name that is taken. */
export const conflict = (message: string): ApiError => new ApiError("API_ERR_CONFLICT", 409, message);

/** 401 for a write without the bearer token. */
export const unauthorized = (): ApiError =>
  new ApiError("API_ERR_UNAUTHORIZED", 401, "missing or wrong bearer token (Authorization: Bearer <STALLSIM_TOKEN>)");

/** 429 when `maxQueued` runs are queued or running, with `Retry-After: seconds`. */
export const busy = (maxQueued: number, retryAfterSeconds: number): ApiError =>
  new ApiError(
    "API_ERR_BUSY",
    429,
    `run queue is full: ${maxQueued} runs are queued or running (STALLSIM_MAX_QUEUED); retry in about ` +
      `${retryAfterSeconds} s, when one is expected to finish`,
    undefined,
    { "retry-after": String(retryAfterSeconds) },
  );
