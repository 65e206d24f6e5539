/**
 * Seeded, named random streams (STYLE.md §7). A run owns one {@link RandomStreams} built from its seed, and
 * each component draws from its own {@link RandomStream}, obtained by name. Every stream is an independent
 * seedrandom `alea` generator seeded from `${seed}/${name}`, so creating a new stream, or drawing more or
 * fewer numbers from one, never changes the sequence of any other stream: the property ns-3 gets from
 * per-stream numbering. Samples are plain numbers; callers convert durations to `SimTime` through the time
 * helpers. Invalid parameters throw `RangeError`s whose message names the distribution and the bad value.
 */
import seedrandom from "seedrandom";

const TWO_PI = 2 * Math.PI;

/**
 * One named stream of pseudo-random numbers. Deterministic: the same derived seed always gives the same
 * sequence of draws. Obtain streams from {@link RandomStreams.stream} rather than constructing them directly.
 */
export class RandomStream {
  /** The full seed string this stream was built from (`${seed}/${name}` when made by {@link RandomStreams}). */
  readonly key: string;
  private readonly prng: seedrandom.PRNG;
  /** Spare standard normal from the last Box–Muller pair, or NaN when none is cached. */
  private spare = NaN;

  /** @param key the full seed string; any string, including the empty one. */
  constructor(key: string) {
    this.key = key;
    this.prng = seedrandom.alea(key);
  }

  /**
   * The mean and coefficient of variation of a lognormal turned into the `mu` and `sigma` of its underlying
   * normal: `sigma² = ln(1 + cv²)`, `mu = ln(mean) − sigma² / 2`.
   * @param mean the lognormal's mean, > 0 (any unit; `mu` is then the log of that unit).
   * @param cv the coefficient of variation (standard deviation / mean), ≥ 0.
   * @throws RangeError `invalid lognormal mean: …` or `invalid lognormal cv: …`.
   */
  static lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
    if (!(mean > 0 && mean < Infinity)) throw new RangeError(`invalid lognormal mean: ${mean}`);
    if (!(cv >= 0 && cv < Infinity)) throw new RangeError(`invalid lognormal cv: ${cv}`);
    const s2 = Math.log1p(cv * cv);
    return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
  }

  /** A uniform number in [0, 1) with 53 random bits (alea's `double()`, two generator steps). */
  next(): number {
    return this.prng.double();
  }

  /**
   * A uniform number in [lo, hi) (exactly `lo` when `lo === hi`).
   * @throws RangeError `invalid uniform range: lo..hi` unless both are finite and lo ≤ hi.
   */
  uniform(lo: number, hi: number): number {
    if (!(lo <= hi && Number.isFinite(lo) && Number.isFinite(hi))) {
      throw new RangeError(`invalid uniform range: ${lo}..${hi}`);
    }
    return lo + (hi - lo) * this.prng.double();
  }

  /**
   * A uniform integer in [lo, hi], both ends inclusive.
   * @throws RangeError `invalid int range: lo..hi` unless both are safe integers, lo ≤ hi and hi − lo is a
   *   safe integer.
   */
  int(lo: number, hi: number): number {
    if (!(Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && lo <= hi && Number.isSafeInteger(hi - lo))) {
      throw new RangeError(`invalid int range: ${lo}..${hi}`);
    }
    return lo + Math.floor(this.prng.double() * (hi - lo + 1));
  }

  /**
   * `true` with probability `p`.
   * @throws RangeError `invalid bernoulli probability: …` unless 0 ≤ p ≤ 1.
   */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid bernoulli probability: ${p}`);
    return this.prng.double() < p;
  }

  /**
   * An exponential sample with the given mean (same unit as the result), by inverse transform
   * `−mean · ln(1 − u)`.
   * @throws RangeError `invalid exponential mean: …` unless 0 < mean < ∞.
   */
  exponential(mean: number): number {
    if (!(mean > 0 && mean < Infinity)) throw new RangeError(`invalid exponential mean: ${mean}`);
    return -mean * Math.log(1 - this.prng.double());
  }

  /**
   * A normal sample, by Box–Muller. Draws come in pairs: every other call uses the cached spare value, so
   * a call consumes either four or zero generator steps. Deterministic either way.
   * @throws RangeError `invalid normal mean: …` unless finite, `invalid normal sd: …` unless 0 ≤ sd < ∞.
   */
  normal(mean: number, sd: number): number {
    if (!Number.isFinite(mean)) throw new RangeError(`invalid normal mean: ${mean}`);
    if (!(sd >= 0 && sd < Infinity)) throw new RangeError(`invalid normal sd: ${sd}`);
    return mean + sd * this.standardNormal();
  }

  /**
   * A lognormal sample `exp(N(mu, sigma))`; `mu` and `sigma` are those of the underlying normal (see
   * {@link RandomStream.lognormalParams} to get them from a mean and a coefficient of variation).
   * @throws RangeError `invalid lognormal mu: …` unless finite, `invalid lognormal sigma: …` unless
   *   0 ≤ sigma < ∞.
   */
  lognormal(mu: number, sigma: number): number {
    if (!Number.isFinite(mu)) throw new RangeError(`invalid lognormal mu: ${mu}`);
    if (!(sigma >= 0 && sigma < Infinity)) throw new RangeError(`invalid lognormal sigma: ${sigma}`);
    return Math.exp(mu + sigma * this.standardNormal());
  }

  /**
   * A Weibull sample, by inverse transform `scale · (−ln(1 − u))^(1/shape)`. Mean `scale · Γ(1 + 1/shape)`.
   * @param shape k > 0 (1 is the exponential, larger is less variable).
   * @param scale λ > 0, in the unit of the result.
   * @throws RangeError `invalid weibull shape: …` or `invalid weibull scale: …` unless 0 < x < ∞.
   */
  weibull(shape: number, scale: number): number {
    if (!(shape > 0 && shape < Infinity)) throw new RangeError(`invalid weibull shape: ${shape}`);
    if (!(scale > 0 && scale < Infinity)) throw new RangeError(`invalid weibull scale: ${scale}`);
    return scale * Math.pow(-Math.log(1 - this.prng.double()), 1 / shape);
  }

  private standardNormal(): number {
    const spare = this.spare;
    if (spare === spare) {
      this.spare = NaN;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.prng.double()));
    const theta = TWO_PI * this.prng.double();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/**
 * The named random streams of one run. `stream(name)` returns the same {@link RandomStream} object for the
 * same name; its sequence depends only on `(seed, name)`, never on which other streams exist or how much they
 * have drawn.
 *
 * The derived key is the string `${seed}/${name}`, so the number `42` and the string `"42"` are the same seed,
 * and seed `"a/b"` with name `"c"` equals seed `"a"` with name `"b/c"`; keep seeds free of `/` if that matters.
 */
export class RandomStreams {
  /** The run's seed, as given. */
  readonly seed: string | number;
  private readonly streams = new Map<string, RandomStream>();

  /**
   * @param seed the run's seed: any string, or a finite number.
   * @throws RangeError `invalid seed: …` when a number seed is not finite.
   */
  constructor(seed: string | number) {
    if (typeof seed === "number" && !Number.isFinite(seed)) throw new RangeError(`invalid seed: ${seed}`);
    this.seed = seed;
  }

  /**
   * The stream named `name`, created on first use and cached.
   * @param name a non-empty component name, e.g. `"arrivals"` or `"storage/lustre"`.
   * @throws RangeError `invalid stream name: ""` for the empty name.
   */
  /**
   * A copy of the stream named `name` at its start: the same sequence as `stream(name)` gives, drawn
   * independently (for components that each replay one sequence, such as workloads sharing a traffic name).
   * @throws RangeError `invalid stream name: ""` for the empty name.
   */
  copy(name: string): RandomStream {
    if (name === "") throw new RangeError(`invalid stream name: ""`);
    return new RandomStream(`${this.seed}/${name}`);
  }

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      if (name === "") throw new RangeError(`invalid stream name: ""`);
      s = new RandomStream(`${this.seed}/${name}`);
      this.streams.set(name, s);
    }
    return s;
  }
}
