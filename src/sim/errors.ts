/**
 * Engine errors. Each class carries a stable `code` (STYLE.md §10) so the CLI and API can map it without
 * matching on message text. Messages are lower-case and formulaic and include the offending value.
 */

/** A broken engine invariant: time going backwards, a double completion, an unknown handle. */
export class SimInvariantError extends Error {
  readonly code = "SIM_ERR_INVARIANT";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SimInvariantError";
  }
}

/** An exception thrown by an event handler; `cause` is the original error, the message names the event and `now`. */
export class SimHandlerError extends Error {
  readonly code = "SIM_ERR_HANDLER";
  /** Simulated time (µs) at which the handler failed. */
  readonly at: number;
  constructor(message: string, at: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "SimHandlerError";
    this.at = at;
  }
}

/**
 * An event scheduled beyond the clock's range: simulated time is integer µs in a double, exact up to 2^53 µs
 * (about 285 years). Not a bug of the engine: the model asked for a run longer than it can represent.
 */
export class SimClockOverflowError extends RangeError {
  readonly code = "SIM_ERR_CLOCK";
  constructor(message: string) {
    super(message);
    this.name = "SimClockOverflowError";
  }
}

/** True when `e` is one of the engine's coded errors. */
export const isSimError = (e: unknown): e is SimInvariantError | SimHandlerError | SimClockOverflowError =>
  e instanceof SimInvariantError || e instanceof SimHandlerError || e instanceof SimClockOverflowError;

/** True when `e` is a clock overflow, or a handler error caused by one. */
export const isClockOverflow = (e: unknown): boolean =>
  e instanceof SimClockOverflowError || (e instanceof SimHandlerError && e.cause instanceof SimClockOverflowError);
