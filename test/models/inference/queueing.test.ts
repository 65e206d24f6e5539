/**
 * Serving against queueing theory and itself: Poisson arrivals on a fixed number of warm replicas with
 * exponential service reproduce the M/M/c (Erlang C) mean wait; TTFT percentiles never fall as load rises
 * (one seed: a higher rate moves every arrival earlier, and FIFO waits are monotone in arrival times); the
 * same seed gives the same bytes; a scale-from-zero trace computed by hand.
 */
import { describe, expect, test } from "vitest";
import { summarize } from "../../../src/models/inference/latency-stats.ts";
import { simulateServing } from "../../../src/models/inference/simulate.ts";
import type { InferenceWorkload } from "../../../src/models/inference/workload.ts";
import { makeWorkload } from "../../helpers/inference.ts";
import { mmcWait } from "../../helpers/queues.ts";

const fabric = { nodes: 1, nicBytesPerSecond: 10e9, remoteDiskBytesPerSecond: Infinity };

/** c warm whole-GPU replicas of concurrency 1, Poisson λ, exponential service of mean 1/μ (no prefill). */
function mmc(lambda: number, mu: number, c: number, durationUs: number): InferenceWorkload {
  return makeWorkload(
    {
      warmStart: true,
      concurrency: 1,
      arrivals: { kind: "poisson", rate: lambda },
      // Service = output tokens × 1 ms with exponential tokens of mean 1000/μ: exponential, mean 1/μ s.
      service: { prefillUs: 0, perTokenUs: 1000, outputTokens: 1000 / mu, outputDistribution: "exponential" },
      durationUs,
    },
    { gpusPerNode: c },
  );
}

describe("M/M/c", () => {
  test("M/M/3 at ρ = 0.7: the mean wait (TTFT without prefill) is within 3% of Erlang C over ~10^6 requests", () => {
    const [lambda, mu, c] = [2.1, 1, 3];
    const o = simulateServing([mmc(lambda, mu, c, 500_000e6)], fabric, 11).outcomes[0]!;
    expect(o.arrived).toBeGreaterThan(1_000_000);
    const meanWait = summarize(o.waitUs).mean / 1e6;
    const theory = mmcWait(lambda, mu, c); // C(3, 2.1) / (3 − 2.1) ≈ 0.547 s
    expect(Math.abs(meanWait - theory) / theory).toBeLessThan(0.03);
    expect(summarize(o.ttftUs).mean).toBe(summarize(o.waitUs).mean);
    // Utilisation: GPU time busy ≈ P(server busy) = ρ per GPU.
    expect(o.gpuTime.compute / (c * o.durationUs)).toBeCloseTo(lambda / (c * mu), 2);
  });

  test("M/M/1 at ρ = 0.5: mean wait ρ / (μ − λ) = 1 s within 3%", () => {
    const o = simulateServing([mmc(0.5, 1, 1, 1_000_000e6)], fabric, 5).outcomes[0]!;
    expect(Math.abs(summarize(o.waitUs).mean / 1e6 - 1)).toBeLessThan(0.03);
  });
});

describe("TTFT is monotone in load", () => {
  test("p50, p95 and p99 never fall as the arrival rate rises (3 warm replicas, one seed)", () => {
    const rates = [0.5, 1, 1.5, 2, 2.4, 2.7];
    const runs = rates.map((rate) => {
      const w = mmc(rate, 1, 3, 20_000e6);
      const prefilled = { ...w, service: { ...w.service, prefillUs: 30_000 } };
      return summarize(simulateServing([prefilled], fabric, 3).outcomes[0]!.ttftUs);
    });
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.p50).toBeGreaterThanOrEqual(runs[i - 1]!.p50);
      expect(runs[i]!.p95).toBeGreaterThanOrEqual(runs[i - 1]!.p95);
      expect(runs[i]!.p99).toBeGreaterThanOrEqual(runs[i - 1]!.p99);
    }
    expect(runs[0]!.p50).toBe(30_000);
    expect(runs.at(-1)!.p99).toBeGreaterThan(runs[0]!.p99);
  });
});

describe("determinism", () => {
  const bursty = (seedName: string) =>
    makeWorkload(
      {
        name: seedName,
        streams: seedName,
        replicas: { min: 1, max: 4, initial: 1 },
        concurrency: 2,
        startupUs: 5e6,
        autoscaling: { targetConcurrency: 1.4, scaleDownDelayUs: 20e6 },
        arrivals: { kind: "bursty", rate: 8, offRate: 0.5, meanOnUs: 30e6, meanOffUs: 60e6 },
        service: { prefillUs: 40_000, perTokenUs: 6000, outputTokens: 200, outputDistribution: "exponential" },
        durationUs: 1800e6,
      },
      { gpusPerNode: 4 },
    );

  test("the same seed gives byte-identical outcomes; another seed does not", () => {
    const a = JSON.stringify(simulateServing([bursty("x")], fabric, 1).outcomes);
    const b = JSON.stringify(simulateServing([bursty("x")], fabric, 1).outcomes);
    const c = JSON.stringify(simulateServing([bursty("x")], fabric, 2).outcomes);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  test("two workloads with the same traffic name see identical requests", () => {
    const [a, b] = simulateServing([bursty("x"), { ...bursty("y"), streams: "x" }], fabric, 1).outcomes;
    expect(b!.arrived).toBe(a!.arrived);
    expect(b!.ttftUs).toEqual(a!.ttftUs);
  });
});

describe("a hand-checked cold start from zero", () => {
  test("the first request waits for start-up + load, then prefill: TTFT = 5 s + 8 GB / 2 GB/s + 40 ms", () => {
    // min 0: nothing runs until the only arrival (Poisson 0.02/s, seed 1: at 84.98 s); the autoscaler starts
    // one replica then; it starts up for 5 s, loads 8 GB through a 2 GB/s NIC in 4 s, then serves:
    // TTFT = 9 s + 40 ms prefill. Idle for the 60 s scale-down window, it is then stopped (min 0).
    const w = makeWorkload({
      model: { name: "m", bytes: 8e9 },
      replicas: { min: 0, max: 1, initial: 0 },
      startupUs: 5e6,
      arrivals: { kind: "poisson", rate: 0.02 },
      service: { prefillUs: 40_000, perTokenUs: 1000, outputTokens: 10, outputDistribution: "fixed" },
      durationUs: 200e6,
    });
    const o = simulateServing([w], { ...fabric, nicBytesPerSecond: 2e9 }, 1).outcomes[0]!;
    expect(o.arrived).toBe(1);
    expect(o.coldStarts).toBe(1);
    expect(o.loadUs).toEqual([4_000_000]);
    expect(o.coldStartUs).toEqual([9_000_000]);
    expect(o.ttftUs[0]).toBe(9_040_000);
    expect(o.waitedForColdStart).toBe(1);
    // GPU time: 5 s start-up, 4 s load, 50 ms serving (40 ms prefill + 10 tokens × 1 ms), then idle until the
    // scale-down (60 s after the first 2 s tick that saw nothing in flight), the rest unallocated.
    expect(o.gpuTime.startup).toBe(5e6);
    expect(o.gpuTime.modelLoad).toBe(4e6);
    expect(o.gpuTime.compute).toBe(50_000);
    expect(o.gpuTime.idleWarm).toBeGreaterThanOrEqual(60e6);
    expect(o.gpuTime.idleWarm).toBeLessThanOrEqual(62e6);
    expect(o.peakReplicas).toBe(1);
    expect(Object.values(o.gpuTime).reduce((x, y) => x + y, 0)).toBe(200e6);
  });
});
