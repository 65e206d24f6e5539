/**
 * The result document of a scenario run: what `stallsim run --json` prints and the API stores. Hours are
 * GPU-hours or wall hours as named; money in USD; bytes as bytes.
 */
import type { ClusterResult } from "./cluster-result.ts";
import type { InferenceResult } from "./inference-result.ts";

/** GPU-hours by cause; the causes sum to `gpuHours.total`. */
export interface HoursByCause {
  compute: number;
  dataWait: number;
  checkpointWait: number;
  recovery: number;
  lostWork: number;
  idle: number;
  /** Cluster GPUs no job holds (0 for a job, and for scenarios without an explicit cluster). */
  unallocated: number;
}

export interface JobResult {
  /** On an explicit cluster with designs: `DESIGN/JOB`. */
  name: string;
  gpus: number;
  fidelity: "per-step" | "bulk";
  steps: number;
  stepsComputed: number;
  /** Submit (0 without a cluster) to completion, hours: queueing delay included. */
  completionHours: number;
  /** MLPerf Storage accelerator utilisation (first step's I/O excluded). */
  au: number;
  /** Compute / allocated GPU time. */
  utilisation: number;
  /** On an explicit cluster: when it was submitted and started, its queueing delay (hours), zone and nodes. */
  submitHours?: number;
  startHours?: number;
  queueingHours?: number;
  zone?: string;
  nodes?: string[];
  checkpoints: number;
  failures: number;
  checkpointIntervalHours: number | null;
  gpuHoursByCause: HoursByCause;
  bytesRead: number;
  bytesWritten: number;
  /** GPU and egress cost of this job (storage is billed per binding). */
  costUsd: number;
}

/** A storage binding as provisioned and billed. */
export interface StorageResult {
  name: string;
  preset: string;
  capacityBytes: number;
  volumes: number;
  iops: number | null;
  bytesPerSecond: number | null;
  monthlyUsd: number;
  /** Values that differ from what was asked for, e.g. a capacity raised to the preset's minimum. */
  adjustments: string[];
}

/** One interval on the timeline: a job's start-up, checkpoint, failure (an instant) or recovery. */
export interface TimelineEvent {
  job: string;
  kind: "startup" | "checkpoint" | "failure" | "recovery";
  startHours: number;
  endHours: number;
}

/**
 * What happened over time (with replications: the first replication's). Binned exactly (timeline.ts): each
 * cause's bins sum to `gpuHours.byCause`, and each binding's rates × bin width sum to the bytes its jobs read
 * and wrote.
 */
export interface Timeline {
  /** Width of every bin, hours. */
  binHours: number;
  /** Start of each bin, hours since the scenario start (all jobs start at 0). At most 256 bins. */
  t: number[];
  /** Compute GPU-time / all GPU-time in each bin, all jobs together (0–1). */
  utilisation: number[];
  /** GPU-hours per cause in each bin, all jobs together (same causes as gpuHours.byCause; they sum per bin to the GPU-hours of that bin). */
  gpuHoursByCause: { [K in keyof HoursByCause]: number[] };
  /** Mean bytes/s moved per storage binding in each bin (reads: dataset; writes: checkpoints). */
  storage: { name: string; readBytesPerSecond: number[]; writeBytesPerSecond: number[] }[];
  /** Checkpoints, failures, recoveries and the start-up, each with its job. The first 1,000 only. */
  events: TimelineEvent[];
  /** Events left out beyond the first 1,000. */
  eventsDropped: number;
}

/** Mean and 95% confidence interval over replications. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  seed: number;
  replications: number;
  /** Longest job's completion, hours. */
  wallHours: number;
  gpuHours: { total: number; byCause: HoursByCause };
  /** Compute GPU-hours / all GPU-hours. */
  utilisation: number;
  cost: {
    totalUsd: number;
    gpuUsd: number;
    storageUsd: number;
    egressUsd: number;
    /** Cost of GPU-hours lost to each non-compute cause (`unallocated` only on an explicit cluster). */
    idleUsdByCause: Omit<HoursByCause, "compute" | "unallocated"> & { unallocated?: number };
    storageUsdByBinding: Record<string, number>;
    /** Run rate: this run's cost per wall hour × 730 h (a month) and × 8,760 h (a year). */
    perMonthUsd: number;
    perYearUsd: number;
    /** GPU-hours lost to every non-compute cause, priced, at this run rate for a year. */
    idlePerYearUsd: number;
  };
  jobs: JobResult[];
  /** Each storage binding as provisioned. */
  storage: StorageResult[];
  /** Plain-language findings. */
  diagnosis: string[];
  /** With replications: 95% intervals of the key metrics. */
  confidence?: Record<string, Interval>;
  /** What happened over time; with replications, the first replication's (it is not averaged). */
  timeline: Timeline;
  /**
   * Serving workloads (inference-result.ts). Their GPU time is reported there, by serving causes, not in
   * `gpuHours` and the timeline (training causes); their GPU, egress and storage cost is in `cost`.
   */
  inference?: InferenceResult[];
  /**
   * Scenarios with an explicit cluster (`cluster.pools`): each storage design's run, with queueing, per-workload
   * and per-node breakdowns and cost (cluster-result.ts). The scenario-level numbers then sum the designs.
   */
  cluster?: ClusterResult;
}
