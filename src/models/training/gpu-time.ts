/**
 * GPU time by cause, in GPU-microseconds (one GPU for one µs = 1). The causes partition the time the job's
 * GPUs are allocated, so they always sum to GPUs × wall time. A shared cluster adds the GPUs no job holds
 * (`unallocated`, always 0 for one job), so a cluster's causes sum to its GPUs × wall time.
 */

/** The causes of GPU time. */
export interface GpuTime {
  /** Computing steps that count (including waiting at the all-reduce for a slower rank's compute). */
  compute: number;
  /** Waiting for input data (the slowest rank's batch). */
  dataWait: number;
  /** Blocked by checkpoints (sync writes, async snapshots, waiting for a previous async write). */
  checkpointWait: number;
  /** Down after a failure: detection, eviction, volume detach/attach, rescheduling, image pull, restore. */
  recovery: number;
  /** Steps computed after the last durable checkpoint and lost to a failure (recomputed later). */
  lostWork: number;
  /** Allocated but doing nothing else listed (e.g. a job's start-up before its first step). */
  idle: number;
  /** A cluster's GPUs that no job holds (free, or waiting for a gang to fit); 0 within a job. */
  unallocated: number;
}

/** The causes, in the order of timeline channels (`unallocated` last, so earlier channels keep their index). */
export const CAUSES = ["compute", "dataWait", "checkpointWait", "recovery", "lostWork", "idle", "unallocated"] as const;

/** A zeroed record. */
export const emptyGpuTime = (): GpuTime => ({
  compute: 0,
  dataWait: 0,
  checkpointWait: 0,
  recovery: 0,
  lostWork: 0,
  idle: 0,
  unallocated: 0,
});

/** Sum of all causes. */
export const totalGpuTime = (t: GpuTime): number => CAUSES.reduce((sum, c) => sum + t[c], 0);
