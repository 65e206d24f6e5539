/**
 * How far a prediction is from a measurement when both are noisy: the predictions made with consecutive
 * calibrations of a drifting disk differ, and so do replays of one workload. The error is the difference of
 * the means; its standard error comes from the two samples' spreads (Welch: var(p)/n_p + var(m)/n_m). Used by
 * `npm run validate` (the table's "± 2 SE") and by the CI replay check (its bound).
 */

/** Mean of a non-empty list. */
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample variance (n − 1); 0 for fewer than two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Predicted − measured, with its standard error. */
export interface Agreement {
  /** Mean predicted − mean measured. */
  readonly error: number;
  /** Standard error of `error`, from the spreads of both lists. */
  readonly se: number;
}

/**
 * The error of the mean prediction against the mean measurement, and its standard error.
 *
 * @throws {RangeError} either list empty.
 */
export function agreement(predicted: readonly number[], measured: readonly number[]): Agreement {
  if (predicted.length === 0 || measured.length === 0) throw new RangeError("agreement needs at least one value each");
  return {
    error: mean(predicted) - mean(measured),
    se: Math.sqrt(variance(predicted) / predicted.length + variance(measured) / measured.length),
  };
}
