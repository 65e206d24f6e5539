/**
 * Calibration errors. Anything wrong with calibration input (an unreadable, truncated or non-fio file) is a
 * `CalibrationError` with a stable `code` (STYLE.md §10) and a lower-case message that starts with the
 * source file, e.g. `bad.json: truncated JSON at line 12`.
 */

/**
 * Stable error codes: `CAL_ERR_FIO` for fio output that cannot be used; `CAL_ERR_MIXED` for runs from more
 * than one machine or device fitted as one profile; `CAL_ERR_NAME` for a profile name that is not kebab-case.
 */
export type CalibrationErrorCode = "CAL_ERR_FIO" | "CAL_ERR_MIXED" | "CAL_ERR_NAME";

/** Calibration input that cannot be used. `source` is the file or label it came from. */
export class CalibrationError extends Error {
  readonly code: CalibrationErrorCode;
  readonly source: string;

  constructor(code: CalibrationErrorCode, source: string, message: string, options: { cause?: unknown } = {}) {
    super(`${source}: ${message}`, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "CalibrationError";
    this.code = code;
    this.source = source;
  }
}

/** Whether `e` is a `CalibrationError` (for the CLI and API error handlers). */
export function isCalibrationError(e: unknown): e is CalibrationError {
  return e instanceof CalibrationError;
}
