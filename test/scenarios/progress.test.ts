/**
 * Progress units (src/scenarios/progress.ts): for any job weights and any order of reports, `done` never
 * goes back, stays within `total = jobs × replications × 1000`, and the last job's end reports `total`.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { progressReporter } from "../../src/scenarios/progress.ts";

describe("progressReporter", () => {
  test("shares follow the weights; the end of the last job is (total, total)", () => {
    const calls: [number, number][] = [];
    const reporter = progressReporter([1, 3], 2, (d, t) => calls.push([d, t]));
    reporter(0)(0, 0.5);
    reporter(0)(0, 1);
    reporter(0)(1, 0.5);
    reporter(0)(1, 1);
    reporter(1)(0, 1);
    reporter(1)(1, 1);
    expect(calls).toEqual([
      [250, 4000],
      [500, 4000],
      [1250, 4000],
      [2000, 4000],
      [2500, 4000],
      [4000, 4000],
    ]);
  });

  test("without a callback nothing is reported", () => {
    expect(() => progressReporter([1], 1, undefined)(0)(0, 1)).not.toThrow();
  });

  propTest.prop(
    [
      fc.array(fc.double({ min: 1, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
    ],
    { seed: 5, numRuns: 200 },
  )("done never goes back and ends at jobs × replications × 1000", (weights, reps, fractions) => {
    const calls: [number, number][] = [];
    const reporter = progressReporter(weights, reps, (d, t) => calls.push([d, t]));
    for (let r = 0; r < reps; r++) {
      for (let j = 0; j < weights.length; j++) {
        let high = 0;
        for (const f of fractions) reporter(r)(j, (high = Math.max(high, f)));
        reporter(r)(j, 1);
      }
    }
    const total = weights.length * reps * 1000;
    expect(calls.at(-1)).toEqual([total, total]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(calls.every(([d, t]) => t === total && d >= 0 && d <= total)).toBe(true);
  });
});
