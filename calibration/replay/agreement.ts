/**
 * How far a prediction is from a measurement when both are noisy: the predictions made with consecutive
 * calibrations of a drifting disk differ, and so do replays of one workload. The error is the difference of
 * the means; its standard error comes from the two samples' spreads (Welch: var(p)/n_p + var(m)/n_m), with
 * the Welch–Satterthwaite degrees of freedom. Used by `npm run validate` (the table's "± 2 SE") and by the CI
 * replay check (its bound: the target plus the 95 % t quantile × SE, since its 5 replays and 6 calibrations
 * leave only a few degrees of freedom, where 2 SE would be too narrow an interval).
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
  /** Its degrees of freedom (Welch–Satterthwaite); Infinity when neither list has a spread. */
  readonly df: number;
}

/**
 * Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom (standard tables, e.g. NIST/SEMATECH
 * e-Handbook of Statistical Methods, 1.3.6.7.2), and the normal's 1.96 beyond.
 */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The t quantile a 95 % interval of `df` degrees of freedom spans on either side of its mean, in standard
 * errors: with a fractional df, that of the whole number below it (a wider interval); 1.96 beyond 30.
 */
export function t975(df: number): number {
  if (!(df >= 1)) return T975[0]!;
  const k = Math.floor(df);
  return k <= T975.length ? T975[k - 1]! : 1.96;
}

/**
 * The error of the mean prediction against the mean measurement, and its standard error.
 *
 * @throws {RangeError} either list empty.
 */
export function agreement(predicted: readonly number[], measured: readonly number[]): Agreement {
  if (predicted.length === 0 || measured.length === 0) throw new RangeError("agreement needs at least one value each");
  const a = variance(predicted) / predicted.length;
  const b = variance(measured) / measured.length;
  const df =
    a + b > 0
      ? (a + b) ** 2 / ((a > 0 ? a ** 2 / (predicted.length - 1) : 0) + (b > 0 ? b ** 2 / (measured.length - 1) : 0))
      : Infinity;
  return { error: mean(predicted) - mean(measured), se: Math.sqrt(a + b), df };
}
