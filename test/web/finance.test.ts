/**
 * The finance card's owned-GPU view: the seed article's figure computed from a simulated alternative
 * ("a $40,000 GPU idle 25% of the time misses $10,000 of value a year", a one-year life), and the same
 * figures as the model's own `cost.owned` when the inputs are the scenario's.
 */
import { describe, expect, test } from "vitest";
import { ownedView } from "../../web/views/finance-card.ts";
import type { AlternativeResult } from "../../web/types.ts";
import { sampleAlternative } from "./fixtures.ts";

/** The alternative with its compute share set to `compute` (the rest idle), GPU-hours kept. */
function withComputeShare(a: AlternativeResult, compute: number): AlternativeResult {
  const byCause = Object.fromEntries(Object.keys(a.gpuHours.byCause).map((c) => [c, 0])) as typeof a.gpuHours.byCause;
  byCause.compute = compute * a.gpuHours.total;
  byCause.idle = (1 - compute) * a.gpuHours.total;
  return { ...a, gpuHours: { ...a.gpuHours, byCause } };
}

describe("ownedView", () => {
  test("the seed's example: $40,000, 25% idle, a one-year life → $10,000 per GPU-year", () => {
    const a = withComputeShare(sampleAlternative(), 0.75);
    const v = ownedView(a, 40_000, 1);
    expect(v.idleShare).toBeCloseTo(0.25, 12);
    expect(v.ownedIdlePerGpuYear).toBeCloseTo(10_000, 6);
    expect(v.ownedIdlePerYear).toBeCloseTo(10_000 * a.gpus, 4);
    // Spread over five years the same GPU wastes a fifth as much per year.
    expect(ownedView(a, 40_000, 5).ownedIdlePerGpuYear).toBeCloseTo(2_000, 6);
  });

  test("with the scenario's capex and life it gives the model's owned figures", () => {
    const a = sampleAlternative();
    const v = ownedView(a, a.cost.owned.capexUsdPerGpu, a.cost.owned.lifeYears);
    expect(v.usdPerGpuHour).toBeCloseTo(a.cost.owned.usdPerGpuHour, 9);
    expect(v.ownedIdlePerYear).toBeCloseTo(a.cost.owned.idlePerYearUsd, 4);
    expect(v.rentedIdlePerYear).toBe(a.cost.runRate.idlePerYearUsd);
  });
});
