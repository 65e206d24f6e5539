/**
 * Empirical distributions defined by percentiles, the form in which fio reports latency (for example
 * `{ "1.000000": 95, "50.000000": 180, "99.000000": 900, "99.990000": 4000 }`). The table is turned into a
 * piecewise-linear quantile function that a {@link RandomStream} samples by inverse transform
 * (`stream.empirical(d)` = `d.quantile(stream.next())`).
 *
 * The rule: percentiles are in [0, 100] and strictly increasing, values are finite and non-decreasing, and at
 * least one point is given. Between two given points the quantile is linear in the probability. Below the
 * lowest given percentile the quantile is flat at the first value, and above the highest it is flat at the last
 * value, unless points at p = 0 / p = 100 are given, in which case those define the ends. Values are in
 * whatever unit the caller uses (fio's `clat_ns.percentile` is in nanoseconds; convert before calling if µs
 * are wanted).
 */

/** One row of a percentile table: `p` is a percentile in [0, 100], `value` the quantile at that percentile. */
export interface PercentilePoint {
  readonly p: number;
  readonly value: number;
}

/**
 * A knot of the normalized quantile function: `u` is a probability in [0, 1] (`p / 100`), `value` the
 * quantile there. The normalized knots always start at `u = 0` and end at `u = 1`.
 */
export interface EmpiricalPoint {
  readonly u: number;
  readonly value: number;
}

/** A distribution given by a piecewise-linear quantile function (see the file header for the rule). */
export interface EmpiricalDistribution {
  /**
   * The normalized knots, sorted by `u`, from `u = 0` to `u = 1`: the given points with `p` divided by 100,
   * plus the implicit flat-tail end points when `p = 0` / `p = 100` were not given.
   */
  readonly points: ReadonlyArray<EmpiricalPoint>;
  /**
   * The quantile at probability `u`, interpolated linearly between knots. O(log n), allocation-free.
   * @throws RangeError `invalid quantile probability: …` unless 0 ≤ u ≤ 1.
   */
  quantile(u: number): number;
  /** The exact mean of the distribution: the integral of the quantile function over [0, 1]. */
  mean(): number;
}

class PiecewiseLinearQuantile implements EmpiricalDistribution {
  readonly points: ReadonlyArray<EmpiricalPoint>;
  private readonly us: Float64Array;
  private readonly vs: Float64Array;
  private readonly meanValue: number;

  constructor(points: ReadonlyArray<EmpiricalPoint>) {
    this.points = Object.freeze(points.map((pt) => Object.freeze({ u: pt.u, value: pt.value })));
    this.us = Float64Array.from(points, (pt) => pt.u);
    this.vs = Float64Array.from(points, (pt) => pt.value);
    let area = 0;
    for (let i = 1; i < points.length; i++) {
      const a = this.vs[i - 1] as number;
      const b = this.vs[i] as number;
      area += ((this.us[i] as number) - (this.us[i - 1] as number)) * (a / 2 + b / 2);
    }
    this.meanValue = area;
  }

  quantile(u: number): number {
    if (!(u >= 0 && u <= 1)) throw new RangeError(`invalid quantile probability: ${u}`);
    const us = this.us;
    const vs = this.vs;
    // Largest i in [0, n-2] with us[i] <= u; us[0] = 0 and us[n-1] = 1 by construction.
    let lo = 0;
    let hi = us.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((us[mid] as number) <= u) lo = mid;
      else hi = mid;
    }
    const u0 = us[lo] as number;
    const v0 = vs[lo] as number;
    const v1 = vs[hi] as number;
    const v = v0 + (v1 - v0) * ((u - u0) / ((us[hi] as number) - u0));
    // Clamp against rounding so the result is monotone across knots and never leaves [v0, v1].
    return v < v0 ? v0 : v > v1 ? v1 : v;
  }

  mean(): number {
    return this.meanValue;
  }
}

/**
 * Builds an {@link EmpiricalDistribution} from a percentile table (see the file header for the rule).
 * @param points rows `{ p, value }` with `p` a percentile in [0, 100], strictly increasing, and `value` finite
 *   and non-decreasing; the array is not modified.
 * @throws RangeError `invalid percentile table: no points`; `invalid percentile at index i: p is outside
 *   [0, 100]` (also for NaN); `invalid percentile at index i: p is not greater than q`; `invalid value at
 *   index i: v is not finite`; `invalid value at index i: v is less than w`.
 */
export function empiricalFromPercentiles(points: ReadonlyArray<PercentilePoint>): EmpiricalDistribution {
  if (points.length === 0) throw new RangeError("invalid percentile table: no points");
  const knots: EmpiricalPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const { p, value } = points[i] as PercentilePoint;
    if (!(p >= 0 && p <= 100)) throw new RangeError(`invalid percentile at index ${i}: ${p} is outside [0, 100]`);
    if (!Number.isFinite(value)) throw new RangeError(`invalid value at index ${i}: ${value} is not finite`);
    const prev = points[i - 1];
    if (prev !== undefined) {
      if (!(p > prev.p)) throw new RangeError(`invalid percentile at index ${i}: ${p} is not greater than ${prev.p}`);
      if (value < prev.value) throw new RangeError(`invalid value at index ${i}: ${value} is less than ${prev.value}`);
    }
    knots.push({ u: p / 100, value });
  }
  const first = knots[0] as EmpiricalPoint;
  const last = knots[knots.length - 1] as EmpiricalPoint;
  if (first.u > 0) knots.unshift({ u: 0, value: first.value });
  if (last.u < 1) knots.push({ u: 1, value: last.value });
  // A single point at p = 0 or p = 100 still needs two knots: the distribution is constant.
  if (knots.length === 1) knots.push({ u: 1, value: first.value });
  return new PiecewiseLinearQuantile(knots);
}

/**
 * Builds an {@link EmpiricalDistribution} from a fio percentile record, whose keys are percentiles as fio
 * prints them (`"99.990000"`) and whose values are latencies. Keys are parsed as numbers and sorted, so the
 * record's key order does not matter; the rest of the rule is that of {@link empiricalFromPercentiles}.
 * @throws RangeError `invalid percentile key: "…"` when a key is not a number, and the errors of
 *   {@link empiricalFromPercentiles} (indices refer to the rows sorted by percentile).
 */
export function empiricalFromFioPercentiles(record: Readonly<Record<string, number>>): EmpiricalDistribution {
  const rows: PercentilePoint[] = [];
  for (const [key, value] of Object.entries(record)) {
    const p = key.trim() === "" ? NaN : Number(key);
    if (Number.isNaN(p)) throw new RangeError(`invalid percentile key: ${JSON.stringify(key)}`);
    rows.push({ p, value });
  }
  rows.sort((a, b) => a.p - b.p);
  return empiricalFromPercentiles(rows);
}
