/**
 * An event log with a cap: intervals of named kinds (a checkpoint, a failure, …) in the order they start,
 * keeping the first `limit` and counting the rest, so memory stays bounded however long the run. An event
 * is logged when it starts; its end is set when it ends (an instant has end = start).
 *
 * Units: µs.
 */

/** One logged interval, `[startUs, endUs]`. */
export interface LoggedEvent<K extends string> {
  readonly kind: K;
  readonly startUs: number;
  /** The end, µs; equal to `startUs` until the event ends. */
  endUs: number;
}

/** The first `limit` events of a run, and how many were left out. */
export class EventLog<K extends string> {
  private readonly kept: LoggedEvent<K>[] = [];
  private left = 0;

  /** @throws RangeError on a negative or non-integer limit. */
  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`invalid event limit: ${limit}`);
  }

  /**
   * Logs an event of `kind` starting at `startUs` (ending there too until its end is set).
   * @returns the event, to set its `endUs`; `undefined` when the log is full (the event is only counted).
   */
  open(kind: K, startUs: number, endUs = startUs): LoggedEvent<K> | undefined {
    if (this.kept.length >= this.limit) {
      this.left++;
      return undefined;
    }
    const e: LoggedEvent<K> = { kind, startUs, endUs };
    this.kept.push(e);
    return e;
  }

  /** The kept events, in the order they started. */
  get events(): readonly LoggedEvent<K>[] {
    return this.kept;
  }

  /** Events left out beyond the limit. */
  get dropped(): number {
    return this.left;
  }
}
