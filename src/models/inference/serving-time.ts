/**
 * GPU time of a serving workload by cause, in GPU-µs (one whole GPU for one µs = 1; a MIG instance of `g`
 * compute slices counts g/7). The causes partition the pool's GPU time — GPUs × duration — so they always
 * sum to it. Kept apart from training's `GpuTime` (src/models/training/gpu-time.ts) because the causes
 * differ: serving has no data or checkpoint wait, and training has no model load or warm idle; the
 * training causes also index the timeline's channels, which stay as they are.
 */

/** The causes of a serving pool's GPU time. */
export interface ServingGpuTime {
  /** A replica serving at least one request. */
  compute: number;
  /** A replica loading its model files from storage (the storage-caused part of a cold start). */
  modelLoad: number;
  /** A replica starting before its load: volume attach/mount, image pull, framework init. */
  startup: number;
  /** A replica loaded and ready, with no request. */
  idleWarm: number;
  /** No replica on it: slots the autoscaler left free, and compute slices no MIG instance holds. */
  unallocated: number;
}

/** The causes, in report order. */
export const SERVING_CAUSES = ["compute", "modelLoad", "startup", "idleWarm", "unallocated"] as const;

/** A cause of serving GPU time. */
export type ServingCause = (typeof SERVING_CAUSES)[number];

/** A zeroed record. */
export const emptyServingTime = (): ServingGpuTime => ({
  compute: 0,
  modelLoad: 0,
  startup: 0,
  idleWarm: 0,
  unallocated: 0,
});

/** Sum of all causes, GPU-µs. */
export const totalServingTime = (t: ServingGpuTime): number => SERVING_CAUSES.reduce((a, c) => a + t[c], 0);
