/**
 * Building one alternative's result from its parts — the one place where headline numbers are derived, for
 * single jobs, serving workloads and cluster designs alike, and again for the mean of replications.
 *
 * From the parts (GPU-hours by cause, the GPU bill by cause, storage, egress, the workloads' results) it
 * derives: total GPU-hours (= Σ causes), utilisation (compute ÷ total), the cost (GPU bill = Σ its causes,
 * idle = the non-compute part, total = GPUs + storage + egress), the run rate (cost per wall hour × 730 h and
 * × 8,760 h, stated as "if it ran like this"), every job's utilisation from its own causes, and the diagnosis.
 */
import { runRates } from "../../models/cost/billing-period.ts";
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from "../../models/cost/billing-period.ts";
import { CAUSES, IDLE_CAUSES, totalGpuTime, type GpuTime } from "../../models/gpu-time.ts";
import type { ClusterDetail } from "./cluster-types.ts";
import { diagnoseAlternative } from "./diagnosis.ts";
import type { InferenceResult } from "./inference-types.ts";
import type { AlternativeResult, HoursByCause, JobResult, StorageResult, Timeline } from "./types.ts";

/** What an alternative's run produced, priced: the input of {@link finishAlternative}. */
export interface AlternativeParts {
  readonly name: string;
  readonly kind: AlternativeResult["kind"];
  readonly description: string;
  /** GPUs paid for. */
  readonly gpus: number;
  readonly wallHours: number;
  /** GPU-hours paid for, by cause (must sum to gpus × wallHours). */
  readonly gpuHoursByCause: Readonly<HoursByCause>;
  /** The GPU bill by cause, USD (each cause at the price of the GPUs it happened on). */
  readonly gpuUsdByCause: Readonly<HoursByCause>;
  readonly storage: readonly StorageResult[];
  readonly egressUsd: number;
  readonly jobs: readonly JobResult[];
  readonly inference: readonly InferenceResult[];
  readonly timeline: Timeline;
  readonly cluster?: ClusterDetail;
  /** The GPUs' purchase price (mean over the GPUs paid for) and the years it is spread over. */
  readonly owned: { readonly capexUsdPerGpu: number; readonly lifeYears: number };
}

/** Relative tolerance of the causes' sum against gpus × wall hours. */
const SUM_TOLERANCE = 1e-6;

const copy = (t: Readonly<GpuTime>): HoursByCause => ({ ...t });

/**
 * The alternative's result.
 * @throws RangeError `alternative X: GPU time by cause sums to A GPU-h, expected gpus × wall = B GPU-h` when the
 *   parts are inconsistent (a model bug, never a user error).
 */
export function finishAlternative(p: AlternativeParts): AlternativeResult {
  const total = totalGpuTime(p.gpuHoursByCause);
  const expected = p.gpus * p.wallHours;
  if (Math.abs(total - expected) > SUM_TOLERANCE * Math.max(1e-9, expected, total)) {
    throw new RangeError(
      `alternative ${p.name}: GPU time by cause sums to ${total} GPU-h, expected gpus × wall = ${p.gpus} × ${p.wallHours} h = ${expected} GPU-h`,
    );
  }
  const gpuUsd = totalGpuTime(p.gpuUsdByCause);
  const idleUsd = IDLE_CAUSES.reduce((a, c) => a + p.gpuUsdByCause[c], 0);
  const storageUsd = p.storage.reduce((a, s) => a + s.usd, 0);
  const totalUsd = gpuUsd + storageUsd + p.egressUsd;
  const rates = runRates(totalUsd, idleUsd, p.wallHours);
  const perHour = p.wallHours > 0 ? 1 / p.wallHours : 0;
  const ownedRate = p.owned.capexUsdPerGpu / (p.owned.lifeYears * HOURS_PER_YEAR);
  const idleHours = total - p.gpuHoursByCause.compute;
  const byCauseRate = (hours: number): Partial<HoursByCause> =>
    Object.fromEntries(IDLE_CAUSES.map((c) => [c, p.gpuUsdByCause[c] * perHour * hours]));
  const jobs = p.jobs.map((j) => {
    const all = totalGpuTime(j.gpuHoursByCause);
    return { ...j, utilisation: all > 0 ? j.gpuHoursByCause.compute / all : 0 };
  });
  const inference = p.inference.map((w) => {
    const all = totalGpuTime(w.gpuHours.byCause);
    return {
      ...w,
      gpuHours: { ...w.gpuHours, total: all },
      utilisation: all > 0 ? w.gpuHours.byCause.compute / all : 0,
    };
  });
  const alt: Omit<AlternativeResult, "diagnosis"> = {
    name: p.name,
    kind: p.kind,
    description: p.description,
    gpus: p.gpus,
    wallHours: p.wallHours,
    gpuHours: { total, byCause: copy(p.gpuHoursByCause) },
    utilisation: total > 0 ? p.gpuHoursByCause.compute / total : 0,
    cost: {
      totalUsd,
      gpuUsd,
      storageUsd,
      egressUsd: p.egressUsd,
      gpuUsdByCause: copy(p.gpuUsdByCause),
      idleUsd,
      owned: {
        capexUsdPerGpu: p.owned.capexUsdPerGpu,
        lifeYears: p.owned.lifeYears,
        usdPerGpuHour: ownedRate,
        gpuUsd: total * ownedRate,
        idleUsd: idleHours * ownedRate,
        idlePerYearUsd: p.wallHours > 0 ? ((idleHours * HOURS_PER_YEAR) / p.wallHours) * ownedRate : 0,
      },
      runRate: {
        perMonthUsd: rates.perMonthUsd,
        perYearUsd: rates.perYearUsd,
        idlePerMonthUsd: (rates.idlePerYearUsd * HOURS_PER_MONTH) / HOURS_PER_YEAR,
        idlePerYearUsd: rates.idlePerYearUsd,
        idlePerMonthUsdByCause: byCauseRate(HOURS_PER_MONTH),
        idlePerYearUsdByCause: byCauseRate(HOURS_PER_YEAR),
      },
    },
    jobs,
    inference,
    storage: p.storage.map((s) => ({ ...s, adjustments: [...s.adjustments] })),
    timeline: p.timeline,
    ...(p.cluster === undefined ? {} : { cluster: p.cluster }),
  };
  return { ...alt, diagnosis: diagnoseAlternative(alt) };
}

/** The parts of a finished alternative (what {@link finishAlternative} was given, or the mean of replications). */
export function partsOf(a: AlternativeResult): AlternativeParts {
  return {
    name: a.name,
    kind: a.kind,
    description: a.description,
    gpus: a.gpus,
    wallHours: a.wallHours,
    gpuHoursByCause: a.gpuHours.byCause,
    gpuUsdByCause: a.cost.gpuUsdByCause,
    storage: a.storage,
    egressUsd: a.cost.egressUsd,
    jobs: a.jobs,
    inference: a.inference,
    timeline: a.timeline,
    ...(a.cluster === undefined ? {} : { cluster: a.cluster }),
    owned: { capexUsdPerGpu: a.cost.owned.capexUsdPerGpu, lifeYears: a.cost.owned.lifeYears },
  };
}

/** `hours` GPU-hours by cause priced at `usdPerHour`: the GPU bill by cause. */
export const priced = (hours: Readonly<HoursByCause>, usdPerHour: number): HoursByCause =>
  Object.fromEntries(CAUSES.map((c) => [c, hours[c] * usdPerHour])) as unknown as HoursByCause;
