/**
 * What one simulated training job reports.
 */
import type { GpuTime } from "./gpu-time.ts";

export interface TrainingOutcome {
  readonly name: string;
  readonly gpus: number;
  /** Steps that count (the job's target). */
  readonly steps: number;
  /** Steps computed in all, including those lost to failures and recomputed. */
  readonly stepsComputed: number;
  /** Start to completion, µs. */
  readonly wallUs: number;
  /** GPU-µs by cause; sums to gpus × wallUs. */
  readonly gpuTime: GpuTime;
  /** MLPerf Storage accelerator utilisation: compute / (wall − first step's I/O), 0–1. */
  readonly au: number;
  /** Checkpoints that became durable. */
  readonly checkpoints: number;
  readonly failures: number;
  /** The checkpoint interval used, µs (undefined without checkpoints or with a step interval). */
  readonly checkpointIntervalUs: number | undefined;
  /** Dataset bytes read from storage (cache hits excluded). */
  readonly bytesRead: number;
  /** Checkpoint bytes written to storage. */
  readonly bytesWritten: number;
}
