/**
 * Bursty arrivals: a two-state Markov-modulated Poisson process (on/off). Bursts and gaps last exponential
 * times of means `meanOn` and `meanOff`; arrivals are Poisson at `rate` during bursts and `offRate`
 * between them (0: an interrupted Poisson process). The initial state is drawn from the stationary
 * distribution (on with probability meanOn / (meanOn + meanOff)). Inter-arrival times come from one stream,
 * state lengths and the initial state from another, so changing the rates does not move the bursts.
 */
import type { RandomStream } from "../../../sim/random.ts";
import type { ArrivalProcess } from "./arrival-process.ts";

/** On/off modulated Poisson arrivals; seconds inside, µs out. */
export class BurstyArrivals implements ArrivalProcess {
  private t = 0;
  private on: boolean;
  private stateEnd: number;

  /** @throws RangeError on a negative rate or a non-positive mean length. */
  constructor(
    private readonly rate: number,
    private readonly offRate: number,
    private readonly meanOn: number,
    private readonly meanOff: number,
    private readonly times: RandomStream,
    private readonly phases: RandomStream,
  ) {
    for (const [what, r] of [
      ["rate", rate],
      ["offRate", offRate],
    ] as const) {
      if (!(r >= 0 && r < Infinity)) throw new RangeError(`invalid bursty ${what}: ${r}/s`);
    }
    for (const [what, d] of [
      ["on", meanOn],
      ["off", meanOff],
    ] as const) {
      if (!(d > 0 && d < Infinity)) throw new RangeError(`invalid bursty mean ${what} length: ${d}s`);
    }
    this.on = phases.bernoulli(meanOn / (meanOn + meanOff));
    this.stateEnd = phases.exponential(this.on ? meanOn : meanOff);
  }

  next(): number {
    if (this.rate === 0 && this.offRate === 0) return Infinity;
    for (;;) {
      const r = this.on ? this.rate : this.offRate;
      if (r > 0) {
        // Memoryless: a candidate past the state's end is discarded and drawn afresh in the next state.
        const candidate = this.t + this.times.exponential(1) / r;
        if (candidate < this.stateEnd) {
          this.t = candidate;
          return Math.round(candidate * 1e6);
        }
      }
      this.t = this.stateEnd;
      this.on = !this.on;
      this.stateEnd = this.t + this.phases.exponential(this.on ? this.meanOn : this.meanOff);
    }
  }
}
