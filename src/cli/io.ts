/**
 * Output helpers for commands: stdout/stderr writers and the one place errors become exit codes.
 * Bad input prints its issues (path: message) and exits 2; nothing a user can type prints a stack trace.
 */
import { isCalibrationError } from "../calibration/errors.ts";
import { formatIssues, isScenarioError } from "../scenarios/errors.ts";

export const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);
export const err = (s: string): void => void process.stderr.write(s.endsWith("\n") ? s : `${s}\n`);

/** Prints a user-facing error and returns the exit status (2 for input errors, 1 otherwise). */
export function reportError(e: unknown, json: boolean): number {
  if (isScenarioError(e)) {
    if (json) out(JSON.stringify({ error: { code: e.code, issues: e.issues } }));
    else
      err(
        `stallsim: ${e.source ? `${e.source}: ` : ""}invalid scenario\n${formatIssues(e.issues).replace(/^/gm, "  ")}`,
      );
    return 2;
  }
  if (isCalibrationError(e)) {
    if (json) out(JSON.stringify({ error: { code: e.code, message: e.message } }));
    else err(`stallsim: ${e.message}`);
    return 2;
  }
  if (e instanceof RangeError) {
    if (json)
      out(
        JSON.stringify({
          error: { code: "SCN_ERR_INVALID", issues: [{ code: "range", path: [], message: e.message }] },
        }),
      );
    else err(`stallsim: ${e.message}`);
    return 2;
  }
  err(`stallsim: internal error: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}
