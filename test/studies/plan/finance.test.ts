/**
 * The planner's finance answers checked by hand on alternatives built by the result builder: idle GPU-hours and
 * dollars in the run and per year at its run rate, and what a faster tier buys (storage $/month, hours sooner,
 * cost to finish, run rate and idle $/month).
 */
import { describe, expect, test } from "vitest";
import { emptyGpuTime } from "../../../src/models/gpu-time.ts";
import { finishAlternative, priced } from "../../../src/scenarios/result/index.ts";
import { alternativeTimeline } from "../../../src/scenarios/result/timeline.ts";
import { fasterTier, idleCost, storageMonthlyOf } from "../../../src/studies/plan/finance.ts";

/** 8 GPUs at $4/GPU-hour for `wallHours`, `compute` GPU-hours of compute, the rest data wait; storage at $/month. */
function alternative(wallHours: number, compute: number, storageMonthly: number) {
  const byCause = { ...emptyGpuTime(), compute, dataWait: 8 * wallHours - compute };
  return finishAlternative({
    name: "train",
    kind: "job",
    description: "",
    gpus: 8,
    wallHours,
    gpuHoursByCause: byCause,
    gpuUsdByCause: priced(byCause, 4),
    storage: [
      {
        name: "data",
        preset: "ebs-gp3",
        scope: "pod",
        zone: null,
        capacityBytes: 1e12,
        volumes: 1,
        iops: null,
        bytesPerSecond: null,
        monthlyUsd: storageMonthly,
        usd: (storageMonthly * wallHours) / 730,
        adjustments: [],
      },
    ],
    egressUsd: 0,
    jobs: [],
    inference: [],
    timeline: alternativeTimeline([], ["data"], Math.round(wallHours * 3.6e9)),
    owned: { capexUsdPerGpu: 30_000, lifeYears: 5 },
  });
}

describe("finance", () => {
  // The same work (640 compute GPU-hours) two ways. Slow tier: 100 h, 800 GPU-hours (80%), storage $100/month.
  // Fast tier: 85 h, 680 GPU-hours (94.1%), storage $600/month.
  const slow = alternative(100, 640, 100);
  const fast = alternative(85, 640, 600);

  test("idle cost: 160 idle GPU-hours = $640 in the run; per 100 h → 14,016 GPU-hours and $56,064 a year", () => {
    const c = idleCost(slow);
    expect(c.idleGpuHours).toBeCloseTo(160, 9);
    expect(c.idleUsd).toBeCloseTo(640, 9);
    // 160 / 100 × 8,760 = 14,016 GPU-hours; × $4 = $56,064.
    expect(c.idleGpuHoursPerYear).toBeCloseTo(14_016, 9);
    expect(c.idleUsdPerYear).toBeCloseTo(56_064, 9);
    expect(storageMonthlyOf(slow)).toBe(100);
  });

  test("a faster tier: +$500/month storage, 15 h sooner, $423.84 less to finish; the same GPU bill per month", () => {
    const t = fasterTier(slow, fast);
    expect(t.extraStorageUsdPerMonth).toBeCloseTo(500, 9);
    expect(t.hoursSooner).toBeCloseTo(15, 9);
    // Slow: 800 × $4 + $100 × 100/730 = $3,213.70; fast: 680 × $4 + $600 × 85/730 = $2,789.86.
    expect(t.costToFinishDeltaUsd).toBeCloseTo(2720 + (600 * 85) / 730 - (3200 + (100 * 100) / 730), 9);
    // Run rate: 8 GPUs × $4 × 730 h = $23,360 either way, plus the storage bill: +$500/month.
    expect(t.runRateDeltaUsdPerMonth).toBeCloseTo(500, 6);
    // Idle $/month: slow 160 × 4 / 100 × 730 = $4,672; fast 40 × 4 / 85 × 730 = $1,374.12.
    expect(t.idleUsdSavedPerMonth).toBeCloseTo(4672 - (40 * 4 * 730) / 85, 6);
  });
});
