/**
 * Request arrival processes: what a scenario asks for (`ArrivalSpec`) and the generator that draws the
 * arrival times from named seeded streams. Each generator returns absolute times in µs, non-decreasing,
 * computed in continuous seconds and rounded once (no drift). Kinds: steady Poisson (poisson.ts),
 * diurnal — a sinusoidal rate (diurnal.ts), bursty — an on/off Markov-modulated Poisson process (bursty.ts).
 */
import type { RandomStream } from "../../../sim/random.ts";
import { BurstyArrivals } from "./bursty.ts";
import { DiurnalArrivals } from "./diurnal.ts";
import { PoissonArrivals } from "./poisson.ts";

/** An arrival process, rates in requests per second, durations in µs. */
export type ArrivalSpec =
  | { readonly kind: "poisson"; readonly rate: number }
  | {
      readonly kind: "diurnal";
      /** Mean rate, 1/s. */
      readonly rate: number;
      /** Relative amplitude of the sine, 0–1: rate(t) = rate · (1 + amplitude · sin(2π t / period + phase)). */
      readonly amplitude: number;
      readonly periodUs: number;
      /** Phase at t = 0, radians. */
      readonly phase: number;
    }
  | {
      readonly kind: "bursty";
      /** Rate during bursts, 1/s. */
      readonly rate: number;
      /** Rate between bursts, 1/s (0: silent). */
      readonly offRate: number;
      /** Mean burst and gap lengths (exponential), µs. */
      readonly meanOnUs: number;
      readonly meanOffUs: number;
    };

/** A stream of arrival times. */
export interface ArrivalProcess {
  /** The next arrival, µs since the start; non-decreasing; Infinity when none will come. */
  next(): number;
}

/** The long-run mean rate of `spec`, requests per second. */
export function meanRate(spec: ArrivalSpec): number {
  if (spec.kind !== "bursty") return spec.rate;
  return (spec.rate * spec.meanOnUs + spec.offRate * spec.meanOffUs) / (spec.meanOnUs + spec.meanOffUs);
}

/**
 * The generator for `spec`, drawing inter-arrival times from `times` and (bursty only) burst/gap lengths
 * and the initial state from `phases`.
 * @throws RangeError on a negative rate, an amplitude outside [0, 1] or a non-positive period or mean length.
 */
export function createArrivals(spec: ArrivalSpec, times: RandomStream, phases: RandomStream): ArrivalProcess {
  switch (spec.kind) {
    case "poisson":
      return new PoissonArrivals(spec.rate, times);
    case "diurnal":
      return new DiurnalArrivals(spec.rate, spec.amplitude, spec.periodUs / 1e6, spec.phase, times);
    case "bursty":
      return new BurstyArrivals(spec.rate, spec.offRate, spec.meanOnUs / 1e6, spec.meanOffUs / 1e6, times, phases);
  }
}
