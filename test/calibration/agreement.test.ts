import { describe, expect, test } from "vitest";
import { agreement, mean, t975, variance } from "../../calibration/replay/agreement.ts";

describe("agreement of noisy predictions and measurements", () => {
  test("the error is the difference of the means, its SE Welch's from both spreads", () => {
    // predicted 1, 3: mean 2, variance 2; measured 2, 2, 2: variance 0 → SE √(2/2) = 1.
    expect(agreement([1, 3], [2, 2, 2])).toEqual({ error: 0, se: 1, df: 1 });
    // predicted 0.7, 0.7 (no spread) vs measured 0.5, 0.6, 0.7: error 0.1, SE √(0.01/3).
    const a = agreement([0.7, 0.7], [0.5, 0.6, 0.7]);
    expect(a.error).toBeCloseTo(0.1, 12);
    expect(a.se).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
  });

  test("Welch–Satterthwaite degrees of freedom: n_p + n_m − 2 for equal sizes and spreads; the t quantile from the table", () => {
    expect(agreement([1, 2, 3, 4], [2, 3, 4, 5]).df).toBeCloseTo(6, 12);
    expect(agreement([1, 1], [2, 2]).df).toBe(Infinity);
    expect(t975(1)).toBe(12.706);
    expect(t975(4.7)).toBe(2.776); // the whole number below: a wider interval
    expect(t975(30)).toBe(2.042);
    expect(t975(31)).toBe(1.96);
    expect(t975(Infinity)).toBe(1.96);
    expect(t975(0.5)).toBe(12.706);
  });

  test("one value has no spread; an empty list is an error", () => {
    expect(variance([5])).toBe(0);
    expect(mean([5])).toBe(5);
    expect(agreement([0.5], [0.4]).se).toBe(0);
    expect(() => agreement([], [1])).toThrow(RangeError);
  });
});
