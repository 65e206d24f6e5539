/**
 * A job arrival process for a cluster: Poisson arrivals (exponential gaps of a given mean) of a given number
 * of jobs, each drawn from weighted templates. Two named streams keep gaps and template draws independent
 * (adding templates does not move arrival times). Pure given the streams.
 *
 * Units: µs.
 */
import type { RandomStream } from "../../sim/random.ts";

/** Options of {@link poissonJobArrivals}. */
export interface JobArrivalOptions {
  /** Jobs to generate (≥ 0). */
  readonly count: number;
  /** Mean gap between arrivals, µs (> 0). */
  readonly meanGapUs: number;
  /** Time before the first gap, µs (default 0). */
  readonly startUs?: number;
  /** Relative weight of each template (> 0 each). */
  readonly weights: readonly number[];
}

/** One arrival: when, and which template. */
export interface JobArrival {
  readonly atUs: number;
  readonly template: number;
}

/**
 * `count` arrivals in time order, at `start + gap₁`, `+ gap₂`, … (whole µs), templates drawn by weight.
 * @param gaps stream of the gaps, e.g. `SEED/cluster/job-arrivals`.
 * @param picks stream of the template draws, e.g. `SEED/cluster/job-templates`.
 * @throws RangeError on a bad count, mean gap or weights.
 */
export function poissonJobArrivals(gaps: RandomStream, picks: RandomStream, o: JobArrivalOptions): JobArrival[] {
  if (!(Number.isInteger(o.count) && o.count >= 0)) throw new RangeError(`invalid job count: ${o.count}`);
  if (!(o.meanGapUs > 0 && o.meanGapUs < Infinity)) throw new RangeError(`invalid mean gap: ${o.meanGapUs}us`);
  if (o.weights.length === 0 || !o.weights.every((w) => w > 0 && w < Infinity)) {
    throw new RangeError(`invalid template weights: ${o.weights.join(", ")}`);
  }
  const total = o.weights.reduce((a, b) => a + b, 0);
  const out: JobArrival[] = [];
  let t = o.startUs ?? 0;
  for (let k = 0; k < o.count; k++) {
    t += Math.round(gaps.exponential(o.meanGapUs));
    let u = picks.next() * total;
    let template = 0;
    while (template < o.weights.length - 1 && u >= o.weights[template]!) u -= o.weights[template++]!;
    out.push({ atUs: t, template });
  }
  return out;
}
