/**
 * What a workload (a training job or a serving workload) records over time, in µs since its engine's start:
 * GPU time by cause and the bytes it moves to and from storage, binned exactly (binned-series.ts), and a capped
 * log of the things that happened (event-log.ts). Results merge these onto one axis (src/scenarios/result).
 */
import type { BinnedSeries } from "./binned-series.ts";
import type { LoggedEvent } from "./event-log.ts";

/** Events kept per workload; the rest are counted. */
export const MAX_EVENTS = 1000;

/** Storage channels: reads (datasets, model weights) and writes (checkpoints). */
export const READS = 0;
export const WRITES = 1;

/**
 * Kinds of timeline events: a training job's start-up, checkpoints, failures and recoveries
 * (training-recorder.ts), a serving replica's start-up and model load (serving-stats.ts).
 */
export type TimelineEventKind = "startup" | "checkpoint" | "failure" | "recovery" | "modelLoad";

/** A workload's timeline. */
export interface WorkloadTimeline {
  /** GPU-µs per bin by cause, one channel per cause in `CAUSES` order; each sums to the cause's total. */
  readonly gpu: BinnedSeries;
  /** Bytes per bin: channel `READS` (sums to the bytes read from storage), `WRITES` (to the bytes written). */
  readonly storage: BinnedSeries;
  /** Events in the order they started: the first {@link MAX_EVENTS}. */
  readonly events: readonly LoggedEvent<TimelineEventKind>[];
  /** Events left out beyond the first {@link MAX_EVENTS}. */
  readonly eventsDropped: number;
}
