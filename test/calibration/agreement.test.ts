import { describe, expect, test } from "vitest";
import { agreement, mean, variance } from "../../calibration/replay/agreement.ts";

describe("agreement of noisy predictions and measurements", () => {
  test("the error is the difference of the means, its SE Welch's from both spreads", () => {
    // predicted 1, 3: mean 2, variance 2; measured 2, 2, 2: variance 0 → SE √(2/2) = 1.
    expect(agreement([1, 3], [2, 2, 2])).toEqual({ error: 0, se: 1 });
    // predicted 0.7, 0.7 (no spread) vs measured 0.5, 0.6, 0.7: error 0.1, SE √(0.01/3).
    const a = agreement([0.7, 0.7], [0.5, 0.6, 0.7]);
    expect(a.error).toBeCloseTo(0.1, 12);
    expect(a.se).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
  });

  test("one value has no spread; an empty list is an error", () => {
    expect(variance([5])).toBe(0);
    expect(mean([5])).toBe(5);
    expect(agreement([0.5], [0.4]).se).toBe(0);
    expect(() => agreement([], [1])).toThrow(RangeError);
  });
});
