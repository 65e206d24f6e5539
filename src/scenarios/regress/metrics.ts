/**
 * The regression metrics of a scenario result: a fixed catalogue of numbers, each with a stable dotted path
 * (metric-path.ts), a kind (which sets its default tolerance) and the direction that counts as better.
 * Scenario-level metrics come first, then each training job's (`jobs.<name>.…`), then each serving
 * workload's (`inference.<name>.…`), each sorted by name; the timeline, diagnosis and confidence intervals
 * are not metrics.
 */
import type { InferenceResult } from "../inference-result.ts";
import type { HoursByCause, JobResult, ScenarioResult } from "../result.ts";
import { formatMetricPath } from "./metric-path.ts";

/** What a metric measures: fractions (0–1), hours, latencies (ms or s, as named), US dollars, counts or bytes. */
export type MetricKind = "fraction" | "hours" | "latency" | "usd" | "count" | "bytes";

/** Which way is better: `higher`, `lower`, or `none` (a move is a change, neither better nor worse). */
export type Better = "higher" | "lower" | "none";

/** One measured number of one scenario run. `value` is `null` when the run gave a non-finite number. */
export interface Metric {
  readonly path: string;
  readonly segments: readonly string[];
  readonly kind: MetricKind;
  readonly better: Better;
  readonly value: number | null;
}

interface Entry<T> {
  readonly at: readonly string[];
  readonly kind: MetricKind;
  readonly better: Better;
  readonly get: (x: T) => number;
}

const IDLE_CAUSES = ["dataWait", "checkpointWait", "recovery", "lostWork", "idle"] as const;
const cause = (c: keyof HoursByCause, better: Better): Entry<ScenarioResult> => ({
  at: ["gpuHours", "byCause", c],
  kind: "hours",
  better,
  get: (r) => r.gpuHours.byCause[c],
});

/** Scenario-level metrics, in report order. */
const SCENARIO: readonly Entry<ScenarioResult>[] = [
  { at: ["utilisation"], kind: "fraction", better: "higher", get: (r) => r.utilisation },
  { at: ["wallHours"], kind: "hours", better: "lower", get: (r) => r.wallHours },
  { at: ["gpuHours", "total"], kind: "hours", better: "lower", get: (r) => r.gpuHours.total },
  cause("compute", "none"),
  ...IDLE_CAUSES.map((c) => cause(c, "lower")),
  cause("unallocated", "lower"),
  { at: ["cost", "totalUsd"], kind: "usd", better: "lower", get: (r) => r.cost.totalUsd },
  { at: ["cost", "gpuUsd"], kind: "usd", better: "lower", get: (r) => r.cost.gpuUsd },
  { at: ["cost", "storageUsd"], kind: "usd", better: "lower", get: (r) => r.cost.storageUsd },
  { at: ["cost", "egressUsd"], kind: "usd", better: "lower", get: (r) => r.cost.egressUsd },
  { at: ["cost", "idlePerYearUsd"], kind: "usd", better: "lower", get: (r) => r.cost.idlePerYearUsd },
];

/** Per-job metrics (after `jobs.<name>.`), in report order. */
const JOB: readonly Entry<JobResult>[] = [
  { at: ["au"], kind: "fraction", better: "higher", get: (j) => j.au },
  { at: ["utilisation"], kind: "fraction", better: "higher", get: (j) => j.utilisation },
  { at: ["completionHours"], kind: "hours", better: "lower", get: (j) => j.completionHours },
  { at: ["queueingHours"], kind: "hours", better: "lower", get: (j) => j.queueingHours ?? 0 },
  { at: ["checkpoints"], kind: "count", better: "none", get: (j) => j.checkpoints },
  { at: ["failures"], kind: "count", better: "lower", get: (j) => j.failures },
  { at: ["bytesRead"], kind: "bytes", better: "none", get: (j) => j.bytesRead },
  { at: ["bytesWritten"], kind: "bytes", better: "none", get: (j) => j.bytesWritten },
  { at: ["costUsd"], kind: "usd", better: "lower", get: (j) => j.costUsd },
  ...IDLE_CAUSES.map((c): Entry<JobResult> => ({
    at: ["gpuHoursByCause", c],
    kind: "hours",
    better: "lower",
    get: (j) => j.gpuHoursByCause[c],
  })),
];

/** Per serving-workload metrics (after `inference.<name>.`), in report order. */
const INFERENCE: readonly Entry<InferenceResult>[] = [
  { at: ["utilisation"], kind: "fraction", better: "higher", get: (w) => w.utilisation },
  { at: ["ttftMs", "p50"], kind: "latency", better: "lower", get: (w) => w.ttftMs.p50 },
  { at: ["ttftMs", "p99"], kind: "latency", better: "lower", get: (w) => w.ttftMs.p99 },
  { at: ["loadSeconds", "p50"], kind: "latency", better: "lower", get: (w) => w.loadSeconds.p50 },
  { at: ["coldStartSeconds", "p50"], kind: "latency", better: "lower", get: (w) => w.coldStartSeconds.p50 },
  { at: ["coldStarts"], kind: "count", better: "none", get: (w) => w.coldStarts },
  { at: ["requests", "served"], kind: "count", better: "higher", get: (w) => w.requests.served },
  { at: ["requests", "unserved"], kind: "count", better: "lower", get: (w) => w.requests.unserved },
  {
    at: ["requests", "waitedForColdStart"],
    kind: "count",
    better: "lower",
    get: (w) => w.requests.waitedForColdStart,
  },
  { at: ["bytesLoaded"], kind: "bytes", better: "none", get: (w) => w.bytesLoaded },
  {
    at: ["gpuHours", "byCause", "modelLoad"],
    kind: "hours",
    better: "lower",
    get: (w) => w.gpuHours.byCause.modelLoad,
  },
  { at: ["cost", "gpuUsd"], kind: "usd", better: "lower", get: (w) => w.cost.gpuUsd },
];

/** The placeholder for a job's or serving workload's name in `METRIC_TEMPLATES`. */
export const JOB_NAME = "<name>";

/** Every metric path with `<name>` for a job's or workload's name: what tolerance patterns are checked against. */
export const METRIC_TEMPLATES: readonly (readonly string[])[] = [
  ...SCENARIO.map((e) => e.at),
  ...JOB.map((e) => ["jobs", JOB_NAME, ...e.at]),
  ...INFERENCE.map((e) => ["inference", JOB_NAME, ...e.at]),
];

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function metric<T>(e: Entry<T>, x: T, prefix: readonly string[]): Metric {
  const segments = [...prefix, ...e.at];
  return { path: formatMetricPath(segments), segments, kind: e.kind, better: e.better, value: finite(e.get(x)) };
}

const byName = <T extends { name: string }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The metrics of one result: scenario-level, then each job's, then each serving workload's, by name. */
export function extractMetrics(r: ScenarioResult): Metric[] {
  return [
    ...SCENARIO.map((e) => metric(e, r, [])),
    ...byName(r.jobs).flatMap((j) => JOB.map((e) => metric(e, j, ["jobs", j.name]))),
    ...byName(r.inference ?? []).flatMap((w) => INFERENCE.map((e) => metric(e, w, ["inference", w.name]))),
  ];
}
