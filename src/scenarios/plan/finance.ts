/**
 * The planner's finance answers. "What does the idle cost": a design's idle GPU-hours (every non-compute cause)
 * per year at its run rate, and their price. "Payback of a faster tier": moving from one design to a faster,
 * costlier one adds storage $/month and saves idle GPU $/month (both at run rate, 730-hour months). Storage is
 * billed monthly in advance and the idle saving accrues through the month, so the month's extra bill is earned
 * back after extra / saving months when the saving exceeds the extra (always within the first month), and
 * never when it does not — the recurring saving never catches up with the recurring cost.
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from "../../models/cost/billing-period.ts";
import type { ScenarioResult } from "../result.ts";

/** Idle GPU time of a design per year of running like this, and what it costs. */
export interface IdleCost {
  /** Non-compute GPU-hours per 8,760-hour year at this run rate. */
  readonly idleGpuHoursPerYear: number;
  /** Their price per year, USD (`cost.idlePerYearUsd`). */
  readonly idleUsdPerYear: number;
}

/** All GPU-hours of a result and their compute part: training jobs and serving workloads together. */
export function gpuHoursOf(r: ScenarioResult): { total: number; compute: number } {
  let total = r.gpuHours.total;
  let compute = r.gpuHours.byCause.compute;
  for (const w of r.inference ?? []) {
    total += w.gpuHours.total;
    compute += w.gpuHours.byCause.compute;
  }
  return { total, compute };
}

/** Compute / all GPU time, training and serving together (the training utilisation when there is no serving). */
export function overallUtilisation(r: ScenarioResult): number {
  const h = gpuHoursOf(r);
  return (r.inference ?? []).length === 0 ? r.utilisation : h.total > 0 ? h.compute / h.total : 0;
}

/** A design's idle GPU-hours (training and serving) and dollars per year at its run rate (zero for no run time). */
export function idleCost(r: ScenarioResult): IdleCost {
  const h = gpuHoursOf(r);
  const idleHours = h.total - h.compute;
  const perYear = r.wallHours > 0 ? HOURS_PER_YEAR / r.wallHours : 0;
  return { idleGpuHoursPerYear: idleHours * perYear, idleUsdPerYear: r.cost.idlePerYearUsd };
}

/** Storage bill per 730-hour month of all bindings, USD. */
export const storageMonthlyOf = (r: ScenarioResult): number => r.storage.reduce((a, s) => a + s.monthlyUsd, 0);

/** Idle GPU cost per 730-hour month at the run rate, USD. */
export const idleMonthlyOf = (r: ScenarioResult): number => (r.cost.idlePerYearUsd * HOURS_PER_MONTH) / HOURS_PER_YEAR;

/** The payback of going from one design to a faster one. */
export interface Payback {
  /** Storage $/month the faster design adds (negative when it is cheaper in storage). */
  readonly extraStorageUsdPerMonth: number;
  /** Idle GPU $/month it saves (negative when it idles more). */
  readonly idleUsdSavedPerMonth: number;
  /** Saved − extra, USD/month. */
  readonly netUsdPerMonth: number;
  /** Months to earn back a month's extra storage bill; Infinity (never) when the net saving is ≤ 0. */
  readonly paybackMonths: number;
}

/**
 * Payback months from the extra storage bill and the idle saving, both USD/month (this file's header): Infinity
 * when saving − extra ≤ 0; 0 when the extra is ≤ 0 and the net is positive; else extra / saving.
 * @throws RangeError `invalid extra storage usd per month: NaN` / `invalid idle usd saved per month: NaN` (not finite).
 */
export function paybackMonths(extraUsdPerMonth: number, savedUsdPerMonth: number): number {
  if (!Number.isFinite(extraUsdPerMonth))
    throw new RangeError(`invalid extra storage usd per month: ${extraUsdPerMonth}`);
  if (!Number.isFinite(savedUsdPerMonth)) throw new RangeError(`invalid idle usd saved per month: ${savedUsdPerMonth}`);
  if (savedUsdPerMonth - extraUsdPerMonth <= 0) return Infinity;
  if (extraUsdPerMonth <= 0) return 0;
  return extraUsdPerMonth / savedUsdPerMonth;
}

/** The payback of moving from `from` to the faster `to` (results of the two designs). */
export function payback(from: ScenarioResult, to: ScenarioResult): Payback {
  const extra = storageMonthlyOf(to) - storageMonthlyOf(from);
  const saved = idleMonthlyOf(from) - idleMonthlyOf(to);
  return {
    extraStorageUsdPerMonth: extra,
    idleUsdSavedPerMonth: saved,
    netUsdPerMonth: saved - extra,
    paybackMonths: paybackMonths(extra, saved),
  };
}
