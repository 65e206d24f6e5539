/**
 * An alternative's timeline: its workloads' timelines (training jobs and serving workloads, each recorded from
 * its engine's time 0, see src/models/timeline/workload-timeline.ts) merged onto one axis.
 *
 * Bins: every workload's series has power-of-two-µs bins, so they all coarsen exactly to the widest of them
 * (the longest workload's, at least), which covers the wall time in at most 256 bins. GPU time per cause is
 * summed over workloads; storage bytes are summed per binding (reads to the binding a workload reads from:
 * a job's dataset, a serving workload's weights; writes to a job's checkpoint binding) and given as the mean
 * rate over each bin. Nothing is sampled: a cause's bins sum to its total GPU-hours and a binding's rates ×
 * bin width to its bytes.
 *
 * Events: each workload keeps its first 1,000 in start order; the merged list is the first 1,000 of all by
 * start time (ties: workload order), and `eventsDropped` counts the rest.
 */
import { CAUSES } from "../../models/gpu-time.ts";
import { BinnedSeries, DEFAULT_BINS } from "../../models/timeline/binned-series.ts";
import { MAX_EVENTS, READS, WRITES, type WorkloadTimeline } from "../../models/timeline/workload-timeline.ts";
import { US_PER_HOUR } from "../../sim/time.ts";
import type { Timeline, TimelineEvent } from "./types.ts";

/** A workload's timeline with the storage bindings it read from and wrote to. */
export interface TimelineSource {
  readonly name: string;
  readonly timeline: WorkloadTimeline;
  /** Binding its reads go to (a dataset, model weights). */
  readonly reads: string | undefined;
  /** Binding its writes go to (checkpoints), if any. */
  readonly writes: string | undefined;
}

/**
 * Merges workload timelines into an alternative's.
 * @param bindings every storage binding of the alternative, in the order the result lists them.
 * @param wallUs the alternative's wall time, µs.
 * @param extraGpu more GPU time by cause laid out like a workload's (`CAUSES` channels), e.g. a cluster's
 *   unallocated GPUs (src/models/cluster/unallocated-meter.ts).
 */
export function alternativeTimeline(
  jobs: readonly TimelineSource[],
  bindings: readonly string[],
  wallUs: number,
  extraGpu: readonly BinnedSeries[] = [],
): Timeline {
  let width = 1;
  for (const { timeline } of jobs) width = Math.max(width, timeline.gpu.widthUs, timeline.storage.widthUs);
  for (const x of extraGpu) width = Math.max(width, x.widthUs);
  while (wallUs > width * DEFAULT_BINS) width *= 2;
  const bins = Math.max(1, Math.ceil(wallUs / width));

  const gpu = new BinnedSeries(CAUSES.length);
  gpu.coarsenTo(width);
  const storage = new Map(bindings.map((name) => [name, new BinnedSeries(2)]));
  for (const s of storage.values()) s.coarsenTo(width);
  for (const { timeline: tl, reads, writes } of jobs) {
    for (let c = 0; c < CAUSES.length; c++) gpu.addChannel(c, tl.gpu, c);
    if (reads !== undefined) storage.get(reads)?.addChannel(READS, tl.storage, READS);
    if (writes !== undefined) storage.get(writes)?.addChannel(WRITES, tl.storage, WRITES);
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

/** The first 1,000 events of all workloads by start time, in hours, and how many were left out. */
function mergeEvents(jobs: readonly TimelineSource[]): Pick<Timeline, "events" | "eventsDropped"> {
  const all: { order: number; e: TimelineEvent; startUs: number }[] = [];
  let total = 0;
  for (const { name, timeline: tl } of jobs) {
    total += tl.events.length + tl.eventsDropped;
    for (const e of tl.events) {
      all.push({
        order: all.length,
        startUs: e.startUs,
        e: { job: name, kind: e.kind, startHours: e.startUs / US_PER_HOUR, endHours: e.endUs / US_PER_HOUR },
      });
    }
  }
  all.sort((a, b) => a.startUs - b.startUs || a.order - b.order);
  const events = all.slice(0, MAX_EVENTS).map((x) => x.e);
  return { events, eventsDropped: total - events.length };
}
