/**
 * The GPU-time ledger of a training job: totals by cause (gpu-time.ts) and the same GPU time binned over
 * simulated time (binned-series.ts), kept exactly in step, including the one retroactive move the model
 * makes: when a failure hits, the compute and data wait since the last durable checkpoint become lost work,
 * in the bins where they happened.
 *
 * To make that move exact without keeping every step, compute and data wait are binned in *segments*: a new
 * segment opens at every checkpoint mark. When a checkpoint becomes durable, the segments before its mark can
 * no longer be lost and fold into the main series; a failure moves every segment since the durable mark to
 * lost work. At most a few segments are open at once (the durable mark's, an async write's, a blocked one's).
 * When checkpoints do not survive node loss (or there are none), a failure loses everything since the start
 * or the previous failure, so marks open no segments.
 *
 * Units: GPU-µs (one GPU for one µs = 1); times in µs.
 */
import { BinnedSeries } from "../timeline/binned-series.ts";
import { CAUSES, emptyGpuTime, type GpuTime } from "../gpu-time.ts";

/** The totals a checkpoint saves: what a failure after it rolls back to. */
export interface Mark {
  readonly compute: number;
  readonly dataWait: number;
  /** The segment opened at this mark. */
  readonly segment: number;
}

/** A cause of GPU time. */
export type Cause = keyof GpuTime;

/** Channel of each cause in `series` (the order of `CAUSES`). */
export const CAUSE_CHANNEL: Readonly<Record<Cause, number>> = Object.fromEntries(
  CAUSES.map((c, i) => [c, i]),
) as Record<Cause, number>;
const COMPUTE = CAUSE_CHANNEL.compute;
const DATA_WAIT = CAUSE_CHANNEL.dataWait;
const LOST = CAUSE_CHANNEL.lostWork;

interface Segment {
  readonly id: number;
  /** Channel 0: compute; 1: data wait. */
  readonly series: BinnedSeries;
}

/** GPU time by cause, in total and over time. */
export class GpuLedger {
  /** Totals by cause, GPU-µs. */
  readonly totals: GpuTime = emptyGpuTime();
  private readonly main = new BinnedSeries(CAUSES.length);
  private segments: Segment[] = [{ id: 0, series: new BinnedSeries(2) }];
  private nextSegment = 1;
  private durableMark: Mark = { compute: 0, dataWait: 0, segment: 0 };

  /** @param checkpointsSurvive true when a failure rolls back to the last durable checkpoint, not to the start. */
  constructor(private readonly checkpointsSurvive: boolean) {}

  /** Charges `gpuUs` GPU-µs to `cause`, spread evenly over `[fromUs, toUs)`. */
  charge(cause: Cause, gpuUs: number, fromUs: number, toUs: number): void {
    this.totals[cause] += gpuUs;
    if (cause === "compute") this.current().series.add(0, gpuUs, fromUs, toUs);
    else if (cause === "dataWait") this.current().series.add(1, gpuUs, fromUs, toUs);
    else this.main.add(CAUSE_CHANNEL[cause], gpuUs, fromUs, toUs);
  }

  /** The totals now, as a checkpoint saves them; what is charged from now on is in a new segment. */
  mark(): Mark {
    const segment = this.checkpointsSurvive ? this.open() : this.current().id;
    return { compute: this.totals.compute, dataWait: this.totals.dataWait, segment };
  }

  /** A checkpoint taken at `mark` is durable: a failure rolls back to it, no further. */
  durable(mark: Mark): void {
    if (!this.checkpointsSurvive) return;
    this.durableMark = mark;
    const keep: Segment[] = [];
    for (const s of this.segments) {
      if (s.id < mark.segment) this.fold(s, COMPUTE, DATA_WAIT);
      else keep.push(s);
    }
    this.segments = keep;
  }

  /**
   * A failure: compute and data wait since the last durable checkpoint (since the start, or the previous
   * failure, when checkpoints do not survive) become lost work, in total and in the bins they were charged to.
   */
  rollback(): void {
    const mark = this.durableMark;
    const t = this.totals;
    t.lostWork += t.compute - mark.compute + (t.dataWait - mark.dataWait);
    t.compute = mark.compute;
    t.dataWait = mark.dataWait;
    const keep: Segment[] = [];
    for (const s of this.segments) {
      if (s.id >= mark.segment) this.fold(s, LOST, LOST);
      else keep.push(s);
    }
    this.segments = keep;
    this.open();
  }

  /**
   * The run's rounding remainder (GPUs × wall time minus what was charged) at its end: a surplus is idle over
   * `[fromUs, toUs)`; a deficit (whole-µs rounding of bulk phases over-counts compute by under a µs per
   * phase) comes off compute in proportion to each bin's compute, so no bin goes negative.
   */
  remainder(gpuUs: number, fromUs: number, toUs: number): void {
    if (gpuUs >= 0) return this.charge("idle", gpuUs, fromUs, toUs);
    this.totals.compute += gpuUs;
    this.foldAll();
    const sum = this.main.sum(COMPUTE);
    if (sum > 0) this.main.scale(COMPUTE, 1 + gpuUs / sum);
    else this.main.add(COMPUTE, gpuUs, fromUs, toUs);
  }

  /** GPU-µs by cause over time (channels in `CAUSES` order), every open segment folded in; ends the ledger's use. */
  close(): BinnedSeries {
    this.foldAll();
    return this.main;
  }

  private foldAll(): void {
    for (const s of this.segments) this.fold(s, COMPUTE, DATA_WAIT);
    this.segments = [];
  }

  private current(): Segment {
    return this.segments[this.segments.length - 1] ?? this.openSegment();
  }

  private open(): number {
    return this.openSegment().id;
  }

  private openSegment(): Segment {
    const s = { id: this.nextSegment++, series: new BinnedSeries(2) };
    this.segments.push(s);
    return s;
  }

  private fold(s: Segment, computeTo: number, dataWaitTo: number): void {
    this.main.addChannel(computeTo, s.series, 0);
    this.main.addChannel(dataWaitTo, s.series, 1);
  }
}
