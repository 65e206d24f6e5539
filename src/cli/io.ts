/**
 * Output helpers for commands: stdout/stderr writers and the one place errors become exit codes.
 * Bad input (typed errors: scenario, calibration, usage) prints its issues (path: message) and exits 2;
 * anything else is a bug and exits 1 saying so. Nothing a user can type prints a stack trace.
 */
import { isCalibrationError } from "../calibration/errors.ts";
import { formatIssues, isScenarioError } from "../scenarios/errors.ts";
import { isUsageError } from "./usage-error.ts";

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
  if (isUsageError(e)) {
    if (json) out(JSON.stringify({ error: { code: e.code, message: e.message } }));
    else err(`stallsim: ${e.message}`);
    return 2;
  }
  // Anything else is a bug in stallsim (a model invariant, a RangeError from the engine), never bad input.
  const message = e instanceof Error ? e.message : String(e);
  if (json) out(JSON.stringify({ error: { code: "CLI_ERR_INTERNAL", message } }));
  err(`stallsim: internal error (a bug in stallsim, please report it with the scenario): ${message}`);
  return 1;
}
