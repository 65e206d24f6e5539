/**
 * The headline numbers of one sweep point, one entry per alternative of its result (never a sum), as the table,
 * the CSV and `--json` show them: utilisation, each job's AU, wall hours, GPU-hours, cost to finish and idle cost
 * per year if it ran like this; with replications, the half-widths of the 95% intervals the run reports. Numbers
 * that are not finite become `null`, so a summary is JSON data and survives a shard file unchanged.
 */
import type { AlternativeResult, ScenarioResult } from "../../scenarios/result/index.ts";

/** Half-widths of 95% intervals, in the unit of the value (utilisation and AU as fractions). */
export interface SummaryHalfWidths {
  utilisation: number | null;
  /** By job name. */
  au: Record<string, number | null>;
  wallHours: number | null;
  totalUsd: number | null;
}

/** A point's headline numbers: one per alternative of its result. */
export interface PointSummary {
  alternatives: AlternativeSummary[];
}

/** One alternative's headline numbers. */
export interface AlternativeSummary {
  /** The alternative's name (a job or serving workload run alone, or a cluster design). */
  name: string;
  /** Compute GPU-hours / all GPU-hours (0–1). */
  utilisation: number | null;
  /** MLPerf Storage accelerator utilisation of each job, by job name (0–1). */
  au: Record<string, number | null>;
  /** Longest job's completion, hours. */
  wallHours: number | null;
  /** All GPU-hours. */
  gpuHours: number | null;
  /** Cost to finish, USD. */
  totalUsd: number | null;
  /** Idle GPU time priced for a year if it ran like this all year, USD. */
  idlePerYearUsd: number | null;
  /** With replications > 1 only. idlePerYearUsd has no interval (the run reports none). */
  halfWidth?: SummaryHalfWidths;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** The summary of a result (a single run or the mean of replications). */
export function pointSummary(r: ScenarioResult): PointSummary {
  return { alternatives: r.alternatives.map((a) => alternativeSummary(a, r.replications)) };
}

function alternativeSummary(a: AlternativeResult, replications: number): AlternativeSummary {
  const summary: AlternativeSummary = {
    name: a.name,
    utilisation: finite(a.utilisation),
    au: Object.fromEntries(a.jobs.map((j) => [j.name, finite(j.au)])),
    wallHours: finite(a.wallHours),
    gpuHours: finite(a.gpuHours.total),
    totalUsd: finite(a.cost.totalUsd),
    idlePerYearUsd: finite(a.cost.runRate.idlePerYearUsd),
  };
  const c = a.confidence;
  if (replications > 1 && c !== undefined) {
    const half = (i: { low: number; high: number } | undefined): number | null =>
      i === undefined ? null : finite((i.high - i.low) / 2);
    summary.halfWidth = {
      utilisation: half(c.utilisation),
      au: Object.fromEntries(a.jobs.map((j) => [j.name, half(j.confidence?.au)])),
      wallHours: half(c.wallHours),
      totalUsd: half(c.totalUsd),
    };
  }
  return summary;
}
