/**
 * The causes of GPU time in the order they stack (compute first), with their labels and fixed colours, so
 * every chart and every run draws "data wait" the same way. Event kinds of the timeline likewise.
 */
import type { Cause, EventKind } from "../types.ts";

/**
 * The causes charts stack. `unallocated` (cluster GPUs no job holds; 0 without an explicit cluster) has its
 * label and colour below but is not stacked yet: see `ALL_CAUSES`.
 */
export const CAUSES: readonly Cause[] = ["compute", "dataWait", "checkpointWait", "recovery", "lostWork", "idle"];

/** Every cause of `HoursByCause`, `unallocated` last (for cluster results; src/models/training/gpu-time.ts). */
export const ALL_CAUSES: readonly Cause[] = [...CAUSES, "unallocated"];

/** The non-compute causes: what idle money is counted by. */
export const IDLE_CAUSES = CAUSES.filter((c) => c !== "compute") as readonly Exclude<Cause, "compute">[];

export const CAUSE_LABEL: Record<Cause, string> = {
  compute: "Compute",
  dataWait: "Data wait",
  checkpointWait: "Checkpoint wait",
  recovery: "Failure recovery",
  lostWork: "Lost work",
  idle: "Start-up / idle",
  unallocated: "Unallocated (no job)",
};

export const CAUSE_COLOR: Record<Cause, string> = {
  compute: "#3a8d5c",
  dataWait: "#e07b39",
  checkpointWait: "#7b6cc4",
  recovery: "#d1495b",
  lostWork: "#8c5a3c",
  idle: "#b5bac3",
  unallocated: "#e4dfd1",
};

/** A colour scale with the causes' labels as its domain, for Plot's `color` option. */
export const causeColorScale = (causes: readonly Cause[] = CAUSES) => ({
  domain: causes.map((c) => CAUSE_LABEL[c]),
  range: causes.map((c) => CAUSE_COLOR[c]),
});

export const EVENT_KINDS: readonly EventKind[] = ["startup", "checkpoint", "failure", "recovery"];

export const EVENT_LABEL: Record<EventKind, string> = {
  startup: "Start-up",
  checkpoint: "Checkpoint write",
  failure: "Failure",
  recovery: "Recovery",
};

export const EVENT_COLOR: Record<EventKind, string> = {
  startup: "#6c8ebf",
  checkpoint: "#7b6cc4",
  failure: "#b0172f",
  recovery: "#f0a04b",
};
