/**
 * Finance helpers for the planner and the finance scenario: GPU-µs to GPU-hours, the yearly cost of idle GPUs,
 * and how many months a storage change takes to pay for itself. Pure functions over USD, hours and GPU-µs.
 */
import { US_PER_HOUR } from "../../sim/time.ts";
import { HOURS_PER_YEAR } from "./billing-period.ts";

/**
 * GPU-hours in `gpuUs` GPU-microseconds (one GPU for one µs = 1; 3.6 × 10^9 GPU-µs = 1 GPU-hour).
 * No validation: the conversion is linear and keeps NaN, Infinity and negatives as they are.
 */
export const gpuHours = (gpuUs: number): number => gpuUs / US_PER_HOUR;

/** Input of {@link idleCostPerYear}. */
export interface IdleCostInput {
  /** GPUs in the fleet (≥ 0). */
  readonly gpus: number;
  /** Price of one GPU-hour, USD (≥ 0). */
  readonly usdPerGpuHour: number;
  /** Share of the allocated GPU time that is not compute, 0–1. */
  readonly idleFraction: number;
  /** Hours per year the GPUs are allocated (paid for), 0–8,760; default 8,760 (always on). */
  readonly utilisationHoursPerYear?: number;
}

/**
 * USD per year spent on GPUs that are allocated but idle: gpus × utilisationHoursPerYear × usdPerGpuHour × idleFraction.
 * @throws RangeError `invalid idle fraction: 1.5` (outside 0–1), `invalid utilisation hours per year: 9000`
 *   (outside 0–8,760), or `invalid gpus: -1` / `invalid usd per gpu hour: NaN` (negative or not finite).
 */
export function idleCostPerYear({
  gpus,
  usdPerGpuHour,
  idleFraction,
  utilisationHoursPerYear = HOURS_PER_YEAR,
}: IdleCostInput): number {
  nonNegative("gpus", gpus);
  nonNegative("usd per gpu hour", usdPerGpuHour);
  if (!(idleFraction >= 0 && idleFraction <= 1)) throw new RangeError(`invalid idle fraction: ${idleFraction}`);
  if (!(utilisationHoursPerYear >= 0 && utilisationHoursPerYear <= HOURS_PER_YEAR)) {
    throw new RangeError(`invalid utilisation hours per year: ${utilisationHoursPerYear}`);
  }
  return gpus * utilisationHoursPerYear * usdPerGpuHour * idleFraction;
}

/** Input of {@link paybackMonths}. */
export interface PaybackInput {
  /** One-off cost of the change, USD (migration, extra nodes bought); default 0. */
  readonly upfrontUsd?: number;
  /** What the change adds to the monthly bill, USD/month (e.g. faster storage), ≥ 0. */
  readonly extraMonthlyUsd: number;
  /** What it saves per month, USD/month (e.g. idle GPU-hours no longer paid for); may be ≤ 0. */
  readonly monthlySavingUsd: number;
}

/**
 * Months until the change pays for itself: upfrontUsd / (monthlySavingUsd − extraMonthlyUsd).
 * `Infinity` when the net monthly saving is ≤ 0 (it never pays back, which includes savings ≤ 0); 0 when there is
 * no upfront cost and the net saving is positive (it pays from the first month).
 * @throws RangeError `invalid upfront usd: -1` / `invalid extra monthly usd: NaN` (negative or not finite), or
 *   `invalid monthly saving usd: NaN` (not finite).
 */
export function paybackMonths({ upfrontUsd = 0, extraMonthlyUsd, monthlySavingUsd }: PaybackInput): number {
  nonNegative("upfront usd", upfrontUsd);
  nonNegative("extra monthly usd", extraMonthlyUsd);
  if (!Number.isFinite(monthlySavingUsd)) throw new RangeError(`invalid monthly saving usd: ${monthlySavingUsd}`);
  const net = monthlySavingUsd - extraMonthlyUsd;
  if (net <= 0) return Infinity;
  return upfrontUsd / net;
}

function nonNegative(what: string, x: number): void {
  if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`invalid ${what}: ${x}`);
}
