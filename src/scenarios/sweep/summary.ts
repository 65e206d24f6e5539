/**
 * The headline numbers of one sweep point, as the table, the CSV and `--json` show them: utilisation, each
 * job's AU, wall hours, GPU-hours, total cost and idle cost per year; with replications, the half-widths of
 * the 95% confidence intervals the run reports. Numbers that are not finite become `null`, so a summary is
 * JSON data and survives a shard file unchanged.
 */
import type { ScenarioResult } from "../result.ts";

/** Half-widths of 95% intervals, in the unit of the value (utilisation and AU as fractions). */
export interface SummaryHalfWidths {
  utilisation: number | null;
  /** By job name. */
  au: Record<string, number | null>;
  wallHours: number | null;
  totalUsd: number | null;
}

/** A point's headline numbers. */
export interface PointSummary {
  /** Compute GPU-hours / all GPU-hours (0–1). */
  utilisation: number | null;
  /** MLPerf Storage accelerator utilisation of each job, by job name (0–1). */
  au: Record<string, number | null>;
  /** Longest job's completion, hours. */
  wallHours: number | null;
  /** All GPU-hours. */
  gpuHours: number | null;
  /** Cost of the run, USD. */
  totalUsd: number | null;
  /** Idle GPU time priced at this run rate for a year, USD. */
  idlePerYearUsd: number | null;
  /** With replications > 1 only. idlePerYearUsd has no interval (the run reports none). */
  halfWidth?: SummaryHalfWidths;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** The summary of a result (a single run or the mean of replications). */
export function pointSummary(r: ScenarioResult): PointSummary {
  const summary: PointSummary = {
    utilisation: finite(r.utilisation),
    au: Object.fromEntries(r.jobs.map((j) => [j.name, finite(j.au)])),
    wallHours: finite(r.wallHours),
    gpuHours: finite(r.gpuHours.total),
    totalUsd: finite(r.cost.totalUsd),
    idlePerYearUsd: finite(r.cost.idlePerYearUsd),
  };
  const c = r.confidence;
  if (r.replications > 1 && c !== undefined) {
    const half = (key: string): number | null => {
      const i = c[key];
      return i === undefined ? null : finite((i.high - i.low) / 2);
    };
    summary.halfWidth = {
      utilisation: half("utilisation"),
      au: Object.fromEntries(r.jobs.map((j) => [j.name, half(`jobs.${j.name}.au`)])),
      wallHours: half("wallHours"),
      totalUsd: half("cost.totalUsd"),
    };
  }
  return summary;
}
