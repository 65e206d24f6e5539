/**
 * The billing calendar of the cost model. Cloud prices quoted "per month" (storage GB-months, IOPS-months) are
 * converted with a fixed 730-hour month, the convention AWS, Azure and GCP use on their price pages: a 365-day
 * year of 8,760 hours divided by 12. Leap days and calendar months of 28–31 days are not modelled.
 */

/** Hours in a year: 365 × 24 = 8,760. */
export const HOURS_PER_YEAR = 8_760;

/** Hours in a billing month: 8,760 h / 12 = 730. */
export const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;
