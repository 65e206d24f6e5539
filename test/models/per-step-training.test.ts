/**
 * The per-step training model against MLPerf Storage's AU rule, against Poisson failure counts, and as
 * properties (more bandwidth never increases data wait; async never costs more GPU time than sync; causes
 * sum to the total; same seed, same bytes).
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { totalGpuTime } from "../../src/models/gpu-time.ts";
import type { CheckpointPolicy, FailurePolicy } from "../../src/models/training/job.ts";
import { hours, minutes, s } from "../../src/sim/time.ts";
import { runPerStep, syntheticStorage, unet3dJob } from "../helpers/training.ts";

// unet3d on H100 (mlcommons/storage configs/dlio/workload, via shared/reference/domain-facts.md §7.1):
// 7 samples of 146.6 MB per step per accelerator, 0.323 s of compute per step.
const BATCH_BYTES = 7 * 146.6e6;
const COMPUTE_S = 0.323;
const DEMAND_100 = BATCH_BYTES / COMPUTE_S; // bytes/s per accelerator to never wait

describe("MLPerf Storage unet3d on 8 × H100", () => {
  test("with unlimited storage AU is ~100% (only the first step waits, and MLPerf excludes it)", () => {
    const o = runPerStep(unet3dJob(syntheticStorage({})));
    expect(o.au).toBeGreaterThan(0.999);
    expect(o.wallUs).toBeGreaterThanOrEqual(200 * COMPUTE_S * 1e6);
  });

  test("with read bandwidth at the 90%-AU demand (batch bytes / (compute / 0.9)) AU lands at 90% ± 1", () => {
    // The per-accelerator demand at the AU threshold is batch_bytes / (compute_time / AU) (domain-facts §7.1).
    const perAccelerator = DEMAND_100 * 0.9;
    const o = runPerStep(unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * perAccelerator })));
    expect(Math.abs(o.au - 0.9)).toBeLessThanOrEqual(0.01);
  });

  test.for([0.25, 0.5, 0.75] as const)("storage-bound at %s of demand: AU ≈ bandwidth / demand", (f) => {
    const o = runPerStep(unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * DEMAND_100 * f })));
    expect(Math.abs(o.au - f)).toBeLessThanOrEqual(0.01);
  });

  test("start-up (volume attach, image pull) is idle GPU time and does not count against AU", () => {
    const plain = runPerStep(unet3dJob(syntheticStorage({})));
    const o = runPerStep(unet3dJob(syntheticStorage({}), { startupUs: s(150) }));
    expect(o.gpuTime.idle).toBe(8 * 150e6);
    expect(o.wallUs).toBe(plain.wallUs + 150e6);
    expect(o.au).toBeCloseTo(plain.au, 12);
  });

  test("GPU time by cause sums to GPUs × wall time", () => {
    const o = runPerStep(unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * DEMAND_100 * 0.6 })));
    expect(totalGpuTime(o.gpuTime)).toBe(o.gpus * o.wallUs);
    expect(o.gpuTime.dataWait).toBeGreaterThan(0);
  });
});

const ckpt = (over: Partial<CheckpointPolicy> = {}): CheckpointPolicy => ({
  bytes: 112e9, // Llama-3.1-8B at 14 B/param (domain-facts §6.1)
  interval: { kind: "fixed", us: s(20) },
  mode: "sync",
  sharded: true,
  retention: 2,
  weight: 1,
  rateLimitBytesPerSecond: Infinity,
  writeRequestBytes: 4 * 2 ** 20,
  storage: syntheticStorage({ name: "ckpt-store", readBytesPerSecond: 20e9, writeBytesPerSecond: 10e9 }),
  ...over,
});

describe("checkpoints", () => {
  test("a sync checkpoint blocks every GPU for the write time", () => {
    const job = unet3dJob(syntheticStorage({}), { steps: 100, checkpoint: ckpt() });
    const o = runPerStep(job);
    // 112 GB at 10 GB/s = 11.2 s per checkpoint. The interval runs from one checkpoint's start to the next:
    // the first is due after 62 steps (20.03 s), the second at 40.2 s (28 steps after the first one's end).
    expect(o.checkpoints).toBe(2);
    expect(o.gpuTime.checkpointWait).toBe(2 * 8 * 11.2e6);
    expect(totalGpuTime(o.gpuTime)).toBe(o.gpus * o.wallUs);
  });

  test("an async checkpoint blocks only for the snapshot, and never costs more GPU time than sync", () => {
    const data = syntheticStorage({ readBytesPerSecond: 8 * DEMAND_100 * 1.2 });
    const sync = runPerStep(unet3dJob(data, { steps: 150, checkpoint: ckpt() }));
    const async = runPerStep(unet3dJob(data, { steps: 150, checkpoint: ckpt({ mode: "async" }) }));
    // Snapshot: 112 GB / 8 GPUs at 25 GB/s device-to-host = 0.56 s.
    // The last snapshot's write may still be running when the job ends (then it is not counted as durable).
    const snapshots = async.gpuTime.checkpointWait / (8 * 0.56e6);
    expect(Number.isInteger(snapshots)).toBe(true);
    expect(snapshots - async.checkpoints).toBeGreaterThanOrEqual(0);
    expect(snapshots - async.checkpoints).toBeLessThanOrEqual(1);
    expect(sync.gpuTime.checkpointWait).toBeGreaterThan(async.gpuTime.checkpointWait);
    expect(async.wallUs).toBeLessThan(sync.wallUs);
  });

  test("checkpoint writes sharing the storage with reads starve the reads; a lower I/O weight protects them", () => {
    // One shared backend whose read and write ceilings equal 1.05 × the readers' demand: writes compete with
    // reads in its combined ceiling.
    const combinedShared = syntheticStorage({
      name: "shared",
      readBytesPerSecond: 8 * DEMAND_100 * 1.05,
      writeBytesPerSecond: 8 * DEMAND_100 * 1.05,
    });
    const job = (weight: number) =>
      unet3dJob(combinedShared, {
        steps: 150,
        checkpoint: ckpt({ mode: "async", storage: combinedShared, weight, interval: { kind: "fixed", us: s(10) } }),
      });
    const equal = runPerStep(job(1));
    const lowPriority = runPerStep(job(0.1));
    expect(equal.gpuTime.dataWait).toBeGreaterThan(0);
    expect(lowPriority.gpuTime.dataWait).toBeLessThan(equal.gpuTime.dataWait);
  });
});

const failures = (mtbfHours: number, over: Partial<FailurePolicy> = {}): FailurePolicy => ({
  gpuMtbfUs: hours(mtbfHours),
  detectUs: s(50),
  tolerationUs: s(300),
  forceDetachUs: minutes(6),
  outOfServiceTaint: false,
  rescheduleUs: s(30),
  zonePinnedWaitUs: 0,
  imagePullUs: s(60),
  ...over,
});

describe("failures", () => {
  test("the number of failures matches GPUs × hours / MTBF within the Poisson 99% interval", () => {
    // 8 GPUs, MTBF 2 h per GPU: one failure per 15 min of uptime. Count failures per hour of uptime.
    const job = unet3dJob(syntheticStorage({}), {
      steps: 40_000,
      compute: { stepUs: 0.323e6, jitterCv: 0 },
      failures: failures(2),
      checkpoint: ckpt({ interval: { kind: "fixed", us: minutes(10) }, bytes: 1e9 }),
    });
    const o = runPerStep(job);
    const uptimeHours = (o.wallUs - o.gpuTime.recovery / o.gpus) / 3.6e9;
    const expected = (8 * uptimeHours) / 2;
    // Poisson: the count lies within expected ± 2.58·√expected with 99% probability.
    expect(Math.abs(o.failures - expected)).toBeLessThanOrEqual(2.58 * Math.sqrt(expected));
    expect(o.failures).toBeGreaterThan(10);
    expect(o.gpuTime.lostWork).toBeGreaterThan(0);
    expect(o.gpuTime.recovery).toBeGreaterThan(0);
    expect(totalGpuTime(o.gpuTime)).toBe(o.gpus * o.wallUs);
  });

  test("an RWO network volume adds the 6-minute force-detach to every recovery unless the out-of-service taint is applied", () => {
    const rwo = syntheticStorage({ name: "rwo", category: "network-block", accessModes: ["RWO"] });
    const base = { steps: 3_000, failures: failures(0.5), checkpoint: ckpt({ storage: rwo, bytes: 1e9 }) };
    const held = runPerStep(unet3dJob(rwo, base), 5);
    const tainted = runPerStep(unet3dJob(rwo, { ...base, failures: failures(0.5, { outOfServiceTaint: true }) }), 5);
    expect(held.failures).toBeGreaterThan(0);
    const perFailure = (o: typeof held) => o.gpuTime.recovery / o.gpus / o.failures / 1e6;
    expect(perFailure(held) - perFailure(tainted)).toBeCloseTo(360, 0);
  });

  test("a zonal RWO volume pins the rescheduled pod to its zone: the wait for a node there adds to each recovery", () => {
    const rwo = syntheticStorage({ name: "rwo", category: "network-block", accessModes: ["RWO"] });
    const rwx = syntheticStorage({ name: "rwx", category: "file-share", accessModes: ["RWX"] });
    const policy = failures(0.5, { outOfServiceTaint: true, zonePinnedWaitUs: minutes(30) });
    const run = (st: typeof rwo) =>
      runPerStep(unet3dJob(st, { steps: 3_000, failures: policy, checkpoint: ckpt({ storage: st, bytes: 1e9 }) }), 5);
    const perFailure = (o: ReturnType<typeof run>) => o.gpuTime.recovery / o.gpus / o.failures / 1e6;
    const pinned = run(rwo);
    const shared = run(rwx);
    expect(pinned.failures).toBeGreaterThan(0);
    // RWO network volume: + 30 min zone wait + attach 15 s + mount 5 s; the RWX share needs neither.
    expect(perFailure(pinned) - perFailure(shared)).toBeCloseTo(1800 + 20, 0);
  });

  test("checkpoints on node-local storage die with the node: a failure restarts from step 0", () => {
    const local = syntheticStorage({ name: "nvme", category: "local-nvme", survivesNodeLoss: false });
    const o = runPerStep(
      unet3dJob(local, { steps: 2_000, failures: failures(1), checkpoint: ckpt({ storage: local, bytes: 1e9 }) }),
      3,
    );
    expect(o.failures).toBeGreaterThan(0);
    expect(o.stepsComputed).toBeGreaterThan(2_000);
  });
});

describe("properties", () => {
  propTest.prop([fc.double({ min: 0.2, max: 1.5, noNaN: true }), fc.double({ min: 1.05, max: 3, noNaN: true })], {
    seed: 3,
    numRuns: 15,
  })("more bandwidth never increases data wait", (f, more) => {
    const run = (bw: number) => runPerStep(unet3dJob(syntheticStorage({ readBytesPerSecond: bw }), { steps: 60 }));
    const low = run(8 * DEMAND_100 * f);
    const high = run(8 * DEMAND_100 * f * more);
    expect(high.gpuTime.dataWait).toBeLessThanOrEqual(low.gpuTime.dataWait);
    expect(totalGpuTime(low.gpuTime)).toBe(low.gpus * low.wallUs);
  });

  test("the same seed gives the same bytes; another seed changes a jittered run", () => {
    const job = unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * DEMAND_100 }), {
      steps: 80,
      compute: { stepUs: 323_000, jitterCv: 0.05 },
    });
    expect(JSON.stringify(runPerStep(job, 7))).toBe(JSON.stringify(runPerStep(job, 7)));
    expect(JSON.stringify(runPerStep(job, 8))).not.toBe(JSON.stringify(runPerStep(job, 7)));
  });
});
