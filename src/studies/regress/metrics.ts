/**
 * The regression metrics of a scenario result: a fixed catalogue of numbers, each with a stable dotted path
 * (metric-path.ts), a kind (which sets its default tolerance) and the direction that counts as better.
 * Metrics belong to an alternative (`alternatives.<name>.…`, src/scenarios/result): first its headline, then
 * each training job's (`alternatives.<name>.jobs.<job>.…`), then each serving workload's
 * (`alternatives.<name>.inference.<workload>.…`), each sorted by name; alternatives in order of name. The
 * timeline, diagnosis and confidence intervals are not metrics.
 */
import { CAUSES, IDLE_CAUSES, type Cause } from "../../models/gpu-time.ts";
import type { AlternativeResult, InferenceResult, JobResult, ScenarioResult } from "../../scenarios/result/index.ts";
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

const cause = (c: Cause): Entry<AlternativeResult> => ({
  at: ["gpuHours", "byCause", c],
  kind: "hours",
  better: c === "compute" ? "none" : "lower",
  get: (a) => a.gpuHours.byCause[c],
});

/** An alternative's headline metrics, in report order. */
const ALTERNATIVE: readonly Entry<AlternativeResult>[] = [
  { at: ["utilisation"], kind: "fraction", better: "higher", get: (a) => a.utilisation },
  { at: ["wallHours"], kind: "hours", better: "lower", get: (a) => a.wallHours },
  { at: ["gpuHours", "total"], kind: "hours", better: "lower", get: (a) => a.gpuHours.total },
  ...CAUSES.map(cause),
  { at: ["cost", "totalUsd"], kind: "usd", better: "lower", get: (a) => a.cost.totalUsd },
  { at: ["cost", "gpuUsd"], kind: "usd", better: "lower", get: (a) => a.cost.gpuUsd },
  { at: ["cost", "storageUsd"], kind: "usd", better: "lower", get: (a) => a.cost.storageUsd },
  { at: ["cost", "egressUsd"], kind: "usd", better: "lower", get: (a) => a.cost.egressUsd },
  {
    at: ["cost", "runRate", "idlePerYearUsd"],
    kind: "usd",
    better: "lower",
    get: (a) => a.cost.runRate.idlePerYearUsd,
  },
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
  ...IDLE_CAUSES.filter((c) => c !== "unallocated").map((c): Entry<JobResult> => ({
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
  ...(["modelLoad", "startup", "idleWarm", "unallocated"] as const).map((c): Entry<InferenceResult> => ({
    at: ["gpuHours", "byCause", c],
    kind: "hours",
    better: "lower",
    get: (w) => w.gpuHours.byCause[c],
  })),
  { at: ["cost", "gpuUsd"], kind: "usd", better: "lower", get: (w) => w.cost.gpuUsd },
];

/** The placeholder for a job's or serving workload's name in `METRIC_TEMPLATES`. */
export const JOB_NAME = "<name>";

/**
 * Every metric path with `<name>` for an alternative's, job's or workload's name: what tolerance patterns are
 * checked against.
 */
export const METRIC_TEMPLATES: readonly (readonly string[])[] = [
  ...ALTERNATIVE.map((e) => ["alternatives", JOB_NAME, ...e.at]),
  ...JOB.map((e) => ["alternatives", JOB_NAME, "jobs", JOB_NAME, ...e.at]),
  ...INFERENCE.map((e) => ["alternatives", JOB_NAME, "inference", JOB_NAME, ...e.at]),
];

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function metric<T>(e: Entry<T>, x: T, prefix: readonly string[]): Metric {
  const segments = [...prefix, ...e.at];
  return { path: formatMetricPath(segments), segments, kind: e.kind, better: e.better, value: finite(e.get(x)) };
}

const byName = <T extends { name: string }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The metrics of one result: per alternative (by name), its headline, then each job's and serving workload's. */
export function extractMetrics(r: ScenarioResult): Metric[] {
  return byName(r.alternatives).flatMap((a) => {
    const at = ["alternatives", a.name];
    return [
      ...ALTERNATIVE.map((e) => metric(e, a, at)),
      ...byName(a.jobs).flatMap((j) => JOB.map((e) => metric(e, j, [...at, "jobs", j.name]))),
      ...byName(a.inference).flatMap((w) => INFERENCE.map((e) => metric(e, w, [...at, "inference", w.name]))),
    ];
  });
}
