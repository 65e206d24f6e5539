/**
 * One training job's result from its outcome, for a job run alone and for a job on a cluster alike: GPU-hours
 * by cause, AU, checkpoints, failures, bytes, and its cost (its GPUs for its run time at their price, plus the
 * egress it moved across zones; storage is billed per binding in the alternative).
 */
import { runCost } from "../../models/cost/run-cost.ts";
import { scaleGpuTime } from "../../models/gpu-time.ts";
import type { TrainingJob } from "../../models/training/job.ts";
import type { TrainingOutcome } from "../../models/training/outcome.ts";
import { readLimitOf } from "./read-limit.ts";
import { US_PER_HOUR } from "../../sim/time.ts";
import type { HoursByCause, JobResult, LoaderCpuUse } from "./types.ts";

/** How a job ran, beyond its outcome. */
export interface JobContext {
  readonly fidelity: "per-step" | "bulk";
  /** The job as simulated (for what limited its reads). */
  readonly job: TrainingJob;
  /** The preset (or profile) name of its data binding. */
  readonly dataPreset: string;
  /** USD per GPU-hour of its GPUs. */
  readonly gpuUsdPerHour: number;
  readonly dataStorage: string;
  readonly checkpointStorage: string | undefined;
  readonly checkpointMode: "sync" | "async" | undefined;
  readonly waitsForRwoDetach: boolean;
  /** Bytes it moved across a zone boundary and what they cost. */
  readonly egressBytes: number;
  readonly egressUsd: number;
  /** On a cluster: submit and start (µs), zone and nodes. */
  readonly placement?: { submitUs: number; startUs: number; zone: string; nodes: string[] };
}

const hours = (us: number): number => us / US_PER_HOUR;

/** GPU-µs by cause as GPU-hours. */
export const hoursByCause = (gpuUs: Readonly<HoursByCause>): HoursByCause => scaleGpuTime(gpuUs, 1 / US_PER_HOUR);

/**
 * The job's result.
 * @throws RangeError from `runCost` on a zero wall time, or GPU time that does not sum to GPUs × wall time (model
 *   bugs).
 */
export function jobResult(o: TrainingOutcome, c: JobContext): JobResult {
  const cost = runCost({
    wallUs: o.wallUs,
    gpus: o.gpus,
    gpuUsdPerHour: c.gpuUsdPerHour,
    gpuTime: o.gpuTime,
    storage: [],
    egressBytes: c.egressBytes,
    egressUsdPerGb: c.egressBytes > 0 ? (c.egressUsd * 1e9) / c.egressBytes : 0,
  });
  const p = c.placement;
  return {
    name: o.name,
    gpus: o.gpus,
    dataStorage: c.dataStorage,
    checkpointStorage: c.checkpointStorage ?? null,
    checkpointMode: c.checkpointMode ?? null,
    waitsForRwoDetach: c.waitsForRwoDetach,
    fidelity: c.fidelity,
    steps: o.steps,
    stepsComputed: o.stepsComputed,
    completionHours: p === undefined ? hours(o.wallUs) : hours(p.startUs + o.wallUs - p.submitUs),
    au: o.au,
    utilisation: o.gpuTime.compute / (o.gpus * o.wallUs),
    ...(p === undefined
      ? {}
      : {
          submitHours: hours(p.submitUs),
          startHours: hours(p.startUs),
          queueingHours: hours(p.startUs - p.submitUs),
          zone: p.zone,
          nodes: p.nodes,
        }),
    checkpoints: o.checkpoints,
    failures: o.failures,
    checkpointIntervalHours: o.checkpointIntervalUs === undefined ? null : hours(o.checkpointIntervalUs),
    gpuHoursByCause: hoursByCause(o.gpuTime),
    bytesRead: o.bytesRead,
    bytesWritten: o.bytesWritten,
    costUsd: cost.totalUsd,
    gpuUsdPerHour: c.gpuUsdPerHour,
    readLimit: readLimitOf(o, c.job, c.dataPreset),
    loaderCpu: loaderCpuOf(c.job),
  };
}

/** The loader's CPU use on a node of `job` at full speed; null when the job gives no loader CPU time. */
export function loaderCpuOf(job: TrainingJob): LoaderCpuUse | null {
  const cpu = job.data.cpu;
  if (cpu === undefined || cpu.sampleUs + cpu.batchUs + cpu.mainBatchUs === 0) return null;
  const gpusPerNode = Math.min(job.gpusPerNode, job.gpus);
  const perStepUs = job.data.samplesPerStep * cpu.sampleUs + cpu.batchUs + cpu.mainBatchUs;
  const cores = job.cpuCoresPerNode;
  return {
    coresPerNode: cores === undefined || !Number.isFinite(cores) ? null : cores,
    gpusPerNode,
    workersPerGpu: job.data.workers,
    inTrainingProcess: job.data.loader === "pytorch" && job.data.workers === 0,
    coresNeeded: (gpusPerNode * perStepUs) / job.compute.stepUs,
  };
}
