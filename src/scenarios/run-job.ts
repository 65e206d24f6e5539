/**
 * Running one training job: a fresh engine, fluid network and storage fabric, the actor of the chosen
 * fidelity (per-step or bulk-advance), run to completion, with optional progress (the fraction of steps
 * done, checked every few hundred events) and the engine-event count it took.
 */
import { StorageFabric } from "../models/storage/fabric.ts";
import { BulkTraining } from "../models/training/bulk.ts";
import { hasLoaderCpu, type TrainingJob } from "../models/training/job.ts";
import { CAUSES } from "../models/gpu-time.ts";
import type { TrainingOutcome } from "../models/training/outcome.ts";
import { PerStepTraining } from "../models/training/per-step.ts";
import { Engine } from "../sim/engine.ts";
import { FluidNetwork } from "../sim/fluid-network.ts";

/** Sample reads above which `auto` fidelity switches from per-step to bulk-advance. */
export const PER_STEP_BUDGET = 2_000_000;

/** Options of one job run. */
export interface JobRunOptions {
  /** Called with the fraction of the job's steps done (0–1, the highest so far), at most ~100 times. */
  readonly onProgress?: (fraction: number) => void;
}

/** A job's outcome and what simulating it cost. */
export interface JobRun {
  readonly outcome: TrainingOutcome;
  /** Engine events run. */
  readonly events: number;
}

/** Events run between progress checks: per-step events are cheap, bulk-advance ones are not. */
const PROGRESS_CHECK_EVENTS = { "per-step": 256, bulk: 8 } as const;

/** The fidelity a job runs in. */
export function fidelityFor(job: TrainingJob, wanted: "auto" | "per-step" | "bulk"): "per-step" | "bulk" {
  if (wanted !== "auto") return wanted;
  return job.gpus * job.steps * job.data.samplesPerStep <= PER_STEP_BUDGET ? "per-step" : "bulk";
}

/** Runs one job to completion on a fresh engine. */
export function runJob(
  job: TrainingJob,
  fidelity: "per-step" | "bulk",
  seed: number,
  options: JobRunOptions = {},
): TrainingOutcome {
  return simulateJob(job, fidelity, seed, options).outcome;
}

/**
 * Runs one job to completion on a fresh engine; also reports the engine events it took. With loader CPU time
 * the data wait is split into storage and CPU as DS-Analyzer does (Mohan et al., "Analyzing and Mitigating Data
 * Stalls in DNN Training", VLDB 2021): the same job with every sample in memory is run too, and its data wait —
 * what remains when storage takes no time — is the `dataPrep` part; the rest stays `dataWait` (storage). The
 * split is applied to every timeline bin in proportion.
 */
export function simulateJob(
  job: TrainingJob,
  fidelity: "per-step" | "bulk",
  seed: number,
  options: JobRunOptions = {},
): JobRun {
  const run = simulateOnce(job, fidelity, seed, options);
  if (!hasLoaderCpu(job.data) || job.data.inMemory === true) return run;
  const inMemory = simulateOnce({ ...job, data: { ...job.data, inMemory: true } }, fidelity, seed, {});
  return {
    outcome: splitDataWait(run.outcome, inMemory.outcome.gpuTime.dataWait),
    events: run.events + inMemory.events,
  };
}

/** `o` with `prepUs` of its data wait (at most all of it) moved to `dataPrep`, in total and in every bin. */
function splitDataWait(o: TrainingOutcome, prepUs: number): TrainingOutcome {
  const total = o.gpuTime.dataWait;
  if (!(total > 0) || !(prepUs > 0)) return o;
  const share = Math.min(1, prepUs / total);
  const gpu = o.timeline.gpu;
  const wait = CAUSES.indexOf("dataWait");
  gpu.addChannel(CAUSES.indexOf("dataPrep"), gpu, wait, share);
  gpu.scale(wait, 1 - share);
  return {
    ...o,
    gpuTime: { ...o.gpuTime, dataWait: total * (1 - share), dataPrep: o.gpuTime.dataPrep + total * share },
  };
}

function simulateOnce(job: TrainingJob, fidelity: "per-step" | "bulk", seed: number, options: JobRunOptions): JobRun {
  const engine = new Engine({ seed });
  const net = new FluidNetwork(engine, `${job.name} storage`);
  const fabric = new StorageFabric(net, {
    nodes: Math.ceil(job.gpus / job.gpusPerNode),
    nicBytesPerSecond: job.nicBytesPerSecond,
    remoteDiskBytesPerSecond: job.remoteDiskBytesPerSecond,
  });
  const Actor = fidelity === "bulk" ? BulkTraining : PerStepTraining;
  let out: TrainingOutcome | undefined;
  const actor = new Actor(engine, net, fabric, job);
  actor.start((o) => (out = o));
  const report = options.onProgress;
  if (report === undefined) engine.runUntilIdle();
  else {
    let percent = 0;
    const chunk = PROGRESS_CHECK_EVENTS[fidelity];
    while (engine.runUntilIdle(chunk) === chunk) {
      const p = Math.floor(actor.progress() * 100);
      if (p > percent && p < 100) {
        percent = p;
        report(p / 100);
      }
    }
  }
  if (out === undefined) throw new Error(`job ${job.name} did not finish (no event left at ${engine.now}us)`);
  return { outcome: out, events: engine.processed };
}
