/**
 * The simulation side of the replay check: the `TrainingJob` equivalent to a replay workload (one GPU on
 * one node, no failures, checkpoints only when asked for, unlimited NIC and remote-disk caps; the device's readahead window and
 * the page cache as given, none by default), run at per-step fidelity against a fitted storage profile.
 */
import { readFileSync } from "node:fs";
import type { StorageProfile } from "../../src/models/storage/profile.ts";
import type { LoaderCpu, TrainingJob } from "../../src/models/training/job.ts";
import type { TrainingOutcome } from "../../src/models/training/outcome.ts";
import { runJob } from "../../src/scenarios/run.ts";
import { profileOf, StorageProfileFile } from "../../src/scenarios/schema/profile-file.ts";

/** The workload as the model sees it. */
export interface PredictWorkload {
  readonly steps: number;
  readonly samplesPerStep: number;
  readonly sampleBytes: number;
  readonly workers: number;
  readonly prefetchSteps: number;
  readonly maxRequestBytes?: number;
  /** Compute per step, ms. */
  readonly computeMs: number;
  /** Size of the data file, bytes. */
  readonly datasetBytes: number;
  /** The device's readahead window for buffered reads, bytes (default 0: direct I/O, or not modelled). */
  readonly readaheadBytes?: number;
  /** Page cache the data file (and the readahead's over-read) can stay in, bytes (default 0: none). */
  readonly cacheBytesPerNode?: number;
  /** The loader's kind (default pool: the replay loader's own semantics). */
  readonly loader?: "pool" | "pytorch";
  /** PyTorch: persistent_workers (default false). */
  readonly persistentWorkers?: boolean;
  /** The loader's CPU time, measured (calibration/loader_cpu.py); default none. */
  readonly cpu?: LoaderCpu;
  /** The machine's cores the loader shares (default: unlimited). */
  readonly cpuCores?: number;
  /**
   * Checkpoints to the same volume (default none): `bytes` every `everySteps` steps, sync or async (the
   * snapshot at the host link's 25 GB/s), written in the scenario's default 4 MiB requests unless given.
   */
  readonly checkpoint?: {
    readonly bytes: number;
    readonly everySteps: number;
    readonly mode: "sync" | "async";
    readonly writeRequestBytes?: number;
  };
}

/** What the model predicts (times in ms). */
export interface Prediction {
  readonly au: number;
  readonly totalMs: number;
  readonly meanStepMs: number;
  /** (total − first step's I/O) / steps = compute per step / AU. */
  readonly steadyStepMs: number;
  readonly firstStepIoMs: number;
  /** Bytes the device reads for the samples (readahead past them included), as the model's flows moved them. */
  readonly deviceBytes: number;
  /** Bytes the loader asks for: every sample it reads × its size (page-cache hits included). */
  readonly bytesRequested: number;
  /** GPU time waiting for checkpoints (sync writes, async snapshots and waits for the previous write), ms. */
  readonly checkpointWaitMs: number;
  /** GPU time waiting for data after the first step (storage and the loader's CPU), ms. */
  readonly dataWaitMs: number;
  /** Checkpoints made durable. */
  readonly checkpoints: number;
}

/** Loads a profile file (`{profile, curves, fitError}` or a bare profile; null stands for Infinity). */
export function loadProfile(file: string): StorageProfile {
  return profileOf(StorageProfileFile.parse(JSON.parse(readFileSync(file, "utf8"))));
}

/** The training job equivalent to a replay workload. */
export function replayJob(w: PredictWorkload, storage: StorageProfile): TrainingJob {
  return {
    name: "replay",
    gpus: 1,
    gpusPerNode: 1,
    steps: w.steps,
    compute: { stepUs: Math.round(w.computeMs * 1e3), jitterCv: 0 },
    data: {
      samplesPerStep: w.samplesPerStep,
      sampleBytes: w.sampleBytes,
      workers: w.workers,
      prefetchSteps: w.prefetchSteps,
      maxRequestBytes: w.maxRequestBytes ?? Infinity,
      access: "random",
      datasetBytes: w.datasetBytes,
      cacheBytesPerNode: w.cacheBytesPerNode ?? 0,
      readaheadBytes: w.readaheadBytes ?? 0,
      loader: w.loader ?? "pool",
      persistentWorkers: w.persistentWorkers ?? false,
      ...(w.cpu === undefined ? {} : { cpu: w.cpu }),
    },
    dataStorage: storage,
    checkpoint:
      w.checkpoint === undefined
        ? undefined
        : {
            bytes: w.checkpoint.bytes,
            interval: { kind: "steps", steps: w.checkpoint.everySteps },
            mode: w.checkpoint.mode,
            sharded: true,
            retention: 2,
            weight: 1,
            rateLimitBytesPerSecond: Infinity,
            writeRequestBytes: w.checkpoint.writeRequestBytes ?? 4 * 1024 * 1024,
            storage,
          },
    failures: undefined,
    nicBytesPerSecond: Infinity,
    remoteDiskBytesPerSecond: Infinity,
    hostLinkBytesPerSecond: 25e9,
    cpuCoresPerNode: w.cpuCores ?? Infinity,
  };
}

/** Runs a job at per-step fidelity to completion (the same runner `stallsim run` uses). */
export const simulate = (job: TrainingJob, seed = 1): TrainingOutcome => runJob(job, "per-step", seed);

/** Predicted AU and step times of a replay workload on a storage profile. */
export function predict(w: PredictWorkload, storage: StorageProfile): Prediction {
  const o = simulate(replayJob(w, storage));
  const totalMs = o.wallUs / 1e3;
  const firstStepIoMs = o.gpuTime.dataWait > 0 ? firstIo(o) : 0;
  return {
    au: o.au,
    totalMs,
    meanStepMs: totalMs / w.steps,
    steadyStepMs: (totalMs - firstStepIoMs) / w.steps,
    firstStepIoMs,
    deviceBytes: o.bytesRead,
    bytesRequested: w.steps * w.samplesPerStep * w.sampleBytes,
    checkpointWaitMs: o.gpuTime.checkpointWait / 1e3,
    dataWaitMs: (o.gpuTime.dataWait + o.gpuTime.dataPrep) / 1e3 - firstStepIoMs,
    checkpoints: o.checkpoints,
  };
}

/** The first step's I/O, recovered from AU = compute / (wall − firstIo). */
function firstIo(o: TrainingOutcome): number {
  return o.au > 0 ? (o.wallUs - o.gpuTime.compute / o.au) / 1e3 : 0;
}
