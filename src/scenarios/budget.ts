/**
 * The work budget, shared by the API (422 over it) and the CLI (refused over it unless `--force`): the estimate
 * of work.ts in words — units as the time of one core they stand for — and, over the budget, what to reduce
 * with one share per job and serving workload at its scenario path.
 */
import type { IssuePath } from "./errors.ts";
import type { ScenarioWork } from "./work.ts";

/** Default budget, work units (STALLSIM_WORK_BUDGET): 6e8 ≈ 10 minutes of one core. */
export const DEFAULT_WORK_BUDGET = 6e8;

/** `1.2e12` → `1.2T`; `6e8` → `600M`. */
export const formatUnits = (units: number): string =>
  units.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Work units as the time of one core they stand for (1 unit ≈ 1 µs): `≈ 10 min`, `≈ 3.2 h`. */
export function formatCoreTime(units: number): string {
  const s = units / 1e6;
  if (!Number.isFinite(s)) return "forever";
  if (s < 60) return `≈ ${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `≈ ${Math.round(s / 60)} min`;
  if (s < 86400 * 2) return `≈ ${(s / 3600).toFixed(1)} h`;
  return `≈ ${formatUnits(s / 86400)} days`;
}

/** A workload's share of an estimate, at its scenario path (`["jobs", i]`, `["inference", i]`). */
export interface WorkShare {
  readonly path: IssuePath;
  readonly message: string;
}

/** Why an estimate is over a budget, and each workload's share. */
export interface OverBudget {
  /** `estimated work 1.2G units (≈ 20 min of one core) exceeds the budget of … (WHAT); reduce it with …`. */
  readonly message: string;
  readonly shares: readonly WorkShare[];
}

/**
 * Undefined when `work` fits `budget`; otherwise the message (naming the budget as `what`, e.g. the environment
 * variable that sets it) with the ways to reduce the work, and the shares. Jobs are matched to their scenario
 * index by name (a cluster design's `DESIGN/JOB` by its job name).
 */
export function overBudget(
  work: ScenarioWork,
  budget: number,
  opts: { replications: number; what: string; jobNames: readonly string[]; workloadNames: readonly string[] },
): OverBudget | undefined {
  if (work.units <= budget) return undefined;
  const ways = [
    opts.replications > 1 ? `fewer replications (now ${opts.replications})` : undefined,
    work.perJob.some((j) => j.fidelity === "per-step") ? "fidelity: bulk" : undefined,
    work.perJob.length > 0 ? "fewer steps or a shorter duration" : undefined,
    work.perWorkload.length > 0 ? "a lower request rate or a shorter serving duration" : undefined,
  ].filter((w) => w !== undefined);
  const index = (names: readonly string[], name: string) => {
    const i = names.indexOf(name.slice(name.lastIndexOf("/") + 1));
    return i < 0 ? names.indexOf(name) : i;
  };
  const shares: WorkShare[] = [
    ...work.perJob.map((j) => ({
      path: ["jobs", Math.max(0, index(opts.jobNames, j.name))],
      message: `${j.name}: ${formatUnits(j.units)} units (${j.fidelity})`,
    })),
    ...work.perWorkload.map((w) => ({
      path: ["inference", Math.max(0, index(opts.workloadNames, w.name))],
      message: `${w.name}: ${formatUnits(w.units)} units (serving)`,
    })),
  ];
  return {
    message:
      `estimated work ${formatUnits(work.units)} units (${formatCoreTime(work.units)} of one core) exceeds the budget ` +
      `of ${formatUnits(budget)} units (${formatCoreTime(budget)}, ${opts.what}); reduce it with ${ways.join(", or ")}`,
    shares,
  };
}
