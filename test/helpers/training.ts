/**
 * Fixtures for training-model tests: a synthetic storage profile with chosen ceilings, and a job builder
 * with MLPerf-like defaults, so tests state only what they vary.
 */
import type { StorageProfile } from "../../src/models/storage/profile.ts";
import type { TrainingJob } from "../../src/models/training/job.ts";
import type { TrainingOutcome } from "../../src/models/training/outcome.ts";
import { runJob } from "../../src/scenarios/run.ts";

const unlimited = { bytesPerSecond: Infinity, iops: Infinity };

/** A profile limited only where asked: aggregate read/write bandwidth, per-request latency. */
export function syntheticStorage(o: {
  name?: string;
  readBytesPerSecond?: number;
  writeBytesPerSecond?: number;
  latencyUs?: number;
  category?: StorageProfile["category"];
  survivesNodeLoss?: boolean;
  accessModes?: StorageProfile["accessModes"];
}): StorageProfile {
  const lat = { baseLatencyUs: o.latencyUs ?? 100, perStreamBytesPerSecond: Infinity };
  return {
    name: o.name ?? "synthetic",
    title: "synthetic test storage",
    category: o.category ?? "parallel-fs",
    description: "test fixture",
    latency: { read: lat, write: lat },
    volume: { read: unlimited, write: unlimited },
    aggregate: {
      read: { bytesPerSecond: o.readBytesPerSecond ?? Infinity, iops: Infinity },
      write: { bytesPerSecond: o.writeBytesPerSecond ?? Infinity, iops: Infinity },
    },
    scaling: { kind: "fixed" },
    accessModes: o.accessModes ?? ["RWX"],
    topology: o.category === "local-nvme" ? "node-local" : "zonal",
    replicationFactor: 1,
    survivesNodeLoss: o.survivesNodeLoss ?? true,
    timings: { provisionSeconds: 0, attachSeconds: 15, detachSeconds: 10, mountSeconds: 5 },
    price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026-11" },
    sources: [{ what: "test fixture", ref: "test/helpers/training.ts", tag: "D" }],
  };
}

/** MLPerf Storage unet3d on H100 (mlcommons/storage configs): 7 × 146.6 MB samples per step, 0.323 s compute. */
export function unet3dJob(storage: StorageProfile, over: Partial<TrainingJob> = {}): TrainingJob {
  return {
    name: "unet3d",
    gpus: 8,
    gpusPerNode: 8,
    steps: 200,
    compute: { stepUs: 323_000, jitterCv: 0 },
    data: {
      samplesPerStep: 7,
      sampleBytes: 146.6e6,
      workers: 4,
      prefetchSteps: 2,
      maxRequestBytes: Infinity,
      access: "random",
      datasetBytes: 1e15,
      cacheBytesPerNode: 0,
      readaheadBytes: 0,
    },
    dataStorage: storage,
    checkpoint: undefined,
    failures: undefined,
    nicBytesPerSecond: Infinity,
    remoteDiskBytesPerSecond: Infinity,
    hostLinkBytesPerSecond: 25e9,
    ...over,
  };
}

/** Runs one job in per-step fidelity to completion (the runner `stallsim run` uses). */
export const runPerStep = (job: TrainingJob, seed = 1): TrainingOutcome => runJob(job, "per-step", seed);

/** Runs one job in bulk-advance fidelity to completion. */
export const runBulk = (job: TrainingJob, seed = 1): TrainingOutcome => runJob(job, "bulk", seed);
