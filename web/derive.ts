/**
 * Chart data derived from API documents, and nothing invented: GPU-hours by cause come from the result;
 * dollars by cause are `cost.idleUsdByCause` for the idle causes and `cost.gpuUsd − Σ idleUsdByCause` for
 * compute (the GPU bill not lost to a cause). Per-job dollars use the run's price per GPU-hour,
 * `cost.gpuUsd / gpuHours.total`.
 */
import { CAUSE_LABEL, CAUSES, IDLE_CAUSES } from "./charts/causes.ts";
import type { Cause, CompareRun, EventKind, RunResult, Timeline } from "./types.ts";

/** One segment of a stacked bar: `value` in GPU-hours or USD. */
export interface CauseRow {
  group: string;
  cause: Cause;
  label: string;
  value: number;
}

/** The whole run's label in cause charts. */
export const ALL_JOBS = "All jobs";

/** USD by cause for the whole run. */
export function usdByCause(result: RunResult): Record<Cause, number> {
  const idle = result.cost.idleUsdByCause;
  const idleSum = IDLE_CAUSES.reduce((s, c) => s + (idle[c] ?? 0), 0);
  return { compute: Math.max(0, result.cost.gpuUsd - idleSum), unallocated: 0, ...idle };
}

/** GPU price the run was billed at, USD per GPU-hour (0 for a run with no GPU-hours). */
export const usdPerGpuHour = (result: RunResult): number =>
  result.gpuHours.total > 0 ? result.cost.gpuUsd / result.gpuHours.total : 0;

/** Stacked-bar rows: one group per job and, with several jobs, one for them all. */
export function causeRows(result: RunResult, unit: "hours" | "usd"): CauseRow[] {
  const price = usdPerGpuHour(result);
  const rows: CauseRow[] = [];
  const push = (group: string, values: Record<Cause, number>, scale: number) => {
    for (const cause of CAUSES)
      rows.push({ group, cause, label: CAUSE_LABEL[cause], value: (values[cause] ?? 0) * scale });
  };
  if (result.jobs.length > 1 || result.jobs.length === 0) {
    if (unit === "hours") push(ALL_JOBS, result.gpuHours.byCause, 1);
    else push(ALL_JOBS, usdByCause(result), 1);
  }
  for (const job of result.jobs) push(job.name, job.gpuHoursByCause, unit === "hours" ? 1 : price);
  return rows;
}

export interface SeriesPoint {
  t: number;
  value: number;
}

/** Utilisation (0–1) per bin, plus a closing point at the end of the last bin so steps draw it whole. */
export function utilisationSeries(timeline: Timeline): SeriesPoint[] {
  const pts = timeline.t.map((t, i) => ({ t, value: timeline.utilisation[i] ?? 0 }));
  const last = pts[pts.length - 1];
  if (last) pts.push({ t: last.t + timeline.binHours, value: last.value });
  return pts;
}

export interface ThroughputRow {
  binding: string;
  direction: "read" | "write";
  t: number;
  bytesPerSecond: number;
}

/** Read and write throughput per binding and bin (with the closing point, as above). */
export function throughputRows(timeline: Timeline): ThroughputRow[] {
  const rows: ThroughputRow[] = [];
  const ts = [...timeline.t, (timeline.t[timeline.t.length - 1] ?? 0) + timeline.binHours];
  for (const s of timeline.storage) {
    for (const direction of ["read", "write"] as const) {
      const values = direction === "read" ? s.readBytesPerSecond : s.writeBytesPerSecond;
      ts.forEach((t, i) => {
        const v = values[Math.min(i, values.length - 1)];
        if (v !== undefined) rows.push({ binding: s.name, direction, t, bytesPerSecond: v });
      });
    }
  }
  return rows;
}

export interface EventRow {
  job: string;
  kind: EventKind;
  start: number;
  end: number;
}

export const eventRows = (timeline: Timeline): EventRow[] =>
  timeline.events.map((e) => ({
    job: e.job,
    kind: e.kind,
    start: e.startHours,
    end: Math.max(e.endHours, e.startHours),
  }));

/** A compared run with a label unique among the compared runs (the name, plus the id where names repeat). */
export interface ComparePoint extends CompareRun {
  label: string;
  gpuHoursTotal: number;
}

export function comparePoints(runs: readonly CompareRun[]): ComparePoint[] {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return runs.map((r) => ({
    ...r,
    label: (counts.get(r.name) ?? 0) > 1 ? `${r.name} (${r.id.slice(0, 6)})` : r.name,
    gpuHoursTotal: typeof r.gpuHours === "number" ? r.gpuHours : r.gpuHours.total,
  }));
}

/** Grouped-bar rows: idle GPU-hours per non-compute cause per run. */
export function idleRows(points: readonly ComparePoint[]): CauseRow[] {
  return points.flatMap((p) =>
    IDLE_CAUSES.map((cause) => ({ group: p.label, cause, label: CAUSE_LABEL[cause], value: p.byCause[cause] ?? 0 })),
  );
}
