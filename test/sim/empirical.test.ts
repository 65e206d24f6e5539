/**
 * Tests for percentile-table (empirical) distributions: the piecewise-linear quantile rule, flat tails, the
 * exact mean, sampling through a RandomStream, input validation, and a property test over random tables.
 *
 * Statistical tolerances: with n = 200,000 draws from a fixed seed, the sample quantile at probability p must
 * lie within [Q(p − 5·se), Q(p + 5·se)] with se = √(p(1 − p)/n), the standard error of the empirical CDF at p;
 * the sample mean must lie within 5 standard errors (sample sd / √n) of `mean()`.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { empiricalFromFioPercentiles, empiricalFromPercentiles } from "../../src/sim/empirical.ts";
import { RandomStreams } from "../../src/sim/random.ts";

/** A fio `clat` percentile record, in µs. */
const FIO = { "1.000000": 95, "50.000000": 180, "99.000000": 900, "99.990000": 4000 };

describe("empiricalFromPercentiles", () => {
  test("the normalized points add flat-tail end points at u = 0 and u = 1", () => {
    const d = empiricalFromFioPercentiles(FIO);
    expect(d.points).toEqual([
      { u: 0, value: 95 },
      { u: 0.01, value: 95 },
      { u: 0.5, value: 180 },
      { u: 0.99, value: 900 },
      { u: expect.closeTo(0.9999, 12), value: 4000 },
      { u: 1, value: 4000 },
    ]);
    expect(Object.isFrozen(d.points)).toBe(true);
  });

  test("the quantile is linear between given points", () => {
    const d = empiricalFromFioPercentiles(FIO);
    expect(d.quantile(0.5)).toBe(180);
    expect(d.quantile(0.255)).toBeCloseTo(95 + (180 - 95) * (0.245 / 0.49), 10);
    expect(d.quantile(0.745)).toBeCloseTo(540, 10);
    expect(
      empiricalFromPercentiles([
        { p: 0, value: 0 },
        { p: 100, value: 10 },
      ]).quantile(0.25),
    ).toBe(2.5);
  });

  test("the quantile is flat below the lowest and above the highest given percentile", () => {
    const d = empiricalFromFioPercentiles(FIO);
    expect([d.quantile(0), d.quantile(0.005), d.quantile(0.01)]).toEqual([95, 95, 95]);
    expect([d.quantile(0.99995), d.quantile(1)]).toEqual([4000, 4000]);
  });

  test("points at p = 0 and p = 100 define the ends instead of flat tails", () => {
    const d = empiricalFromPercentiles([
      { p: 0, value: 10 },
      { p: 50, value: 20 },
      { p: 100, value: 40 },
    ]);
    expect([0, 0.25, 0.5, 0.75, 1].map((u) => d.quantile(u))).toEqual([10, 15, 20, 30, 40]);
    expect(d.points).toHaveLength(3);
  });

  test.for([{ p: 0 }, { p: 50 }, { p: 100 }])("a single point at p = $p gives a constant distribution", ({ p }) => {
    const d = empiricalFromPercentiles([{ p, value: 7 }]);
    expect([d.quantile(0), d.quantile(0.3), d.quantile(1)]).toEqual([7, 7, 7]);
    expect(d.mean()).toBe(7);
  });

  test("mean() is the exact integral of the quantile function", () => {
    // 0.01·95 + 0.49·(95+180)/2 + 0.49·(180+900)/2 + 0.0099·(900+4000)/2 + 0.0001·4000
    expect(empiricalFromFioPercentiles(FIO).mean()).toBeCloseTo(357.58, 9);
    expect(
      empiricalFromPercentiles([
        { p: 0, value: 0 },
        { p: 100, value: 10 },
      ]).mean(),
    ).toBe(5);
  });

  test("fio keys are parsed as numbers and their order does not matter", () => {
    const shuffled = { "99.990000": 4000, "1.000000": 95, "99.000000": 900, "50.000000": 180 };
    expect(empiricalFromFioPercentiles(shuffled).points).toEqual(empiricalFromFioPercentiles(FIO).points);
  });
});

describe("sampling an empirical distribution", () => {
  const N = 200_000;
  const d = empiricalFromFioPercentiles(FIO);
  const stream = new RandomStreams(20240601).stream("empirical");
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = stream.empirical(d);
  const sorted = xs.slice().sort();

  test.for(Object.entries(FIO).map(([key, value]) => ({ p: Number(key), value })))(
    "the sampled p$p percentile reproduces the given $value within 5 standard errors",
    ({ p }) => {
      const u = p / 100;
      const se = Math.sqrt((u * (1 - u)) / N);
      const sample = sorted[Math.min(N - 1, Math.floor(u * N))] as number;
      expect(sample).toBeGreaterThanOrEqual(d.quantile(Math.max(0, u - 5 * se)));
      expect(sample).toBeLessThanOrEqual(d.quantile(Math.min(1, u + 5 * se)));
    },
  );

  test("the sample mean matches mean() within 5 standard errors", () => {
    let sum = 0;
    for (const x of xs) sum += x;
    const mean = sum / N;
    let ss = 0;
    for (const x of xs) ss += (x - mean) ** 2;
    const se = Math.sqrt(ss / (N - 1) / N);
    expect(Math.abs(mean - d.mean())).toBeLessThan(5 * se);
  });

  test("samples never leave [first value, last value]", () => {
    expect(sorted[0]).toBeGreaterThanOrEqual(95);
    expect(sorted[N - 1]).toBeLessThanOrEqual(4000);
  });
});

describe("invalid percentile tables", () => {
  test("an empty table is rejected", () => {
    expect(() => empiricalFromPercentiles([])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile table: no points]`,
    );
    expect(() => empiricalFromFioPercentiles({})).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile table: no points]`,
    );
  });

  test("decreasing values are rejected", () => {
    const table = [
      { p: 10, value: 100 },
      { p: 50, value: 180 },
      { p: 90, value: 150 },
    ];
    expect(() => empiricalFromPercentiles(table)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid value at index 2: 150 is less than 180]`,
    );
  });

  test("unsorted or repeated percentiles are rejected", () => {
    const unsorted = [
      { p: 10, value: 1 },
      { p: 50, value: 2 },
      { p: 40, value: 3 },
    ];
    expect(() => empiricalFromPercentiles(unsorted)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile at index 2: 40 is not greater than 50]`,
    );
    expect(() => empiricalFromFioPercentiles({ "50": 1, "50.000000": 2 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile at index 1: 50 is not greater than 50]`,
    );
  });

  test("percentiles outside [0, 100] are rejected", () => {
    expect(() => empiricalFromPercentiles([{ p: 100.5, value: 1 }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile at index 0: 100.5 is outside [0, 100]]`,
    );
    expect(() =>
      empiricalFromPercentiles([
        { p: 10, value: 1 },
        { p: -1, value: 2 },
      ]),
    ).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid percentile at index 1: -1 is outside [0, 100]]`);
  });

  test("NaN percentiles and non-finite values are rejected", () => {
    expect(() => empiricalFromPercentiles([{ p: NaN, value: 1 }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile at index 0: NaN is outside [0, 100]]`,
    );
    expect(() => empiricalFromPercentiles([{ p: 50, value: NaN }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid value at index 0: NaN is not finite]`,
    );
    expect(() =>
      empiricalFromPercentiles([
        { p: 50, value: 1 },
        { p: 60, value: Infinity },
      ]),
    ).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid value at index 1: Infinity is not finite]`);
  });

  test("fio keys that are not numbers are rejected", () => {
    expect(() => empiricalFromFioPercentiles({ p99: 900 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile key: "p99"]`,
    );
    expect(() => empiricalFromFioPercentiles({ "": 900 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid percentile key: ""]`,
    );
  });

  test("quantile probabilities outside [0, 1] are rejected", () => {
    const d = empiricalFromFioPercentiles(FIO);
    expect(() => d.quantile(1.5)).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid quantile probability: 1.5]`);
    expect(() => d.quantile(NaN)).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid quantile probability: NaN]`);
  });
});

/** Any valid table: 1–12 distinct percentiles in [0, 100] and as many finite values, both sorted. */
const validTable = fc
  .uniqueArray(
    fc.record({
      p: fc.double({ min: 0, max: 100, noNaN: true }),
      value: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    }),
    { minLength: 1, maxLength: 12, selector: (r) => r.p, comparator: "SameValueZero" },
  )
  .map((rows) => {
    const ps = rows.map((r) => r.p).sort((a, b) => a - b);
    const values = rows.map((r) => r.value).sort((a, b) => a - b);
    return ps.map((p, i) => ({ p, value: values[i] as number }));
  });

const probabilities = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 })
  .map((us) => [0, ...us, 1].sort((a, b) => a - b));

propTest.prop([validTable, probabilities], { seed: 20240601, numRuns: 500 })(
  "for any valid table the quantile is non-decreasing in u and stays within [first value, last value]",
  (table, us) => {
    const d = empiricalFromPercentiles(table);
    const first = (table[0] as { value: number }).value;
    const last = (table[table.length - 1] as { value: number }).value;
    let prev = -Infinity;
    for (const u of us) {
      const q = d.quantile(u);
      expect(q).toBeGreaterThanOrEqual(prev);
      expect(q).toBeGreaterThanOrEqual(first);
      expect(q).toBeLessThanOrEqual(last);
      prev = q;
    }
  },
);
