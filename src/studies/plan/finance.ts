/**
 * The planner's finance answers, from the designs' results alone and in the plan's own objective.
 *
 * "What does the idle cost": a design's non-compute GPU-hours and their price in the simulated run, and the same
 * at its run rate for a year (if it ran like this all year).
 *
 * "What does a faster tier buy": moving from the chosen design to the next faster one on the frontier adds
 * storage $/month and finishes the work sooner. Both ways of counting are given and agree with the objective:
 * the change in cost to finish the work (the default objective; positive when the faster tier costs more to
 * finish, which it must whenever the chosen design was chosen on that objective), and at run rate the change in
 * the monthly bill and in idle GPU $/month (GPUs are paid by the hour either way: a faster tier turns idle GPU time
 * into compute, it does not shrink the GPU bill of a month).
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from "../../models/cost/billing-period.ts";
import type { AlternativeResult } from "../../scenarios/result/index.ts";

/** Idle GPU time of a design, in its run and per year at its run rate. */
export interface IdleCost {
  /** Non-compute GPU-hours of the run. */
  readonly idleGpuHours: number;
  /** Their price, USD. */
  readonly idleUsd: number;
  /** Non-compute GPU-hours per 8,760-hour year at this run rate. */
  readonly idleGpuHoursPerYear: number;
  /** Their price per year, USD (`cost.runRate.idlePerYearUsd`). */
  readonly idleUsdPerYear: number;
}

/** A design's idle GPU time and what it costs (zero per year for no run time). */
export function idleCost(a: AlternativeResult): IdleCost {
  const idleGpuHours = a.gpuHours.total - a.gpuHours.byCause.compute;
  const perYear = a.wallHours > 0 ? HOURS_PER_YEAR / a.wallHours : 0;
  return {
    idleGpuHours,
    idleUsd: a.cost.idleUsd,
    idleGpuHoursPerYear: idleGpuHours * perYear,
    idleUsdPerYear: a.cost.runRate.idlePerYearUsd,
  };
}

/** Storage bill per 730-hour month of all bindings, USD. */
export const storageMonthlyOf = (a: AlternativeResult): number => a.storage.reduce((s, x) => s + x.monthlyUsd, 0);

/** What moving from one design to a faster one changes. */
export interface FasterTier {
  /** Storage $/month the faster design adds (negative when it is cheaper in storage). */
  readonly extraStorageUsdPerMonth: number;
  /** Wall hours it saves. */
  readonly hoursSooner: number;
  /** Its cost to finish the work minus the slower design's, USD (positive: it costs more). */
  readonly costToFinishDeltaUsd: number;
  /** Its run rate per month minus the slower design's, USD. */
  readonly runRateDeltaUsdPerMonth: number;
  /** Idle GPU $/month at run rate it turns into compute (negative when it idles more). */
  readonly idleUsdSavedPerMonth: number;
}

/** The change from `from` to the faster `to` (this file's header). */
export function fasterTier(from: AlternativeResult, to: AlternativeResult): FasterTier {
  const idleMonthly = (a: AlternativeResult) => (a.cost.runRate.idlePerYearUsd * HOURS_PER_MONTH) / HOURS_PER_YEAR;
  return {
    extraStorageUsdPerMonth: storageMonthlyOf(to) - storageMonthlyOf(from),
    hoursSooner: from.wallHours - to.wallHours,
    costToFinishDeltaUsd: to.cost.totalUsd - from.cost.totalUsd,
    runRateDeltaUsdPerMonth: to.cost.runRate.perMonthUsd - from.cost.runRate.perMonthUsd,
    idleUsdSavedPerMonth: idleMonthly(from) - idleMonthly(to),
  };
}
