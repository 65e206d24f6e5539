/**
 * Errors → HTTP: the status and the `{code, message, issues?}` body for anything a handler, a hook, fastify
 * or the domain code throws. Type guards decide the case (STYLE.md §10):
 * - `ApiError` (including request validation, see validator.ts): its own status and code;
 * - `ScenarioError`: 404 for `SCN_ERR_NOT_FOUND` (a bundled name), 400 otherwise, with its issues;
 * - `CalibrationError`: 400 `CAL_ERR_FIO` (the message names the fio document and the problem);
 * - fastify's own client errors (body too large, bad JSON, unsupported media type): their 4xx status;
 * - anything else, a `RangeError` from the models or the engine included, is a bug: 500 `API_ERR_INTERNAL` with a generic message; the caller logs the details.
 */
import { isCalibrationError } from "../calibration/errors.ts";
import { isScenarioError } from "../scenarios/errors.ts";
import { isApiError, type ApiErrorCode } from "./errors.ts";
import type { ErrorJson } from "./schemas/common.ts";

/** Status and body of an error response; `internal` when it is a bug to log. */
export interface ErrorResponse {
  readonly status: number;
  readonly error: ErrorJson;
  readonly internal: boolean;
}

const CODE_BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: "API_ERR_BAD_REQUEST",
  401: "API_ERR_UNAUTHORIZED",
  403: "API_ERR_FORBIDDEN",
  404: "API_ERR_NOT_FOUND",
  409: "API_ERR_CONFLICT",
  413: "API_ERR_TOO_LARGE",
  414: "API_ERR_URI_TOO_LONG",
  421: "API_ERR_MISDIRECTED",
  415: "API_ERR_UNSUPPORTED_MEDIA_TYPE",
  422: "API_ERR_OVER_BUDGET",
  429: "API_ERR_BUSY",
};

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** "2 MiB", "512 KiB", "1000 bytes". */
export function formatByteLimit(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} bytes`;
}

/** The response for `e`; `bodyLimit` (bytes) is named in 413 messages. */
export function errorResponse(e: unknown, bodyLimit: number): ErrorResponse {
  if (isApiError(e)) {
    const error = { code: e.code, message: e.message, ...(e.issues ? { issues: [...e.issues] } : {}) };
    return { status: e.statusCode, error, internal: e.code === "API_ERR_INTERNAL" };
  }
  if (isScenarioError(e)) {
    const { code, message, issues } = e.toJSON();
    const status = code === "SCN_ERR_NOT_FOUND" ? 404 : 400;
    return {
      status,
      error: { code, message, issues: issues.map((i) => ({ ...i, path: [...i.path] })) },
      internal: false,
    };
  }
  if (isCalibrationError(e)) return { status: 400, error: { code: e.code, message: e.message }, internal: false };
  // Some of fastify's client errors (a body over the limit) are RangeErrors with a 4xx statusCode.
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? "API_ERR_BAD_REQUEST";
    const message =
      status === 413
        ? `request body is larger than the limit of ${formatByteLimit(bodyLimit)} (STALLSIM_BODY_LIMIT)`
        : status === 414
          ? "the URL is too long: a part of the path may have at most 100 characters"
          : lowerFirst(e instanceof Error ? e.message : String(e));
    return { status, error: { code, message }, internal: false };
  }
  return { status: 500, error: { code: "API_ERR_INTERNAL", message: "internal error (logged)" }, internal: true };
}
