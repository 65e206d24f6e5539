/**
 * What a serving workload counts while it runs (requests, latencies, cold starts, loads, replicas over time)
 * and the GPU-time ledger in compute-slice-µs, turned into its outcome at the end: the ledger ÷ 7 is GPU-µs,
 * and whatever no replica charged of the pool's GPUs × duration is `unallocated`.
 */
import { COMPUTE_SLICES } from "../gpu/mig/mig-profile.ts";
import type { InferenceOutcome } from "./outcome.ts";
import { emptyServingTime, SERVING_CAUSES } from "./serving-time.ts";
import type { InferenceWorkload } from "./workload.ts";

/** Counters and samples of one workload; the actor updates the fields directly. */
export class ServingStats {
  /** GPU time by cause in compute-slice-µs (a whole GPU for 1 µs = 7). */
  readonly ledger = emptyServingTime();
  arrived = 0;
  served = 0;
  coldWaits = 0;
  coldStarts = 0;
  bytesLoaded = 0;
  bytesFromStorage = 0;
  readonly ttft: number[] = [];
  readonly waits: number[] = [];
  readonly loads: number[] = [];
  readonly coldStartTimes: number[] = [];
  private peak = 0;
  private liveIntegral = 0;
  private liveSince = 0;
  private liveNow = 0;

  /** The number of live replicas changes to `live` at `now` (µs). */
  replicas(now: number, live: number): void {
    this.liveIntegral += this.liveNow * (now - this.liveSince);
    this.liveSince = now;
    this.liveNow = live;
    this.peak = Math.max(this.peak, live);
  }

  /** A load of `bytes` ended at `now` (completed, or aborted having moved `bytes`). */
  loaded(bytes: number, fromCache: boolean): void {
    this.bytesLoaded += bytes;
    if (!fromCache) this.bytesFromStorage += bytes;
  }

  /** The outcome at the workload's end (every replica charged up to it). */
  outcome(w: InferenceWorkload): InferenceOutcome {
    const d = w.durationUs;
    this.replicas(d, this.liveNow);
    let charged = 0;
    for (const c of SERVING_CAUSES) charged += this.ledger[c];
    this.ledger.unallocated = w.pool.gpus * COMPUTE_SLICES * d - charged;
    const gpuTime = emptyServingTime();
    for (const c of SERVING_CAUSES) gpuTime[c] = this.ledger[c] / COMPUTE_SLICES;
    return {
      name: w.name,
      durationUs: d,
      gpus: w.pool.gpus,
      slots: w.pool.slots.length,
      arrived: this.arrived,
      served: this.served,
      waitedForColdStart: this.coldWaits,
      ttftUs: this.ttft,
      waitUs: this.waits,
      coldStarts: this.coldStarts,
      loadUs: this.loads,
      coldStartUs: this.coldStartTimes,
      bytesLoaded: this.bytesLoaded,
      bytesFromStorage: this.bytesFromStorage,
      peakReplicas: this.peak,
      meanReplicas: d > 0 ? this.liveIntegral / d : 0,
      gpuTime,
    };
  }
}
