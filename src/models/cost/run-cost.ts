/**
 * The cost of one simulated run: the GPUs for its whole wall time (split by cause of GPU time), the storage it
 * holds, prorated from monthly prices, and the egress it reads across zones; plus the run rate, i.e. what running
 * this way continuously would cost per 730-hour month and per 8,760-hour year. Units: µs and GPU-µs in, USD out.
 */
import { US_PER_HOUR } from "../../sim/time.ts";
import { CAUSES, IDLE_CAUSES, totalGpuTime, type GpuTime, type IdleCause } from "../gpu-time.ts";
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from "./billing-period.ts";
import { gpuHours } from "./finance.ts";

/** A storage backend the run holds, with its monthly bill (from `storageMonthlyUsd`). */
export interface StorageCharge {
  /** Name to report it under, e.g. the preset name or a role such as `checkpoints`. */
  readonly name: string;
  /** USD per 730-hour month; prorated to the run's wall time here. */
  readonly monthlyUsd: number;
}

/** Input of {@link runCost}. */
export interface RunCostInput {
  /** The run's duration, µs (> 0). */
  readonly wallUs: number;
  /** GPUs allocated for the whole run (≥ 0). */
  readonly gpus: number;
  /** Price of one GPU-hour, USD. */
  readonly gpuUsdPerHour: number;
  /** GPU-µs by cause; must sum to gpus × wallUs. */
  readonly gpuTime: GpuTime;
  /** Storage held for the whole run, at monthly prices. */
  readonly storage: readonly StorageCharge[];
  /** Bytes read or written across a zone or region boundary. */
  readonly egressBytes: number;
  /** USD per GB of egress (GB = 10^9 bytes). */
  readonly egressUsdPerGb: number;
}

/** A cost scaled to a period of continuous running, USD. */
export interface RunRate {
  readonly totalUsd: number;
  readonly gpuUsd: number;
  readonly idleUsd: number;
}

/** The cost of one run, USD. */
export interface RunCost {
  /** gpuUsd + storageUsd + egressUsd. */
  readonly totalUsd: number;
  /** gpus × wall hours × gpuUsdPerHour (= computeUsd + idleUsd). */
  readonly gpuUsd: number;
  /** GPU-hours of compute × gpuUsdPerHour. */
  readonly computeUsd: number;
  /** The sum of {@link idleUsdByCause}: GPUs paid for but not computing. */
  readonly idleUsd: number;
  /** GPU-hours of each non-compute cause × gpuUsdPerHour. */
  readonly idleUsdByCause: Readonly<Record<IdleCause, number>>;
  /** The sum of {@link storageUsdByName}. */
  readonly storageUsd: number;
  /** monthlyUsd × wall hours / 730 per name; charges with the same name are added. */
  readonly storageUsdByName: Readonly<Record<string, number>>;
  /** egressBytes / 10^9 × egressUsdPerGb. */
  readonly egressUsd: number;
  /** Run rate: this run's cost per hour × 730 (storage per month is then its monthlyUsd). */
  readonly perMonth: RunRate;
  /** Run rate: this run's cost per hour × 8,760. */
  readonly perYear: RunRate;
}

/** Relative tolerance on the sum of the causes of GPU time. */
const SUM_TOLERANCE = 1e-6;

/**
 * The cost of a run. Storage is prorated here: monthlyUsd × wall hours / 730.
 * @throws RangeError `invalid wall time: 0us` (not finite and > 0), `invalid gpus: -1`,
 *   `invalid gpu usd per hour: NaN`, `invalid egress bytes: -1`, `invalid egress usd per gb: NaN`,
 *   `invalid monthly usd of ebs-gp3: -1` (negative or not finite), `invalid gpu time: dataWait = -5 GPU-us`,
 *   or `gpu time by cause sums to 7 GPU-us, expected gpus × wall = 8 × 1us = 8 GPU-us` when the causes are off by
 *   more than 1e-6 relative.
 */
export function runCost(input: RunCostInput): RunCost {
  const { wallUs, gpus, gpuUsdPerHour, gpuTime, storage, egressBytes, egressUsdPerGb } = input;
  if (!(Number.isFinite(wallUs) && wallUs > 0)) throw new RangeError(`invalid wall time: ${wallUs}us`);
  nonNegative("gpus", gpus);
  nonNegative("gpu usd per hour", gpuUsdPerHour);
  nonNegative("egress bytes", egressBytes);
  nonNegative("egress usd per gb", egressUsdPerGb);
  checkGpuTime(gpuTime, gpus, wallUs);

  const wallHours = wallUs / US_PER_HOUR;
  const gpuUsd = gpus * wallHours * gpuUsdPerHour;
  const computeUsd = gpuHours(gpuTime.compute) * gpuUsdPerHour;
  const idleUsdByCause = Object.fromEntries(
    IDLE_CAUSES.map((c) => [c, gpuHours(gpuTime[c]) * gpuUsdPerHour]),
  ) as Record<IdleCause, number>;
  const idleUsd = IDLE_CAUSES.reduce((sum, c) => sum + idleUsdByCause[c], 0);

  const byName = new Map<string, number>();
  for (const { name, monthlyUsd } of storage) {
    nonNegative(`monthly usd of ${name}`, monthlyUsd);
    byName.set(name, (byName.get(name) ?? 0) + (monthlyUsd * wallHours) / HOURS_PER_MONTH);
  }
  const storageUsd = [...byName.values()].reduce((sum, x) => sum + x, 0);
  const egressUsd = (egressBytes / 1e9) * egressUsdPerGb;
  const totalUsd = gpuUsd + storageUsd + egressUsd;

  const rate = (hours: number): RunRate => {
    const k = hours / wallHours;
    return { totalUsd: totalUsd * k, gpuUsd: gpuUsd * k, idleUsd: idleUsd * k };
  };
  return {
    totalUsd,
    gpuUsd,
    computeUsd,
    idleUsd,
    idleUsdByCause,
    storageUsd,
    storageUsdByName: Object.fromEntries(byName),
    egressUsd,
    perMonth: rate(HOURS_PER_MONTH),
    perYear: rate(HOURS_PER_YEAR),
  };
}

/** Each cause finite and ≥ 0, and all of them summing to gpus × wallUs within {@link SUM_TOLERANCE}. */
function checkGpuTime(gpuTime: GpuTime, gpus: number, wallUs: number): void {
  for (const c of CAUSES) {
    const x = gpuTime[c];
    if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`invalid gpu time: ${c} = ${x} GPU-us`);
  }
  const sum = totalGpuTime(gpuTime);
  const expected = gpus * wallUs;
  if (Math.abs(sum - expected) > SUM_TOLERANCE * Math.max(expected, sum)) {
    throw new RangeError(
      `gpu time by cause sums to ${sum} GPU-us, expected gpus × wall = ${gpus} × ${wallUs}us = ${expected} GPU-us`,
    );
  }
}

function nonNegative(what: string, x: number): void {
  if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`invalid ${what}: ${x}`);
}
