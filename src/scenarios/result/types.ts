/**
 * The result document of a scenario run: what `stallsim run --json` prints and the API stores. Hours are
 * GPU-hours or wall hours as named; money in USD; bytes as bytes.
 *
 * A scenario is run as one or more **alternatives**, each reported on its own and never added to another:
 * - without `cluster.pools`, every training job and every serving workload runs alone (its own nodes, its
 *   own copy of the storage), so each is an alternative compared side by side;
 * - with `cluster.pools`, every design (`designs[]`, or the scenario's own storage when it has none) is an
 *   alternative: all its workloads share one cluster, and its numbers cover every GPU of that cluster.
 * Every alternative's GPU time by cause sums to its `gpuHours.total`, its cost by cause to its GPU cost, and
 * `comparison` says which alternative is cheapest and which meets the scenario's goal. The words behind each
 * headline (what utilisation, cost and run rate mean) are in `definitions`.
 */
import type { Cause } from "../../models/gpu-time.ts";
import type { ClusterDetail } from "./cluster-types.ts";
import type { InferenceResult } from "./inference-types.ts";
import type { ReadLimit } from "./read-limit.ts";

/** GPU-hours (or USD) by cause, over the one list of causes (src/models/gpu-time.ts). */
export type HoursByCause = Record<Cause, number>;

/** Mean and 95% interval over replications (`definitions.interval` says how it is computed). */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/** The loader's CPU on a node of a job (JobResult.loaderCpu). */
export interface LoaderCpuUse {
  coresPerNode: number | null;
  gpusPerNode: number;
  workersPerGpu: number;
  /** pytorch with `workers: 0`: the training process loads its batches itself. */
  inTrainingProcess: boolean;
  coresNeeded: number;
}

export interface JobResult {
  name: string;
  gpus: number;
  /** The binding it reads its dataset from, and the one it writes checkpoints to (null without checkpoints). */
  dataStorage: string;
  checkpointStorage: string | null;
  checkpointMode: "sync" | "async" | null;
  /** True when a failure's recovery waits for an RWO volume's force-detach (no out-of-service taint). */
  waitsForRwoDetach: boolean;
  fidelity: "per-step" | "bulk";
  steps: number;
  stepsComputed: number;
  /** Submit (0 without a cluster) to completion, hours: queueing delay included. */
  completionHours: number;
  /** MLPerf Storage accelerator utilisation (first step's I/O excluded). */
  au: number;
  /** Compute / the job's GPU time (its GPUs from start to end), the alternative's definition applied to the job. */
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
  /** Its GPUs for its run time plus its egress, USD (storage is billed per binding, in `storage`). */
  costUsd: number;
  /** The price of one of its GPUs, USD per GPU-hour (its GPU-hours by cause × this = its GPU bill by cause). */
  gpuUsdPerHour: number;
  /** What limited its dataset reads and what would lift it (read-limit.ts); null when it read nothing. */
  readLimit: ReadLimit | null;
  /**
   * The loader's CPU on one of its nodes (null when the job gives no loader CPU time): the cores the node has (null:
   * not limited), the GPUs and loader workers per GPU that share them, and the cores the loader's work needs for
   * the GPUs to run at full speed (per GPU: samples × per-sample + per-batch + training-process per-batch CPU, per
   * compute step).
   */
  loaderCpu: LoaderCpuUse | null;
  /** With replications: 95% intervals. */
  confidence?: { au: Interval; utilisation: Interval; completionHours: Interval; failures: Interval };
  /**
   * When a storage profile it uses was calibrated in several passes (`stallsim calibrate --run`): its AU with each
   * pass's profile instead (same seed, one replication), lowest and highest — how far the volume's own drift
   * between the passes moves the prediction.
   */
  calibrationPasses?: { passes: number; au: { low: number; high: number } };
}

/** A storage binding as provisioned and billed in one alternative. */
export interface StorageResult {
  name: string;
  preset: string;
  /** shared: one volume (or copy per zone) for all; node: each node's local media; pod: each job's own volumes. */
  scope: "shared" | "node" | "pod";
  /** Zone of a shared zonal file system on a cluster (null otherwise). */
  zone: string | null;
  /** Capacity of one volume or copy, bytes. */
  capacityBytes: number;
  /** Volumes or copies billed. */
  volumes: number;
  /** Provisioned per volume; null where the preset has no such limit. */
  iops: number | null;
  bytesPerSecond: number | null;
  /** Bill per 730-hour month at this provisioning, USD (per-pod volumes on a cluster: the run's average). */
  monthlyUsd: number;
  /** What it cost over this alternative's run, USD. */
  usd: number;
  /** Values that differ from what was asked for, e.g. a capacity raised to the preset's minimum. */
  adjustments: string[];
}

/** One interval on the timeline: a job's start-up, checkpoint, failure (an instant), recovery, or a model load. */
export interface TimelineEvent {
  job: string;
  kind: "startup" | "checkpoint" | "failure" | "recovery" | "modelLoad";
  startHours: number;
  endHours: number;
}

/**
 * What happened over time in one alternative (with replications: the first replication's). Binned exactly
 * (timeline.ts): each cause's bins sum to the alternative's `gpuHours.byCause`, and each binding's rates × bin
 * width sum to the bytes its workloads read and wrote.
 */
export interface Timeline {
  /** Width of every bin, hours. */
  binHours: number;
  /** Start of each bin, hours since the alternative's start. At most 256 bins. */
  t: number[];
  /** Compute GPU-time / all GPU-time in each bin (0–1). */
  utilisation: number[];
  /** GPU-hours per cause in each bin; they sum per bin to the GPU-hours of that bin. */
  gpuHoursByCause: { [K in Cause]: number[] };
  /** Mean bytes/s moved per storage binding in each bin (reads: datasets and model weights; writes: checkpoints). */
  storage: { name: string; readBytesPerSecond: number[]; writeBytesPerSecond: number[] }[];
  /** Checkpoints, failures, recoveries, start-ups and model loads, each with its workload. The first 1,000 only. */
  events: TimelineEvent[];
  /** Events left out beyond the first 1,000. */
  eventsDropped: number;
}

/** The cost of one alternative, USD. */
export interface CostResult {
  /** Cost to finish this alternative's work as simulated: GPUs + storage + egress. */
  totalUsd: number;
  /** The GPUs paid for, for the wall time (= Σ `gpuUsdByCause`). */
  gpuUsd: number;
  storageUsd: number;
  egressUsd: number;
  /** The GPU bill split by cause of GPU time (compute included). */
  gpuUsdByCause: HoursByCause;
  /** The GPU bill not spent on compute: Σ of every non-compute cause. */
  idleUsd: number;
  /**
   * The same GPUs owned instead of rented: the purchase price spread evenly over their life (capex only: no
   * power, cooling, space or staff), and what the idle GPU time is then worth.
   */
  owned: {
    capexUsdPerGpu: number;
    lifeYears: number;
    /** capex ÷ (life × 8,760 h). */
    usdPerGpuHour: number;
    /** This run's GPU-hours at that rate. */
    gpuUsd: number;
    /** Its non-compute GPU-hours at that rate. */
    idleUsd: number;
    /** Non-compute GPU-hours per year if it ran like this all year, at that rate. */
    idlePerYearUsd: number;
  };
  /**
   * Run rate: this run's cost per wall hour continued for a 730-hour month and an 8,760-hour year — what it
   * would cost **if it ran like this all month or all year**, not what this run cost.
   */
  runRate: {
    perMonthUsd: number;
    perYearUsd: number;
    idlePerMonthUsd: number;
    idlePerYearUsd: number;
    /** Idle GPU cost per cause per month and per year at this run rate. */
    idlePerMonthUsdByCause: Partial<HoursByCause>;
    idlePerYearUsdByCause: Partial<HoursByCause>;
  };
}

/** One alternative: a workload run alone, or a cluster design. Nothing in it is added to another alternative. */
export interface AlternativeResult {
  /** The job's or serving workload's name, or the design's name (`cluster` for a cluster without designs). */
  name: string;
  /** job: one training job alone; serving: one serving workload alone; cluster: a shared cluster. */
  kind: "job" | "serving" | "cluster";
  description: string;
  /** GPUs paid for (a cluster: all of its GPUs). */
  gpus: number;
  /** From its start to its last workload's end, hours. */
  wallHours: number;
  /** GPU-hours paid for, by cause; the causes sum to `total` = gpus × wallHours. */
  gpuHours: { total: number; byCause: HoursByCause };
  /** Compute GPU-hours ÷ all GPU-hours paid for (`definitions.utilisation`). */
  utilisation: number;
  cost: CostResult;
  jobs: JobResult[];
  inference: InferenceResult[];
  storage: StorageResult[];
  /** Plain-language findings about this alternative. */
  diagnosis: string[];
  /** With replications: 95% intervals of its headline numbers. */
  confidence?: { utilisation: Interval; wallHours: Interval; gpuHours: Interval; totalUsd: Interval };
  /** What happened over time. */
  timeline: Timeline;
  /** On an explicit cluster: scheduling, queueing and per-node detail. */
  cluster?: ClusterDetail;
}

/** How the alternatives compare; `verdict` is the one line a reader quotes. */
export interface Comparison {
  /** single: one alternative; workloads: jobs/workloads each run alone; designs: cluster designs. */
  basis: "single" | "workloads" | "designs";
  /** Which alternative is cheapest, which meets the goal, by how much; null with one alternative. */
  verdict: string | null;
  /** The cheapest alternative that does the same work (or the lowest cost per compute GPU-hour); null with one. */
  cheapest: string | null;
  /** With a scenario goal: the alternatives that meet it (null without a goal). */
  meetingGoal: string[] | null;
  /** The cheapest alternative that meets the goal; null without a goal or when none meets it. */
  bestForGoal: string | null;
}

/** A setting that is valid but almost surely not what was meant. */
export interface ResultWarning {
  code: string;
  /** The scenario field it is about (as zod paths: keys and indices). */
  path: (string | number)[];
  message: string;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  seed: number;
  replications: number;
  /** What the headline numbers mean, stated once. */
  definitions: {
    utilisation: string;
    cost: string;
    runRate: string;
    /** With replications: how the means and intervals are computed. */
    interval?: string;
  };
  comparison: Comparison;
  alternatives: AlternativeResult[];
  /** Settings that are valid but almost surely not meant (counted; also in the CLI, the API and the UI). */
  warnings: ResultWarning[];
}
