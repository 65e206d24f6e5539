/**
 * Tests for the seeded named random streams: reproducibility and independence of streams, the moments of
 * each distribution against their closed forms, Kolmogorov–Smirnov checks, and parameter validation.
 *
 * Statistical tolerances: with n = 200,000 draws from a fixed seed, a sample mean must lie within 5 standard
 * errors (√(σ²/n), σ² the true variance) of the true mean, and a sample variance within 5 standard errors
 * (√((m₄ − s⁴)/n), m₄ the sample fourth central moment) of the true variance. The seeds are fixed, so these
 * tests are deterministic; 5 standard errors keep them from being tuned to a lucky seed.
 */
import { describe, expect, test } from "vitest";
import { RandomStream, RandomStreams } from "../../src/sim/random.ts";

const N = 200_000;

function draw(n: number, f: () => number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = f();
  return xs;
}

function moments(xs: Float64Array): { mean: number; variance: number; m4: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean, variance: m2 / (xs.length - 1), m4: m4 / xs.length };
}

/** Kolmogorov–Smirnov statistic of the sample against the continuous CDF `cdf`. */
function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const sorted = xs.slice().sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Γ(x) for x > 0.5 by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 relative. */
function gamma(x: number): number {
  const z = x - 1;
  let a = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}

const weibullMean = (k: number, scale: number) => scale * gamma(1 + 1 / k);
const weibullVariance = (k: number, scale: number) => scale ** 2 * (gamma(1 + 2 / k) - gamma(1 + 1 / k) ** 2);

describe("RandomStreams", () => {
  const seq = (s: RandomStream, n = 20) => Array.from({ length: n }, () => s.next());

  test("the same seed and name give the same sequence", () => {
    expect(seq(new RandomStreams(7).stream("arrivals"))).toEqual(seq(new RandomStreams(7).stream("arrivals")));
  });

  test("the same seed and name give the same mixed sequence of distributions", () => {
    const mixed = (s: RandomStream) => [
      s.normal(0, 1),
      s.exponential(3),
      s.normal(5, 2),
      s.normal(5, 2),
      s.lognormal(0, 1),
      s.weibull(2, 1),
      s.int(0, 9),
      s.uniform(-1, 1),
    ];
    expect(mixed(new RandomStreams("x").stream("svc"))).toEqual(mixed(new RandomStreams("x").stream("svc")));
  });

  test("different seeds give different sequences", () => {
    expect(seq(new RandomStreams(7).stream("arrivals"))).not.toEqual(seq(new RandomStreams(8).stream("arrivals")));
  });

  test("different names give different sequences", () => {
    const streams = new RandomStreams(7);
    expect(seq(streams.stream("arrivals"))).not.toEqual(seq(streams.stream("service")));
  });

  test("the number seed 42 and the string seed '42' are the same seed", () => {
    expect(seq(new RandomStreams(42).stream("a"))).toEqual(seq(new RandomStreams("42").stream("a")));
  });

  test("creating other streams before or between draws does not change a stream's sequence", () => {
    const alone = seq(new RandomStreams(1).stream("arrivals"), 6);

    const crowded = new RandomStreams(1);
    crowded.stream("storage").next();
    const arrivals = crowded.stream("arrivals");
    const got: number[] = [];
    for (let i = 0; i < 6; i++) {
      got.push(arrivals.next());
      const other = crowded.stream(`component-${i}`);
      other.exponential(1);
      other.normal(0, 1);
    }
    expect(got).toEqual(alone);
  });

  test("stream(name) returns the same object, which continues its sequence", () => {
    const streams = new RandomStreams(3);
    const a = streams.stream("a");
    expect(streams.stream("a")).toBe(a);
    const first = a.next();
    expect(streams.stream("a").next()).not.toBe(first);
    expect(a.key).toBe("3/a");
    expect(streams.seed).toBe(3);
  });

  test("the sequence for a given seed and name never changes (stored runs must replay)", () => {
    expect(seq(new RandomStreams(42).stream("arrivals"), 3)).toEqual([
      0.0966915604909585, 0.9512710102925289, 0.5279200369362581,
    ]);
  });
});

describe("RandomStream distributions", () => {
  const lnMu = 0.2;
  const lnSigma = 0.5;
  const target = RandomStream.lognormalParams(100, 0.5);
  const rows = [
    { name: "next()", f: (s: RandomStream) => s.next(), mean: 0.5, variance: 1 / 12 },
    { name: "uniform(2, 5)", f: (s: RandomStream) => s.uniform(2, 5), mean: 3.5, variance: 9 / 12 },
    { name: "int(1, 6)", f: (s: RandomStream) => s.int(1, 6), mean: 3.5, variance: 35 / 12 },
    { name: "bernoulli(0.3)", f: (s: RandomStream) => Number(s.bernoulli(0.3)), mean: 0.3, variance: 0.21 },
    { name: "exponential(2.5)", f: (s: RandomStream) => s.exponential(2.5), mean: 2.5, variance: 6.25 },
    { name: "normal(10, 3)", f: (s: RandomStream) => s.normal(10, 3), mean: 10, variance: 9 },
    {
      name: "lognormal(0.2, 0.5)",
      f: (s: RandomStream) => s.lognormal(lnMu, lnSigma),
      mean: Math.exp(lnMu + lnSigma ** 2 / 2),
      variance: Math.expm1(lnSigma ** 2) * Math.exp(2 * lnMu + lnSigma ** 2),
    },
    {
      name: "lognormal with lognormalParams(100, 0.5)",
      f: (s: RandomStream) => s.lognormal(target.mu, target.sigma),
      mean: 100,
      variance: 50 ** 2,
    },
    { name: "weibull(1, 4)", f: (s: RandomStream) => s.weibull(1, 4), mean: 4, variance: 16 },
    {
      name: "weibull(2, 3)",
      f: (s: RandomStream) => s.weibull(2, 3),
      mean: (3 * Math.sqrt(Math.PI)) / 2,
      variance: 9 * (1 - Math.PI / 4),
    },
    {
      name: "weibull(1.5, 2)",
      f: (s: RandomStream) => s.weibull(1.5, 2),
      mean: weibullMean(1.5, 2),
      variance: weibullVariance(1.5, 2),
    },
  ] as const;

  test.for(rows)("$name has the closed-form mean and variance within 5 standard errors", (row) => {
    const s = new RandomStreams(20240601).stream(row.name);
    const m = moments(draw(N, () => row.f(s)));
    expect(Math.abs(m.mean - row.mean)).toBeLessThan(5 * Math.sqrt(row.variance / N));
    expect(Math.abs(m.variance - row.variance)).toBeLessThan(5 * Math.sqrt((m.m4 - m.variance ** 2) / N));
  });

  // Under independence the lag-1 sample autocorrelation has standard error ≈ 1/√n. This catches, for example,
  // a Box–Muller spare that repeats its partner.
  test.for(rows.filter((r) => ["next()", "normal(10, 3)", "exponential(2.5)"].includes(r.name)))(
    "consecutive $name samples are uncorrelated within 5 standard errors",
    (row) => {
      const s = new RandomStreams(77).stream(row.name);
      const xs = draw(N, () => row.f(s));
      const { mean, variance } = moments(xs);
      let c = 0;
      for (let i = 1; i < N; i++) c += ((xs[i] as number) - mean) * ((xs[i - 1] as number) - mean);
      expect(Math.abs(c / (N - 1) / variance)).toBeLessThan(5 / Math.sqrt(N));
    },
  );

  test("the Lanczos gamma used for Weibull moments matches known values", () => {
    expect(gamma(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 13);
    expect(gamma(2)).toBeCloseTo(1, 13);
    expect(gamma(5)).toBeCloseTo(24, 11);
  });

  // 1.63/√n is the asymptotic 1% critical value of the one-sample KS statistic.
  const ksCritical = 1.63 / Math.sqrt(N);

  test("exponential samples pass a Kolmogorov–Smirnov test at the 1% level", () => {
    const s = new RandomStreams(11).stream("ks-exponential");
    const xs = draw(N, () => s.exponential(2.5));
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-x / 2.5))).toBeLessThan(ksCritical);
  });

  test("uniform samples pass a Kolmogorov–Smirnov test at the 1% level", () => {
    const s = new RandomStreams(11).stream("ks-uniform");
    const xs = draw(N, () => s.uniform(2, 5));
    expect(ksStatistic(xs, (x) => (x - 2) / 3)).toBeLessThan(ksCritical);
  });

  test("int(lo, hi) hits both ends and nothing outside them", () => {
    const s = new RandomStreams(5).stream("dice");
    const seen = new Set(Array.from({ length: 10_000 }, () => s.int(-1, 2)));
    expect([...seen].sort((x, y) => x - y)).toEqual([-1, 0, 1, 2]);
    expect(s.int(5, 5)).toBe(5);
  });

  test("degenerate parameters give constant samples", () => {
    const s = new RandomStreams(5).stream("degenerate");
    expect(s.uniform(3, 3)).toBe(3);
    expect(s.bernoulli(0)).toBe(false);
    expect(s.bernoulli(1)).toBe(true);
    expect(s.normal(4, 0)).toBe(4);
    expect(s.lognormal(0, 0)).toBe(1);
    expect(RandomStream.lognormalParams(10, 0)).toEqual({ mu: Math.log(10), sigma: 0 });
  });
});

describe("parameter validation", () => {
  const s = new RandomStreams(0).stream("validation");
  const rows: ReadonlyArray<{ call: string; f: () => unknown; message: string }> = [
    { call: "exponential(-1)", f: () => s.exponential(-1), message: "invalid exponential mean: -1" },
    { call: "exponential(0)", f: () => s.exponential(0), message: "invalid exponential mean: 0" },
    { call: "exponential(NaN)", f: () => s.exponential(NaN), message: "invalid exponential mean: NaN" },
    { call: "exponential(Infinity)", f: () => s.exponential(Infinity), message: "invalid exponential mean: Infinity" },
    { call: "uniform(5, 1)", f: () => s.uniform(5, 1), message: "invalid uniform range: 5..1" },
    { call: "uniform(0, Infinity)", f: () => s.uniform(0, Infinity), message: "invalid uniform range: 0..Infinity" },
    { call: "uniform(NaN, 1)", f: () => s.uniform(NaN, 1), message: "invalid uniform range: NaN..1" },
    { call: "int(1.5, 3)", f: () => s.int(1.5, 3), message: "invalid int range: 1.5..3" },
    { call: "int(3, 1)", f: () => s.int(3, 1), message: "invalid int range: 3..1" },
    {
      call: "int(-MAX_SAFE, MAX_SAFE)",
      f: () => s.int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      message: "invalid int range: -9007199254740991..9007199254740991",
    },
    { call: "bernoulli(1.5)", f: () => s.bernoulli(1.5), message: "invalid bernoulli probability: 1.5" },
    { call: "bernoulli(-0.1)", f: () => s.bernoulli(-0.1), message: "invalid bernoulli probability: -0.1" },
    { call: "bernoulli(NaN)", f: () => s.bernoulli(NaN), message: "invalid bernoulli probability: NaN" },
    { call: "normal(NaN, 1)", f: () => s.normal(NaN, 1), message: "invalid normal mean: NaN" },
    { call: "normal(0, -1)", f: () => s.normal(0, -1), message: "invalid normal sd: -1" },
    { call: "lognormal(Infinity, 1)", f: () => s.lognormal(Infinity, 1), message: "invalid lognormal mu: Infinity" },
    { call: "lognormal(0, -0.5)", f: () => s.lognormal(0, -0.5), message: "invalid lognormal sigma: -0.5" },
    { call: "weibull(0, 1)", f: () => s.weibull(0, 1), message: "invalid weibull shape: 0" },
    { call: "weibull(1, -2)", f: () => s.weibull(1, -2), message: "invalid weibull scale: -2" },
    {
      call: "lognormalParams(0, 0.5)",
      f: () => RandomStream.lognormalParams(0, 0.5),
      message: "invalid lognormal mean: 0",
    },
    {
      call: "lognormalParams(1, -1)",
      f: () => RandomStream.lognormalParams(1, -1),
      message: "invalid lognormal cv: -1",
    },
    { call: "new RandomStreams(NaN)", f: () => new RandomStreams(NaN), message: "invalid seed: NaN" },
    { call: 'stream("")', f: () => new RandomStreams(1).stream(""), message: 'invalid stream name: ""' },
  ];

  test.for(rows)("$call throws a RangeError naming the bad value", ({ f, message }) => {
    // toThrow with an error instance checks both the class and the exact message.
    expect(f).toThrow(new RangeError(message));
  });

  test("a rejected call does not consume a draw", () => {
    const a = new RandomStreams(9).stream("a");
    const b = new RandomStreams(9).stream("a");
    expect(() => a.exponential(-1)).toThrow(RangeError);
    expect(a.next()).toBe(b.next());
  });
});
