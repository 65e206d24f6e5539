/**
 * What a serving workload counts while it runs (requests, latencies, cold starts, loads, replicas over time),
 * the GPU-time ledger in compute-slice-µs, and its timeline (GPU time by cause and storage reads binned over
 * time, each replica's start-up and model load as events), turned into its outcome at the end: the ledger ÷ 7
 * is GPU-µs, and whatever no replica charged of the pool's GPUs × duration is `unallocated` (in total and in
 * every bin).
 */
import { FlowMeter } from "../../sim/flow-meter.ts";
import { COMPUTE_SLICES } from "../gpu/mig/mig-profile.ts";
import { CAUSES, emptyGpuTime, type Cause } from "../gpu-time.ts";
import { BinnedSeries } from "../timeline/binned-series.ts";
import { EventLog, type LoggedEvent } from "../timeline/event-log.ts";
import { MAX_EVENTS, READS, type TimelineEventKind } from "../timeline/workload-timeline.ts";
import type { InferenceOutcome } from "./outcome.ts";
import type { GpuCharger, Replica } from "./replica.ts";
import type { InferenceWorkload } from "./workload.ts";

const UNALLOCATED = CAUSES.indexOf("unallocated");

/** Counters and samples of one workload; the actor updates the fields directly. */
export class ServingStats implements GpuCharger {
  /** GPU time by cause in compute-slice-µs (a whole GPU for 1 µs = 7). */
  readonly ledger = emptyGpuTime();
  /** GPU-µs by cause over time (channels in `CAUSES` order). */
  private readonly gpu = new BinnedSeries(CAUSES.length);
  /** Bytes the model loads read from storage over time (channel `READS`). */
  private readonly storage = new BinnedSeries(2);
  /** Meters the loads read from storage. */
  readonly reads = new FlowMeter("model loads", (b, from, to) => this.storage.add(READS, b, from, to));
  private readonly log = new EventLog<TimelineEventKind>(MAX_EVENTS);
  private readonly open = new Map<Replica, LoggedEvent<TimelineEventKind>>();
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

  /** Charges `sliceUs` compute-slice-µs of `cause` over `[fromUs, toUs)`. */
  charge(cause: Cause, sliceUs: number, fromUs: number, toUs: number): void {
    this.ledger[cause] += sliceUs;
    this.gpu.add(CAUSES.indexOf(cause), sliceUs / COMPUTE_SLICES, fromUs, toUs);
  }

  /** Replica `rep` starts cold at `now`: its start-up takes `us`. */
  startupBegun(rep: Replica, now: number, us: number): void {
    if (us > 0) this.log.open("startup", now, now + us);
    void rep;
  }

  /** Replica `rep` begins loading its model at `now`. */
  loadBegun(rep: Replica, now: number): void {
    const e = this.log.open("modelLoad", now);
    if (e !== undefined) this.open.set(rep, e);
  }

  /** Replica `rep`'s load ended at `now` (completed, or cut short by the end of the run). */
  loadEnded(rep: Replica, now: number): void {
    const e = this.open.get(rep);
    if (e !== undefined) e.endUs = now;
    this.open.delete(rep);
  }

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
    for (const c of CAUSES) charged += this.ledger[c];
    this.ledger.unallocated = w.pool.gpus * COMPUTE_SLICES * d - charged;
    const gpuTime = emptyGpuTime();
    for (const c of CAUSES) gpuTime[c] = this.ledger[c] / COMPUTE_SLICES;
    // Unallocated over time: the pool's GPUs in every bin, less what the replicas charged there.
    if (d > 0) {
      this.gpu.add(UNALLOCATED, w.pool.gpus * d, 0, d);
      for (let c = 0; c < CAUSES.length; c++) if (c !== UNALLOCATED) this.gpu.addChannel(UNALLOCATED, this.gpu, c, -1);
    }
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
      timeline: { gpu: this.gpu, storage: this.storage, events: this.log.events, eventsDropped: this.log.dropped },
    };
  }
}
