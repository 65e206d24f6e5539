/**
 * The causes of GPU time in the order they stack (compute first) — the one list of src/models/gpu-time.ts, with
 * its labels — and a fixed colour for each, so every chart and every run draws "data wait" the same way. Event
 * kinds of the timeline likewise.
 */
import { CAUSES as ALL, CAUSE_INFO, IDLE_CAUSES as IDLE, type Cause } from "../../src/models/gpu-time.ts";
import type { EventKind } from "../types.ts";

/** Every cause, in stacking order. */
export const CAUSES: readonly Cause[] = ALL;

/** The non-compute causes: what idle money is counted by. */
export const IDLE_CAUSES: readonly Exclude<Cause, "compute">[] = IDLE;

export const CAUSE_LABEL = Object.fromEntries(ALL.map((c) => [c, CAUSE_INFO[c].label])) as Record<Cause, string>;

/** Training waits warm, serving's blue-green, idle and unallocated grey. */
export const CAUSE_COLOR: Record<Cause, string> = {
  compute: "#3a8d5c",
  dataWait: "#e07b39",
  dataPrep: "#f2b134",
  checkpointWait: "#7b6cc4",
  recovery: "#d1495b",
  lostWork: "#8c5a3c",
  modelLoad: "#2f8fb5",
  startup: "#8fc1d6",
  idleWarm: "#c9d66b",
  idle: "#b5bac3",
  unallocated: "#e4dfd1",
};

/** The causes with GPU time in any of `values` (compute always), in stacking order. */
export const causesIn = (values: readonly Partial<Record<Cause, number>>[]): Cause[] =>
  CAUSES.filter((c) => c === "compute" || values.some((v) => (v[c] ?? 0) > 0));

/** A colour scale with the causes' labels as its domain, for Plot's `color` option. */
export const causeColorScale = (causes: readonly Cause[] = CAUSES) => ({
  domain: causes.map((c) => CAUSE_LABEL[c]),
  range: causes.map((c) => CAUSE_COLOR[c]),
});

export const EVENT_KINDS: readonly EventKind[] = ["startup", "checkpoint", "failure", "recovery", "modelLoad"];

export const EVENT_LABEL: Record<EventKind, string> = {
  startup: "Start-up",
  checkpoint: "Checkpoint write",
  failure: "Failure",
  recovery: "Recovery",
  modelLoad: "Model load",
};

export const EVENT_COLOR: Record<EventKind, string> = {
  startup: "#6c8ebf",
  checkpoint: "#7b6cc4",
  failure: "#b0172f",
  recovery: "#f0a04b",
  modelLoad: "#2f8fb5",
};
