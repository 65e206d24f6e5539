/**
 * Model loading through the shared storage fabric: MIG instances and whole GPUs on one node contend for the
 * node's NIC (and a GPU's instances for its PCIe link) exactly as max-min fair sharing says; the page cache
 * serves later loads on a node; more storage bandwidth never makes a cold start slower (fast-check).
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { simulateServing } from "../../../src/models/inference/simulate.ts";
import { totalGpuTime } from "../../../src/models/gpu-time.ts";
import { makeWorkload, plainStore } from "../../helpers/inference.ts";

const nic = (bytesPerSecond: number, nodes = 1) => ({
  nodes,
  nicBytesPerSecond: bytesPerSecond,
  remoteDiskBytesPerSecond: Infinity,
});
const GB = 1e9;

describe("seven instances loading one model on one node", () => {
  test("share a 12.5 GB/s NIC exactly: each moves 16 GB at 12.5/7 GB/s, so all finish at 7 × 16 / 12.5 = 8.96 s", () => {
    // H200 1g.18gb instances hold the 16 GB model; nothing but the NIC limits the loads (store unlimited,
    // zero latency, PCIe 1 PB/s, no start-up). Max-min: 7 equal flows on one 12.5 GB/s constraint get
    // 12.5/7 GB/s each, so each takes 16 / (12.5/7) = 7 × 16 / 12.5 = 8.96 s.
    const seven = makeWorkload(
      { model: { name: "m", bytes: 16 * GB } },
      { gpu: "h200", mig: Array(7).fill("1g.18gb") },
    );
    const o = simulateServing([seven], nic(12.5 * GB), 1).outcomes[0]!;
    expect(o.loadUs).toHaveLength(7);
    for (const t of o.loadUs) expect(Math.abs(t - 8_960_000)).toBeLessThanOrEqual(1);
    // One replica alone: 16 / 12.5 = 1.28 s. Seven take at least as long as one.
    const one = makeWorkload({ model: { name: "m", bytes: 16 * GB } }, { gpu: "h200" });
    const alone = simulateServing([one], nic(12.5 * GB), 1).outcomes[0]!;
    expect(Math.abs(alone.loadUs[0]! - 1_280_000)).toBeLessThanOrEqual(1);
    expect(Math.min(...o.loadUs)).toBeGreaterThanOrEqual(alone.loadUs[0]!);
    // GPU time: 7 instances × 1/7 GPU × 8.96 s of model load, the rest of 60 s warm and idle.
    expect(o.gpuTime.modelLoad).toBeCloseTo(8_960_000, 0);
    expect(o.gpuTime.idleWarm).toBeCloseTo(60e6 - 8_960_000, 0);
    expect(o.bytesLoaded).toBe(7 * 16 * GB);
  });

  test("seven whole GPUs on one node contend for its NIC the same way", () => {
    const w = makeWorkload({ model: { name: "m", bytes: 16 * GB } }, { gpu: "h200", gpusPerNode: 7 });
    const o = simulateServing([w], nic(12.5 * GB), 1).outcomes[0]!;
    for (const t of o.loadUs) expect(Math.abs(t - 8_960_000)).toBeLessThanOrEqual(1);
    expect(o.gpuTime.modelLoad).toBeCloseTo(7 * 8_960_000, 0);
  });

  test("instances of one GPU share its PCIe link; whole GPUs each have their own", () => {
    // NIC unlimited, PCIe 10 GB/s per GPU: 7 instances on one GPU: 7 × 8 / 10 = 5.6 s; 7 GPUs: 8 / 10 = 0.8 s.
    const common = { model: { name: "m", bytes: 8 * GB }, hostLinkBytesPerSecond: 10 * GB };
    const mig = simulateServing([makeWorkload(common, { mig: Array(7).fill("1g.10gb") })], nic(Infinity), 1);
    const whole = simulateServing([makeWorkload(common, { gpusPerNode: 7 })], nic(Infinity), 1);
    for (const t of mig.outcomes[0]!.loadUs) expect(Math.abs(t - 5_600_000)).toBeLessThanOrEqual(1);
    for (const t of whole.outcomes[0]!.loadUs) expect(Math.abs(t - 800_000)).toBeLessThanOrEqual(1);
  });

  test("pools on different nodes do not share a NIC, and a shared volume ceiling is shared across them", () => {
    const a = makeWorkload({ name: "a", streams: "a", model: { name: "m", bytes: 10 * GB } }, { firstNode: 0 });
    const b = makeWorkload({ name: "b", streams: "b", model: { name: "m", bytes: 10 * GB } }, { firstNode: 1 });
    const apart = simulateServing([a, b], nic(10 * GB, 2), 1).outcomes;
    expect(apart.map((o) => o.loadUs[0])).toEqual([1_000_000, 1_000_000]);
    // The same two pools reading one shared 10 GB/s file system: 5 GB/s each, 2 s.
    const store = plainStore(10 * GB);
    const shared = simulateServing(
      [
        { ...a, storage: store },
        { ...b, storage: store },
      ],
      nic(Infinity, 2),
      1,
    ).outcomes;
    expect(shared.map((o) => o.loadUs[0])).toEqual([2_000_000, 2_000_000]);
  });
});

describe("page cache", () => {
  test("a node that loaded the model serves the next load from host memory at PCIe speed", () => {
    // Replica 1 loads at t = 0 from storage (8 GB at 1 GB/s = 8 s) and serves the first request for 100 s;
    // the second request (Poisson, 0.1/s; at ≈ 13 s with this seed) wants a second replica, which reads the
    // model from the node's page cache at the 64 GB/s PCIe link: 8 / 64 = 0.125 s.
    const w = makeWorkload(
      {
        model: { name: "m", bytes: 8 * GB },
        hostLinkBytesPerSecond: 64 * GB,
        loader: { streams: 1, requestBytes: 16 * 2 ** 20, pageCache: true },
        replicas: { min: 1, max: 2, initial: 1 },
        autoscaling: { targetConcurrency: 1, scaleDownDelayUs: 600e6 },
        arrivals: { kind: "poisson", rate: 0.1 },
        service: { prefillUs: 0, perTokenUs: 1e6, outputTokens: 100, outputDistribution: "fixed" },
        durationUs: 30e6,
      },
      { gpusPerNode: 2 },
    );
    const o = simulateServing([w], nic(1 * GB), 3).outcomes[0]!;
    expect(o.loadUs[0]).toBe(8_000_000);
    expect(o.coldStarts).toBe(2);
    expect(o.loadUs[1]).toBe(125_000);
    expect(o.bytesFromStorage).toBe(8 * GB);
  });
});

describe("more storage bandwidth never slows a cold start", () => {
  const arb = fc.record({
    replicas: fc.integer({ min: 1, max: 7 }),
    gb: fc.integer({ min: 1, max: 16 }),
    slow: fc.double({ min: 0.1, max: 50, noNaN: true }),
    factor: fc.double({ min: 1, max: 10, noNaN: true }),
    volume: fc.double({ min: 0.5, max: 50, noNaN: true }),
    startup: fc.integer({ min: 0, max: 5_000_000 }),
  });
  propTest.prop([arb], { seed: 7, numRuns: 60 })(
    "raising the NIC bandwidth never increases any load or cold-start time",
    ({ replicas, gb, slow, factor, volume, startup }) => {
      const run = (bw: number) => {
        const w = makeWorkload(
          { model: { name: "m", bytes: gb * GB }, storage: plainStore(volume * GB), startupUs: startup },
          { gpu: "h200", mig: Array(replicas).fill("1g.18gb") },
        );
        const o = simulateServing([w], nic(bw * GB), 1).outcomes[0]!;
        expect(totalGpuTime(o.gpuTime)).toBeCloseTo(60e6, 0);
        return o;
      };
      const a = run(slow);
      const b = run(slow * factor);
      for (let i = 0; i < a.loadUs.length; i++) {
        expect(b.loadUs[i]!).toBeLessThanOrEqual(a.loadUs[i]!);
        expect(b.coldStartUs[i]!).toBeLessThanOrEqual(a.coldStartUs[i]!);
      }
    },
  );
});
