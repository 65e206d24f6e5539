/**
 * A command line that cannot be run as typed (a missing argument, a bad flag value, flags that do not go
 * together). The CLI prints the message and exits 2. Everything else that is not a typed input error
 * (`ScenarioError`, `CalibrationError`, `SweepError`, `RegressError`) is a bug and exits 1 (STYLE.md §10).
 */
export class UsageError extends Error {
  readonly code = "CLI_ERR_USAGE";

  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Type guard for `UsageError`. */
export const isUsageError = (e: unknown): e is UsageError => e instanceof UsageError;
