/**
 * Autoscaling: the wanted replicas, the scale-down window, and a workload that scales up on a burst (each
 * new replica a cold start), never beyond max or the pool, and back down to min after the delay; GPU time
 * always sums to the pool's GPUs × duration; the work estimate is close to a run's event count.
 */
import { describe, expect, test } from "vitest";
import { desiredReplicas, ScaleDownWindow } from "../../../src/models/inference/autoscaler.ts";
import { estimateServingEvents } from "../../../src/models/inference/serving-estimate.ts";
import { simulateServing } from "../../../src/models/inference/simulate.ts";
import { totalGpuTime } from "../../../src/models/gpu-time.ts";
import { makeWorkload } from "../../helpers/inference.ts";

describe("desiredReplicas", () => {
  test.for([
    [0, 4, 1, 8, 1],
    [1, 4, 0, 8, 1],
    [0, 4, 0, 8, 0],
    [9, 4, 1, 8, 3],
    [100, 4, 1, 8, 8],
    [7, 5.6, 1, 8, 2],
  ] as const)("%i in flight at target %d within [%i, %i] → %i", ([inFlight, target, min, max, want]) => {
    expect(desiredReplicas(inFlight, target, min, max)).toBe(want);
  });
  test("bad targets and bounds throw", () => {
    expect(() => desiredReplicas(1, 0, 1, 2)).toThrow("invalid target concurrency: 0");
    expect(() => desiredReplicas(1, 1, 3, 2)).toThrow("invalid replica bounds: min 3 > max 2");
  });
});

describe("ScaleDownWindow", () => {
  test("scales down only after the wanted count stayed below for the whole delay, to the window's most", () => {
    const w = new ScaleDownWindow(10);
    expect(w.observe(0, 2, 4)).toBeUndefined(); // window opens
    expect(w.observe(6, 3, 4)).toBeUndefined();
    expect(w.observe(10, 1, 4)).toBe(3); // 10 µs below: down to the most wanted (3)
    expect(w.observe(12, 1, 3)).toBeUndefined(); // a new window
    expect(w.observe(14, 3, 3)).toBeUndefined(); // not below: closed
    expect(w.observe(30, 1, 3)).toBeUndefined(); // reopens at 30
    expect(w.observe(40, 1, 3)).toBe(1);
  });
});

describe("a workload under a burst", () => {
  test("scales up to max with one cold start per new replica, then back to min after the delay", () => {
    // 4 whole GPUs; 1 replica at first; a 60 s burst of 20 req/s (each ~1 s of service, concurrency 2) wants
    // ceil(20 / 2) = 10 → max 4; then silence: after the 30 s window the autoscaler drains down to 1.
    const w = makeWorkload(
      {
        replicas: { min: 1, max: 4, initial: 1 },
        concurrency: 2,
        startupUs: 10e6,
        autoscaling: { targetConcurrency: 2, scaleDownDelayUs: 30e6 },
        arrivals: { kind: "diurnal", rate: 10, amplitude: 1, periodUs: 240e6, phase: 0 },
        service: { prefillUs: 20_000, perTokenUs: 5_000, outputTokens: 200, outputDistribution: "fixed" },
        durationUs: 240e6,
      },
      { gpusPerNode: 4 },
    );
    const o = simulateServing([w], { nodes: 1, nicBytesPerSecond: 10e9, remoteDiskBytesPerSecond: Infinity }, 1)
      .outcomes[0]!;
    expect(o.peakReplicas).toBe(4);
    expect(o.coldStarts).toBeGreaterThanOrEqual(4);
    expect(o.loadUs.length).toBe(o.coldStartUs.length);
    // In the silent second half (rate(t) ≈ 0 near 3/4 of the period) the pool shrinks: some GPU time unallocated.
    expect(o.gpuTime.unallocated).toBeGreaterThan(0);
    expect(o.meanReplicas).toBeLessThan(4);
    expect(o.meanReplicas).toBeGreaterThan(1);
    expect(totalGpuTime(o.gpuTime)).toBeCloseTo(4 * 240e6, 0);
    expect(o.waitedForColdStart).toBeGreaterThan(0);
  });
});

describe("work estimate", () => {
  test("the expected events are within a factor of 2 of a run's", () => {
    const w = makeWorkload(
      {
        warmStart: true,
        arrivals: { kind: "poisson", rate: 5 },
        service: { prefillUs: 0, perTokenUs: 1000, outputTokens: 100, outputDistribution: "fixed" },
        durationUs: 3600e6,
      },
      { gpusPerNode: 2 },
    );
    const run = simulateServing([w], { nodes: 1, nicBytesPerSecond: 1e10, remoteDiskBytesPerSecond: Infinity }, 1);
    const ratio = estimateServingEvents(w) / run.events;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
