/**
 * The scenario's timeline: the jobs' timelines (each recorded on its own engine from time 0, see
 * training-recorder.ts) merged onto one axis for the result document.
 *
 * Bins: every job's series has power-of-two-µs bins, so they all coarsen exactly to the widest of them (the
 * longest job's, at least), which covers the scenario's wall time in at most 256 bins. GPU time per cause
 * is summed over jobs; storage bytes are summed per binding (a job's dataset reads to its data binding, its
 * checkpoint writes to its checkpoint binding) and given as the mean rate over each bin. Nothing is sampled:
 * a cause's bins sum to its total GPU-hours and a binding's rates × bin width to its bytes.
 *
 * Events: each job keeps its first 1,000 in start order; the merged list is the first 1,000 of all jobs by
 * start time (ties: job order), and `eventsDropped` counts the rest.
 */
import { CAUSES } from "../models/training/gpu-time.ts";
import type { TrainingOutcome } from "../models/training/outcome.ts";
import { MAX_EVENTS, READS, WRITES } from "../models/training/training-recorder.ts";
import { BinnedSeries, DEFAULT_BINS } from "../models/timeline/binned-series.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import type { Timeline, TimelineEvent } from "./result.ts";

/** A job's outcome with the storage bindings it used. */
export interface JobTimelineSource {
  readonly outcome: TrainingOutcome;
  /** Binding its dataset is read from. */
  readonly data: string;
  /** Binding its checkpoints go to, if any. */
  readonly checkpoint: string | undefined;
}

/**
 * Merges job timelines into the scenario's.
 * @param bindings every storage binding of the scenario, in the order the result lists them.
 * @param wallUs the scenario's wall time (the longest job), µs.
 * @param extraGpu more GPU time by cause laid out like a job's (`CAUSES` channels), e.g. a cluster's
 *   unallocated GPUs (src/models/cluster/unallocated-meter.ts).
 */
export function scenarioTimeline(
  jobs: readonly JobTimelineSource[],
  bindings: readonly string[],
  wallUs: number,
  extraGpu: readonly BinnedSeries[] = [],
): Timeline {
  let width = 1;
  for (const { outcome } of jobs) {
    width = Math.max(width, outcome.timeline.gpu.widthUs, outcome.timeline.storage.widthUs);
  }
  for (const x of extraGpu) width = Math.max(width, x.widthUs);
  while (wallUs > width * DEFAULT_BINS) width *= 2;
  const bins = Math.max(1, Math.ceil(wallUs / width));

  const gpu = new BinnedSeries(CAUSES.length);
  gpu.coarsenTo(width);
  const storage = new Map(bindings.map((name) => [name, new BinnedSeries(2)]));
  for (const s of storage.values()) s.coarsenTo(width);
  for (const { outcome, data, checkpoint } of jobs) {
    const tl = outcome.timeline;
    for (let c = 0; c < CAUSES.length; c++) gpu.addChannel(c, tl.gpu, c);
    storage.get(data)?.addChannel(READS, tl.storage, READS);
    if (checkpoint !== undefined) storage.get(checkpoint)?.addChannel(WRITES, tl.storage, WRITES);
  }
  for (const x of extraGpu) for (let c = 0; c < CAUSES.length; c++) gpu.addChannel(c, x, c);

  const hours = (c: number): number[] => gpu.values(c, bins).map((v) => v / US_PER_HOUR);
  const gpuHoursByCause = Object.fromEntries(CAUSES.map((c, i) => [c, hours(i)])) as Timeline["gpuHoursByCause"];
  const compute = CAUSES.indexOf("compute");
  const utilisation = Array.from({ length: bins }, (_, b) => {
    let all = 0;
    for (let c = 0; c < CAUSES.length; c++) all += gpu.value(c, b);
    return all > 0 ? gpu.value(compute, b) / all : 0;
  });
  const seconds = width / 1e6;
  const rate = (s: BinnedSeries, c: number): number[] => s.values(c, bins).map((v) => v / seconds);
  return {
    binHours: width / US_PER_HOUR,
    t: Array.from({ length: bins }, (_, b) => (b * width) / US_PER_HOUR),
    utilisation,
    gpuHoursByCause,
    storage: [...storage].map(([name, s]) => ({
      name,
      readBytesPerSecond: rate(s, READS),
      writeBytesPerSecond: rate(s, WRITES),
    })),
    ...mergeEvents(jobs),
  };
}

/** The first 1,000 events of all jobs by start time, in hours, and how many were left out. */
function mergeEvents(jobs: readonly JobTimelineSource[]): Pick<Timeline, "events" | "eventsDropped"> {
  const all: { order: number; e: TimelineEvent; startUs: number }[] = [];
  let total = 0;
  for (const { outcome } of jobs) {
    const tl = outcome.timeline;
    total += tl.events.length + tl.eventsDropped;
    for (const e of tl.events) {
      all.push({
        order: all.length,
        startUs: e.startUs,
        e: { job: outcome.name, kind: e.kind, startHours: e.startUs / US_PER_HOUR, endHours: e.endUs / US_PER_HOUR },
      });
    }
  }
  all.sort((a, b) => a.startUs - b.startUs || a.order - b.order);
  const events = all.slice(0, MAX_EVENTS).map((x) => x.e);
  return { events, eventsDropped: total - events.length };
}
