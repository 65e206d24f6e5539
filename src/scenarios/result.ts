/**
 * The result document of a scenario run: what `stallsim run --json` prints and the API stores. Hours are
 * GPU-hours or wall hours as named; money in USD; bytes as bytes.
 */

/** GPU-hours by cause; the causes sum to `gpuHours.total`. */
export interface HoursByCause {
  compute: number;
  dataWait: number;
  checkpointWait: number;
  recovery: number;
  lostWork: number;
  idle: number;
}

export interface JobResult {
  name: string;
  gpus: number;
  fidelity: "per-step" | "bulk";
  steps: number;
  stepsComputed: number;
  completionHours: number;
  /** MLPerf Storage accelerator utilisation (first step's I/O excluded). */
  au: number;
  /** Compute / allocated GPU time. */
  utilisation: number;
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
    /** Cost of GPU-hours lost to each non-compute cause. */
    idleUsdByCause: Omit<HoursByCause, "compute">;
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
}
