/**
 * Summary statistics of samples (latencies, load times): percentiles by linear interpolation between
 * closest ranks (R type 7, NumPy's default), mean and max. Pure.
 */

/** Percentiles and moments of a sample; all 0 for an empty one. */
export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The `q`-quantile (0–1) of ascending `sorted`, linear between closest ranks; 0 when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`invalid quantile: ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Count, mean, p50, p95, p99 and max of `values` (not modified). */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return {
    count: n,
    mean: sum / n,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[n - 1]!,
  };
}
