/**
 * The billing calendar of the cost model. Cloud prices quoted "per month" (storage GB-months, IOPS-months) are
 * converted with a fixed 730-hour month, the convention AWS, Azure and GCP use on their price pages: a 365-day
 * year of 8,760 hours divided by 12. Leap days and calendar months of 28–31 days are not modelled.
 */

/** Hours in a year: 365 × 24 = 8,760. */
export const HOURS_PER_YEAR = 8_760;

/** Hours in a billing month: 8,760 h / 12 = 730. */
export const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;

/** A run's cost at its run rate: per 730-hour month, per year, and its idle GPU cost per year, USD. */
export interface RunRates {
  readonly perMonthUsd: number;
  readonly perYearUsd: number;
  readonly idlePerYearUsd: number;
}

/**
 * `totalUsd` and `idleUsd` spent over `wallHours`, continued for a month and a year (all 0 for no wall time).
 * One formula for every runner (training, cluster, serving), so their run rates agree.
 */
export function runRates(totalUsd: number, idleUsd: number, wallHours: number): RunRates {
  if (!(wallHours > 0)) return { perMonthUsd: 0, perYearUsd: 0, idlePerYearUsd: 0 };
  const rate = totalUsd / wallHours;
  return {
    perMonthUsd: rate * HOURS_PER_MONTH,
    perYearUsd: rate * HOURS_PER_YEAR,
    idlePerYearUsd: (idleUsd / wallHours) * HOURS_PER_YEAR,
  };
}
