/**
 * GPU time by cause: the one list of causes every part of stallsim uses (training and serving models, the
 * result document, regression metrics, the diagnosis, the CSV, the web UI). Values are GPU-µs in the models
 * (one whole GPU for one µs = 1; a MIG instance of g compute slices counts g/7) and GPU-hours in results.
 *
 * The causes partition the GPU time that is paid for, so they always sum to GPUs × wall time: a training job's
 * GPUs for its run, a serving pool's GPUs for its duration, or on a shared cluster every GPU of the cluster
 * for the wall time (GPUs no workload holds are `unallocated`). A training job never charges the serving
 * causes and a serving workload never charges the training ones; both charge `compute`.
 */

/** The causes, in report order: compute, then the training waits, then serving's, then idle and unallocated. */
export const CAUSES = [
  "compute",
  "dataWait",
  "dataPrep",
  "checkpointWait",
  "recovery",
  "lostWork",
  "modelLoad",
  "startup",
  "idleWarm",
  "idle",
  "unallocated",
] as const;

/** A cause of GPU time. */
export type Cause = (typeof CAUSES)[number];

/** A cause that is not compute: GPU time paid for and not doing useful work. */
export type IdleCause = Exclude<Cause, "compute">;

/** The non-compute causes, in {@link CAUSES} order. */
export const IDLE_CAUSES: readonly IdleCause[] = CAUSES.filter((c): c is IdleCause => c !== "compute");

/** GPU time (or its price) by cause. */
export type GpuTime = Record<Cause, number>;

/** What each cause means, in the words reports use: a short label and one sentence. */
export const CAUSE_INFO: Readonly<Record<Cause, { readonly label: string; readonly meaning: string }>> = {
  compute: {
    label: "Compute",
    meaning:
      "training steps that count (including waiting at the all-reduce for a slower rank's compute), or a serving replica with a request in flight",
  },
  dataWait: {
    label: "Data wait",
    meaning:
      "a training step waiting for its input batch (the slowest rank's) on storage: the part of the wait that faster storage could remove",
  },
  dataPrep: {
    label: "Data prep (CPU)",
    meaning:
      "a training step waiting for its input batch on the loader's CPU work (decode, collate, hand-off): the wait that remains with every sample in memory (DS-Analyzer's prep stall)",
  },
  checkpointWait: {
    label: "Checkpoint wait",
    meaning: "blocked by checkpoints: synchronous writes, async snapshots, or waiting for the previous async write",
  },
  recovery: {
    label: "Failure recovery",
    meaning: "down after a failure: detection, eviction, volume detach/attach, rescheduling, image pull, restore",
  },
  lostWork: {
    label: "Lost work",
    meaning: "steps computed after the last durable checkpoint and lost to a failure (recomputed later)",
  },
  modelLoad: { label: "Model load", meaning: "a serving replica reading its model weights from storage" },
  startup: {
    label: "Replica start-up",
    meaning: "a serving replica starting before its load: volume attach/mount, image pull, framework init",
  },
  idleWarm: { label: "Warm, no request", meaning: "a serving replica loaded and ready with no request to serve" },
  idle: {
    label: "Start-up / idle",
    meaning: "a training job's GPUs allocated but doing nothing listed above (its start-up before the first step)",
  },
  unallocated: {
    label: "Unallocated",
    meaning:
      "GPUs paid for that no workload holds: free cluster GPUs, GPUs waiting for a gang to fit, serving slots the autoscaler left empty",
  },
};

/** A zeroed record. */
export const emptyGpuTime = (): GpuTime =>
  Object.fromEntries(CAUSES.map((c) => [c, 0])) as unknown as Record<Cause, number>;

/** Sum of all causes. */
export const totalGpuTime = (t: Readonly<GpuTime>): number => CAUSES.reduce((sum, c) => sum + t[c], 0);

/** `t` with every cause scaled by `k` (e.g. GPU-µs to GPU-hours, or GPU-hours to USD). */
export const scaleGpuTime = (t: Readonly<GpuTime>, k: number): GpuTime =>
  Object.fromEntries(CAUSES.map((c) => [c, t[c] * k])) as unknown as GpuTime;

/** Adds `b` into `a`, cause by cause; returns `a`. */
export function addGpuTime(a: GpuTime, b: Readonly<GpuTime>, k = 1): GpuTime {
  for (const c of CAUSES) a[c] += b[c] * k;
  return a;
}
