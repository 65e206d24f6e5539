/**
 * Diurnal arrivals: a non-homogeneous Poisson process with rate
 * `λ(t) = λ̄ · (1 + a · sin(2π t / P + φ))`, drawn by thinning (Lewis & Shedler): candidates at the peak
 * rate `λ̄(1 + a)`, each kept with probability `λ(t) / λ̄(1 + a)`. Both draws come from one stream.
 */
import type { RandomStream } from "../../../sim/random.ts";
import type { ArrivalProcess } from "./arrival-process.ts";

/** Sinusoidal-rate Poisson arrivals; time in seconds inside, µs out. */
export class DiurnalArrivals implements ArrivalProcess {
  private t = 0;
  private readonly peak: number;

  /**
   * @param rate mean rate λ̄, 1/s (0: none). @param amplitude a in [0, 1]. @param periodSeconds P > 0.
   * @param phase φ, radians.
   * @throws RangeError on a bad rate, amplitude, period or phase.
   */
  constructor(
    private readonly rate: number,
    private readonly amplitude: number,
    private readonly periodSeconds: number,
    private readonly phase: number,
    private readonly rng: RandomStream,
  ) {
    if (!(rate >= 0 && rate < Infinity)) throw new RangeError(`invalid arrival rate: ${rate}/s`);
    if (!(amplitude >= 0 && amplitude <= 1)) throw new RangeError(`invalid diurnal amplitude: ${amplitude}`);
    if (!(periodSeconds > 0 && periodSeconds < Infinity))
      throw new RangeError(`invalid diurnal period: ${periodSeconds}s`);
    if (!Number.isFinite(phase)) throw new RangeError(`invalid diurnal phase: ${phase}`);
    this.peak = rate * (1 + amplitude);
  }

  /** The rate at `t` seconds, 1/s. */
  rateAt(t: number): number {
    return this.rate * (1 + this.amplitude * Math.sin((2 * Math.PI * t) / this.periodSeconds + this.phase));
  }

  next(): number {
    if (this.peak === 0) return Infinity;
    for (;;) {
      this.t += this.rng.exponential(1) / this.peak;
      if (this.rng.next() * this.peak < this.rateAt(this.t)) return Math.round(this.t * 1e6);
    }
  }
}
