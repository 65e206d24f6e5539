/**
 * Arrival processes: long-run rates match the spec (Poisson, diurnal, bursty MMPP), the diurnal rate follows
 * its sine (more arrivals in the high half-period, in the ratio of the rate's integrals), bursts come in
 * bursts (index of dispersion above Poisson's 1), the same seed repeats, and bad parameters are rejected.
 */
import { describe, expect, test } from "vitest";
import { createArrivals, meanRate, type ArrivalSpec } from "../../../src/models/inference/arrivals/arrival-process.ts";
import { RandomStream } from "../../../src/sim/random.ts";

const streams = (seed: string) => [new RandomStream(`${seed}/a`), new RandomStream(`${seed}/p`)] as const;

/** Arrival times (µs) before `untilUs`. */
function times(spec: ArrivalSpec, untilUs: number, seed = "1"): number[] {
  const [a, p] = streams(seed);
  const gen = createArrivals(spec, a, p);
  const out: number[] = [];
  for (let t = gen.next(); t <= untilUs; t = gen.next()) out.push(t);
  return out;
}

const HOUR = 3_600e6;

describe("long-run rates", () => {
  const specs: { label: string; spec: ArrivalSpec }[] = [
    { label: "poisson 5/s", spec: { kind: "poisson", rate: 5 } },
    {
      label: "diurnal 5/s ± 80% over 1 h",
      spec: { kind: "diurnal", rate: 5, amplitude: 0.8, periodUs: HOUR, phase: 0 },
    },
    {
      // Short cycles (5,000 in 100 h) so the time spent on converges as well as the counts.
      label: "bursty 20/s for ~12 s every ~1 min, 1/s between",
      spec: { kind: "bursty", rate: 20, offRate: 1, meanOnUs: 12e6, meanOffUs: 60e6 },
    },
  ];
  test.for(specs)("$label: count over 100 h within 3% of mean rate × time", ({ spec }) => {
    const n = times(spec, 100 * HOUR).length;
    const expected = meanRate(spec) * 100 * 3600;
    expect(Math.abs(n - expected) / expected).toBeLessThan(0.03);
  });

  test("meanRate of the bursty process is the time-weighted mean of its two rates", () => {
    expect(meanRate({ kind: "bursty", rate: 20, offRate: 1, meanOnUs: 120e6, meanOffUs: 600e6 })).toBeCloseTo(
      (20 * 120 + 600) / 720,
      12,
    );
  });
});

describe("shapes", () => {
  test("diurnal: the high half-period gets (1 + 2a/π) / (1 − 2a/π) times the arrivals of the low half", () => {
    // ∫ over the first half of 1 + a sin = P/2 + aP/π; over the second P/2 − aP/π.
    const a = 0.5;
    const t = times({ kind: "diurnal", rate: 10, amplitude: a, periodUs: HOUR, phase: 0 }, 50 * HOUR);
    let high = 0;
    for (const x of t) if (x % HOUR < HOUR / 2) high++;
    const ratio = high / (t.length - high);
    const want = (1 + (2 * a) / Math.PI) / (1 - (2 * a) / Math.PI);
    expect(Math.abs(ratio - want) / want).toBeLessThan(0.02);
  });

  test("bursty: counts per minute are over-dispersed (variance/mean ≫ 1); Poisson's are not (≈ 1)", () => {
    const dispersion = (spec: ArrivalSpec) => {
      const counts = new Array<number>(6000).fill(0);
      for (const x of times(spec, 6000 * 60e6)) counts[Math.min(5999, Math.floor(x / 60e6))]!++;
      const m = counts.reduce((p, q) => p + q, 0) / counts.length;
      const v = counts.reduce((p, q) => p + (q - m) ** 2, 0) / (counts.length - 1);
      return v / m;
    };
    expect(dispersion({ kind: "bursty", rate: 20, offRate: 1, meanOnUs: 120e6, meanOffUs: 600e6 })).toBeGreaterThan(10);
    expect(Math.abs(dispersion({ kind: "poisson", rate: 3 }) - 1)).toBeLessThan(0.1);
  });

  test("times never decrease, the same seed repeats, rate 0 never arrives", () => {
    const spec: ArrivalSpec = { kind: "bursty", rate: 50, offRate: 0, meanOnUs: 10e6, meanOffUs: 30e6 };
    const t = times(spec, HOUR);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThanOrEqual(t[i - 1]!);
    expect(times(spec, HOUR)).toEqual(t);
    expect(times(spec, HOUR, "2")).not.toEqual(t);
    expect(times({ kind: "poisson", rate: 0 }, HOUR)).toEqual([]);
  });
});

describe("validation", () => {
  const [a, p] = streams("v");
  test.for([
    [{ kind: "poisson", rate: -1 }, "invalid arrival rate: -1/s"],
    [{ kind: "diurnal", rate: 1, amplitude: 1.5, periodUs: HOUR, phase: 0 }, "invalid diurnal amplitude: 1.5"],
    [{ kind: "diurnal", rate: 1, amplitude: 0.5, periodUs: 0, phase: 0 }, "invalid diurnal period: 0s"],
    [{ kind: "bursty", rate: 1, offRate: 0, meanOnUs: 0, meanOffUs: 1 }, "invalid bursty mean on length: 0s"],
  ] as const)("%o is rejected: %s", ([spec, message]) => {
    expect(() => createArrivals(spec as ArrivalSpec, a, p)).toThrow(message);
  });
});
