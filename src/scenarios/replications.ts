/**
 * Aggregating replications: every number becomes its mean over the runs (so the document keeps its
 * shape), and the key metrics get a 95% confidence interval from Student's t. The timeline is the first
 * replication's, unchanged: runs differ in length, failures and checkpoints, and a mean of timelines would
 * show events that never happened.
 */
import type { Interval, ScenarioResult } from "./result.ts";

/** Two-sided 95% Student t quantiles for 1–30 degrees of freedom; 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean and 95% interval of `xs` (at least 2 values). */
export function interval95(xs: readonly number[]): Interval {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: mean, high: mean };
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const half = (T95[n - 2] ?? 1.96) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

/** Element-wise mean of same-shaped values; strings and other leaves come from the first. */
function meanOf(values: readonly unknown[]): unknown {
  const first = values[0];
  if (typeof first === "number") return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
  if (Array.isArray(first)) return first.map((_, i) => meanOf(values.map((v) => (v as unknown[])[i])));
  if (first !== null && typeof first === "object") {
    return Object.fromEntries(
      Object.keys(first).map((k) => [k, meanOf(values.map((v) => (v as Record<string, unknown>)[k]))]),
    );
  }
  return first;
}

/**
 * The mean document of several replications, with `confidence` for the key metrics and the first run's timeline.
 * Every number is the mean over the runs, except the run rates (`cost.perMonthUsd`, `perYearUsd`,
 * `idlePerYearUsd`): mean cost ÷ mean wall hours, so they agree with the mean totals.
 */
export function aggregateReplications(runs: readonly ScenarioResult[]): ScenarioResult {
  const mean = meanOf(runs.map(({ timeline: _, ...rest }) => rest)) as Omit<ScenarioResult, "timeline">;
  const confidence: Record<string, Interval> = {
    utilisation: interval95(runs.map((r) => r.utilisation)),
    "gpuHours.total": interval95(runs.map((r) => r.gpuHours.total)),
    "cost.totalUsd": interval95(runs.map((r) => r.cost.totalUsd)),
    wallHours: interval95(runs.map((r) => r.wallHours)),
  };
  runs[0]!.jobs.forEach((job, i) => {
    confidence[`jobs.${job.name}.completionHours`] = interval95(runs.map((r) => r.jobs[i]!.completionHours));
    confidence[`jobs.${job.name}.au`] = interval95(runs.map((r) => r.jobs[i]!.au));
    confidence[`jobs.${job.name}.failures`] = interval95(runs.map((r) => r.jobs[i]!.failures));
  });
  // Run-rate figures are ratios (cost ÷ wall hours): the mean document's are the ratio of the means (wall-
  // weighted means of the runs' rates), so that they agree with its mean costs and mean wall hours.
  const wall = runs.reduce((a, r) => a + r.wallHours, 0);
  const rate = (f: (r: ScenarioResult) => number): number =>
    wall > 0 ? runs.reduce((a, r) => a + f(r) * r.wallHours, 0) / wall : f(mean as ScenarioResult);
  return {
    ...mean,
    cost: {
      ...mean.cost,
      perMonthUsd: rate((r) => r.cost.perMonthUsd),
      perYearUsd: rate((r) => r.cost.perYearUsd),
      idlePerYearUsd: rate((r) => r.cost.idlePerYearUsd),
    },
    seed: runs[0]!.seed,
    replications: runs.length,
    diagnosis: runs[0]!.diagnosis,
    confidence,
    timeline: runs[0]!.timeline,
  };
}
