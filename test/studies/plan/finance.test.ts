/**
 * The planner's finance answers checked by hand: idle GPU-hours and dollars per year at a design's run rate, and
 * the payback of a faster tier (extra storage $/month against idle GPU $/month saved).
 */
import { describe, expect, test } from "vitest";
import { idleCost, payback, paybackMonths } from "../../../src/studies/plan/finance.ts";
import type { ScenarioResult } from "../../../src/scenarios/result.ts";

/** A result with only what the finance functions read. */
function result(o: {
  wallHours: number;
  gpuHours: number;
  compute: number;
  storageMonthly: number;
  gpuUsdPerHour: number;
}) {
  const idleHours = o.gpuHours - o.compute;
  return {
    wallHours: o.wallHours,
    gpuHours: { total: o.gpuHours, byCause: { compute: o.compute } },
    storage: [{ monthlyUsd: o.storageMonthly }],
    cost: { idlePerYearUsd: ((idleHours * o.gpuUsdPerHour) / o.wallHours) * 8760 },
  } as unknown as ScenarioResult;
}

describe("finance", () => {
  // 8 GPUs at $4/GPU-hour for 100 h: 800 GPU-hours. Slow tier: 80% utilisation (160 idle GPU-hours), storage
  // $100/month. Fast tier, over the same 100 h: 95% (40 idle GPU-hours), storage $600/month.
  const slow = result({ wallHours: 100, gpuHours: 800, compute: 640, storageMonthly: 100, gpuUsdPerHour: 4 });
  const fast = result({ wallHours: 100, gpuHours: 800, compute: 760, storageMonthly: 600, gpuUsdPerHour: 4 });

  test("idle cost per year: 160 idle GPU-hours per 100 h → 14,016 GPU-hours and $56,064 a year", () => {
    // 160 / 100 × 8,760 = 14,016 GPU-hours; × $4 = $56,064.
    const c = idleCost(slow);
    expect(c.idleGpuHoursPerYear).toBeCloseTo(14_016, 9);
    expect(c.idleUsdPerYear).toBeCloseTo(56_064, 9);
  });

  test("payback: +$500/month storage against $3,504/month idle saved pays back in 0.1427 months", () => {
    // Idle $/month: slow 160 × 4 / 100 × 730 = $4,672; fast 40 × 4 / 100 × 730 = $1,168; saved $3,504.
    // Extra storage $600 − $100 = $500; net $3,004/month; payback 500 / 3,504 = 0.142694… months (≈ 4.3 days).
    const p = payback(slow, fast);
    expect(p.extraStorageUsdPerMonth).toBeCloseTo(500, 9);
    expect(p.idleUsdSavedPerMonth).toBeCloseTo(3_504, 9);
    expect(p.netUsdPerMonth).toBeCloseTo(3_004, 9);
    expect(p.paybackMonths).toBeCloseTo(500 / 3_504, 12);
  });

  test("a faster tier that saves less than it adds never pays back", () => {
    const barelyFaster = result({ wallHours: 100, gpuHours: 800, compute: 650, storageMonthly: 600, gpuUsdPerHour: 4 });
    // Saved (160 − 150) × 4 / 100 × 730 = $292 < $500 extra.
    const p = payback(slow, barelyFaster);
    expect(p.idleUsdSavedPerMonth).toBeCloseTo(292, 9);
    expect(p.paybackMonths).toBe(Infinity);
  });

  test.for([
    { extra: 500, saved: 3504, months: 500 / 3504 },
    { extra: 500, saved: 500, months: Infinity },
    { extra: 500, saved: 0, months: Infinity },
    { extra: -50, saved: 10, months: 0 },
    { extra: 0, saved: 0, months: Infinity },
  ] as const)("paybackMonths($extra, $saved) = $months", ({ extra, saved, months }) => {
    expect(paybackMonths(extra, saved)).toBe(months);
  });

  test("paybackMonths rejects what is not finite", () => {
    expect(() => paybackMonths(NaN, 1)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid extra storage usd per month: NaN]`,
    );
  });
});
