/**
 * What a training job records over time, beside its totals: GPU time by cause (gpu-ledger.ts), the bytes its
 * dataset reads and checkpoint writes move (flow meters on the fluid network, binned exactly), and the
 * start-up, checkpoints, failures and recoveries as a capped event log. The actor (training-actor.ts) calls
 * one method per thing that happens; `finish` hands back the job's timeline.
 *
 * Events: `startup` from the job's start to its first step; `checkpoint` from the checkpoint's start to
 * the end of its write (durable), or to the failure that lost it, or to the job's end for a background write
 * still running then; `failure` an instant; `recovery` from the failure to the first step after it.
 *
 * Units: GPU-µs, bytes; times in µs since the engine's start.
 */
import type { Engine } from "../../sim/engine.ts";
import { FlowMeter } from "../../sim/flow-meter.ts";
import { BinnedSeries } from "../timeline/binned-series.ts";
import { EventLog, type LoggedEvent } from "../timeline/event-log.ts";
import { GpuLedger } from "./gpu-ledger.ts";
import {
  MAX_EVENTS,
  READS,
  WRITES,
  type TimelineEventKind,
  type WorkloadTimeline,
} from "../timeline/workload-timeline.ts";

/** Records one training job over time. */
export class TrainingRecorder {
  /** GPU time by cause. */
  readonly gpu: GpuLedger;
  /** Meters the dataset reads (start every data read flow with it). */
  readonly reads: FlowMeter;
  /** Meters the checkpoint writes. */
  readonly writes: FlowMeter;
  private readonly storage = new BinnedSeries(2);
  private readonly log = new EventLog<TimelineEventKind>(MAX_EVENTS);
  /** Checkpoints started and not yet durable, oldest first (they become durable in order). */
  private checkpoints: (LoggedEvent<TimelineEventKind> | undefined)[] = [];
  private recovery: LoggedEvent<TimelineEventKind> | undefined;
  private recording = true;

  /** @param checkpointsSurvive true when a failure rolls back to the last durable checkpoint. */
  constructor(
    private readonly engine: Engine,
    checkpointsSurvive: boolean,
  ) {
    this.gpu = new GpuLedger(checkpointsSurvive);
    this.reads = new FlowMeter("dataset reads", (b, from, to) => this.bytes(READS, b, from, to));
    this.writes = new FlowMeter("checkpoint writes", (b, from, to) => this.bytes(WRITES, b, from, to));
  }

  /** The job starts: `gpus` GPUs idle for `us` µs of start-up. */
  startup(gpus: number, us: number): void {
    const now = this.engine.now;
    this.gpu.charge("idle", gpus * us, now, now + us);
    if (us > 0) this.log.open("startup", now, now + us);
  }

  /** A checkpoint starts. */
  checkpointBegun(): void {
    this.checkpoints.push(this.log.open("checkpoint", this.engine.now));
  }

  /** The oldest checkpoint in progress became durable. */
  checkpointDurable(): void {
    this.end(this.checkpoints.shift());
  }

  /** A failure: checkpoints in progress are lost; recovery starts. */
  failed(): void {
    const now = this.engine.now;
    for (const e of this.checkpoints) this.end(e);
    this.checkpoints = [];
    this.log.open("failure", now);
    this.recovery = this.log.open("recovery", now);
  }

  /** Training resumed after a failure. */
  recovered(): void {
    this.end(this.recovery);
    this.recovery = undefined;
  }

  /** The job ended: stops recording and returns its timeline. */
  finish(): WorkloadTimeline {
    for (const e of this.checkpoints) this.end(e);
    this.checkpoints = [];
    this.recording = false;
    return { gpu: this.gpu.close(), storage: this.storage, events: this.log.events, eventsDropped: this.log.dropped };
  }

  private end(e: LoggedEvent<TimelineEventKind> | undefined): void {
    if (e !== undefined) e.endUs = this.engine.now;
  }

  private bytes(channel: number, b: number, fromUs: number, toUs: number): void {
    if (this.recording) this.storage.add(channel, b, fromUs, toUs);
  }
}
