/**
 * Errors of `stallsim regress` inputs other than scenarios themselves (those are `ScenarioError`s): the
 * suite folder and its suite file, the baseline file, and writing outputs. Each has a stable code (STYLE.md
 * §10) and a lower-case message that names the file and, where there is one, the field.
 */

/**
 * `REG_ERR_SUITE`: unreadable or invalid suite; `REG_ERR_BASELINE`: missing or invalid baseline;
 * `REG_ERR_TOLERANCE`: a tolerance or metric pattern that does not parse or names no metric;
 * `REG_ERR_OUTPUT`: a file that cannot be written.
 */
export type RegressErrorCode = "REG_ERR_SUITE" | "REG_ERR_BASELINE" | "REG_ERR_TOLERANCE" | "REG_ERR_OUTPUT";

/** Bad input to a regression check: the CLI prints the message and exits 2. */
export class RegressError extends Error {
  readonly code: RegressErrorCode;
  /** The file the problem is in, when there is one. */
  readonly source: string | undefined;

  constructor(code: RegressErrorCode, message: string, source?: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "RegressError";
    this.code = code;
    this.source = source;
  }
}

/** True when `e` is a `RegressError`. */
export const isRegressError = (e: unknown): e is RegressError => e instanceof RegressError;
