/**
 * Chart data derived from API documents, and nothing invented. Everything is per alternative: GPU-hours by cause
 * come from the alternative and its workloads; dollars by cause are the alternative's GPU bill by cause
 * (`cost.gpuUsdByCause`), a job's GPU-hours × its GPUs' price (`gpuUsdPerHour`), a serving workload's
 * `cost.gpuUsdByCause`. Alternatives are never added together.
 */
import { CAUSE_LABEL, CAUSES, causesIn } from "./charts/causes.ts";
import type { AlternativeResult, Cause, CompareRun, EventKind, HoursByCause, Timeline } from "./types.ts";

/** One segment of a stacked bar: `value` in GPU-hours or USD. */
export interface CauseRow {
  group: string;
  cause: Cause;
  label: string;
  value: number;
}

const scaled = (h: HoursByCause, k: number): HoursByCause =>
  Object.fromEntries(CAUSES.map((c) => [c, h[c] * k])) as unknown as HoursByCause;

/**
 * Stacked-bar rows of one alternative: a bar for the alternative as a whole (the only bar when it holds one
 * workload) and, when it holds several, one per job and serving workload. Only causes with time are drawn.
 */
export function causeRows(a: AlternativeResult, unit: "hours" | "usd"): CauseRow[] {
  const bars: [string, HoursByCause][] = [];
  const workloads = a.jobs.length + a.inference.length;
  bars.push([
    workloads > 1 ? `All of ${a.name}` : a.name,
    unit === "hours" ? a.gpuHours.byCause : a.cost.gpuUsdByCause,
  ]);
  if (workloads > 1) {
    for (const j of a.jobs)
      bars.push([j.name, unit === "hours" ? j.gpuHoursByCause : scaled(j.gpuHoursByCause, j.gpuUsdPerHour)]);
    for (const w of a.inference) bars.push([w.name, unit === "hours" ? w.gpuHours.byCause : w.cost.gpuUsdByCause]);
  }
  const causes = causesIn(bars.map(([, v]) => v));
  return bars.flatMap(([group, v]) =>
    causes.map((cause) => ({ group, cause, label: CAUSE_LABEL[cause], value: v[cause] })),
  );
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

/** A compared entry with the label the server gave it (what differs), and its run id whole. */
export interface ComparePoint extends CompareRun {
  gpuHoursTotal: number;
}

export const comparePoints = (runs: readonly CompareRun[]): ComparePoint[] =>
  runs.map((r) => ({ ...r, gpuHoursTotal: r.gpuHours }));

/** Grouped-bar rows: idle GPU-hours per non-compute cause per entry, for the causes any entry has. */
export function idleRows(points: readonly ComparePoint[]): CauseRow[] {
  const causes = causesIn(points.map((p) => p.byCause)).filter((c) => c !== "compute");
  return points.flatMap((p) =>
    causes.map((cause) => ({ group: p.label, cause, label: CAUSE_LABEL[cause], value: p.byCause[cause] ?? 0 })),
  );
}
