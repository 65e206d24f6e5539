/**
 * The two fidelities agree: bulk-advance (steady state between changes) against per-step (every sample and
 * step an event) within 1% of completion time and 2% of the bytes read, on storage-bound, compute-bound, jittered, checkpointing
 * (sync, and async sharing the storage with reads) and failing jobs.
 */
import { describe, expect, test } from "vitest";
import { totalGpuTime } from "../../src/models/gpu-time.ts";
import type { CheckpointPolicy, TrainingJob } from "../../src/models/training/job.ts";
import { hours, minutes, s } from "../../src/sim/time.ts";
import { runBulk, runPerStep, syntheticStorage, unet3dJob } from "../helpers/training.ts";

const D = (7 * 146.6e6) / 0.323; // unet3d H100 demand per accelerator at 100% AU, bytes/s
const ckpt = (over: Partial<CheckpointPolicy> = {}): CheckpointPolicy => ({
  bytes: 112e9,
  interval: { kind: "fixed", us: s(20) },
  mode: "sync",
  sharded: true,
  retention: 2,
  weight: 1,
  rateLimitBytesPerSecond: Infinity,
  writeRequestBytes: 4 * 2 ** 20,
  storage: syntheticStorage({ name: "ckpt", readBytesPerSecond: 20e9, writeBytesPerSecond: 10e9 }),
  ...over,
});
/** unet3d's pipeline on `gpus` GPUs with an epoch of `epochSteps` steps and a page cache of `cacheSteps` steps' samples per node. */
function epochs(gpus: number, epochSteps: number, cacheSteps: number): TrainingJob["data"] {
  const data = unet3dJob(syntheticStorage({})).data;
  const batchBytes = data.sampleBytes * data.samplesPerStep * gpus;
  return { ...data, datasetBytes: batchBytes * epochSteps, cacheBytesPerNode: batchBytes * cacheSteps };
}
const shared = syntheticStorage({ name: "shared", readBytesPerSecond: 8 * D * 1.1, writeBytesPerSecond: 8 * D * 1.1 });

const cases: { name: string; job: TrainingJob }[] = [
  { name: "unlimited storage", job: unet3dJob(syntheticStorage({})) },
  { name: "storage at the 90% AU threshold", job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 })) },
  { name: "storage at half the demand", job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.5 })) },
  {
    name: "jittered compute (cv 5%)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 1.2 }), {
      compute: { stepUs: 323_000, jitterCv: 0.05 },
    }),
  },
  {
    name: "sync checkpoints while storage-bound",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.8 }), { steps: 400, checkpoint: ckpt() }),
  },
  {
    name: "async checkpoints competing with reads",
    job: unet3dJob(shared, { steps: 400, checkpoint: ckpt({ mode: "async", storage: shared }) }),
  },
  {
    name: "page cache warming over epochs (2 nodes, cache = 60% of the dataset)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.5 }), {
      gpus: 16,
      steps: 400,
      data: epochs(16, 20, 12),
    }),
  },
  {
    name: "dataset cached whole after the first epoch (cache ≥ dataset)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.5 }), {
      steps: 300,
      data: epochs(8, 100, 125),
    }),
  },
  {
    name: "failures and recovery (GPU MTBF 2 h)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 }), {
      steps: 20_000,
      checkpoint: ckpt({ bytes: 1e9, interval: { kind: "fixed", us: minutes(10) } }),
      failures: {
        gpuMtbfUs: hours(2),
        detectUs: s(50),
        tolerationUs: s(300),
        forceDetachUs: minutes(6),
        outOfServiceTaint: false,
        rescheduleUs: s(30),
        zonePinnedWaitUs: 0,
        imagePullUs: s(60),
      },
    }),
  },
];

describe("bulk-advance agrees with per-step", () => {
  test.for(cases)(
    "$name: completion within 1%, AU within 1 point, bytes read within 2%, causes sum to the total",
    ({ job }) => {
      const perStep = runPerStep(job);
      const bulk = runBulk(job);
      expect(Math.abs(bulk.wallUs - perStep.wallUs) / perStep.wallUs).toBeLessThanOrEqual(0.01);
      expect(Math.abs(bulk.au - perStep.au)).toBeLessThanOrEqual(0.01);
      // Bulk reads the first batch once more (the fill, then every step's batch): 1 % of a 100-step epoch.
      expect(Math.abs(bulk.bytesRead - perStep.bytesRead) / perStep.bytesRead, "bytes read").toBeLessThanOrEqual(0.02);
      expect(bulk.checkpoints).toBe(perStep.checkpoints);
      expect(bulk.failures).toBe(perStep.failures);
      expect(Math.abs(totalGpuTime(bulk.gpuTime) - bulk.gpus * bulk.wallUs)).toBeLessThanOrEqual(bulk.gpus);
    },
  );
});
