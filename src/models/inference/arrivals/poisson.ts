/**
 * Steady Poisson arrivals: exponential inter-arrival times of mean 1/rate. Arrival k is at S_k / rate
 * with S_k the sum of k standard exponential draws, so for one seed a higher rate gives every arrival
 * earlier (the coupling the load-monotonicity test relies on).
 */
import type { RandomStream } from "../../../sim/random.ts";
import type { ArrivalProcess } from "./arrival-process.ts";

/** Poisson arrivals at `rate` per second (0: none). */
export class PoissonArrivals implements ArrivalProcess {
  private t = 0;

  /** @throws RangeError `invalid arrival rate: …` unless 0 ≤ rate < ∞. */
  constructor(
    private readonly rate: number,
    private readonly rng: RandomStream,
  ) {
    if (!(rate >= 0 && rate < Infinity)) throw new RangeError(`invalid arrival rate: ${rate}/s`);
  }

  next(): number {
    if (this.rate === 0) return Infinity;
    this.t += this.rng.exponential(1) / this.rate;
    return Math.round(this.t * 1e6);
  }
}
