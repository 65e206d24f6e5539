/**
 * What one simulated training job reports: totals, and what happened over time (its timeline).
 */
import type { GpuTime } from "../gpu-time.ts";
import type { WorkloadTimeline } from "../timeline/workload-timeline.ts";

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
  /**
   * Dataset bytes read from storage (cache hits excluded), as the fabric moved them: reads cut short by a
   * failure count what they had moved. These are the device's bytes: with kernel readahead
   * (`DataPipeline.readaheadBytes`) they include what it read past the samples, so they can exceed the
   * samples' bytes (what the loader asked for); storage throughput, the timeline and egress are all device
   * bytes.
   */
  readonly bytesRead: number;
  /**
   * Checkpoint bytes written to storage, as the fabric moved them: writes lost to a failure, or still
   * running at the job's end, count what they had moved.
   */
  readonly bytesWritten: number;
  /** What happened over time. */
  readonly timeline: WorkloadTimeline;
  /**
   * What limited the dataset reads, by bytes read under each limit (the fluid network's bottleneck of each
   * read flow): a constraint's name and capacity (bytes/s), or `null` for reads at their own per-stream cap.
   * Most bytes first.
   */
  readonly readLimits: readonly {
    readonly constraint: string | null;
    readonly capacity: number;
    readonly bytes: number;
  }[];
}
