/**
 * The views of a run the API returns: the `RunSummary` of a stored run (with the live status and progress of
 * an active one laid over it), and a done run's entry in a comparison.
 */
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import type { RunRecord } from "../plugins/runs-repository.ts";
import type { ComparedRunJson, RunSummaryJson } from "../schemas/runs.ts";
import type { LiveRun } from "./run-manager.ts";

/** The summary of `run`; `live` (from the run manager) wins over the stored status and progress. */
export function runSummary(run: RunRecord, live?: LiveRun): RunSummaryJson {
  const status = live?.status ?? run.status;
  return {
    id: run.id,
    name: run.name,
    status,
    progress: { fraction: live?.fraction ?? run.progress, message: live?.message ?? run.progressMessage },
    seed: run.seed,
    replications: run.replications,
    fidelity: run.fidelity,
    version: run.version,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    headline: run.headline,
    pinned: run.pinned,
  };
}

/** One alternative of a done run in `GET /api/compare`, before its label is known. */
export type ComparedEntry = Omit<ComparedRunJson, "label">;

/**
 * The comparison entries of run `run` from its result JSON text: one per alternative. A result stored before 0.2
 * (one summed headline, no `alternatives`) gives one entry with its stored numbers.
 */
export function comparedEntries(run: RunRecord, resultJson: string): ComparedEntry[] {
  const r = JSON.parse(resultJson) as ScenarioResult;
  const base = { id: run.id, name: r.scenario, seed: run.seed, replications: run.replications };
  if (!Array.isArray(r.alternatives)) {
    const old = r as unknown as LegacyResult;
    return [
      {
        ...base,
        alternative: r.scenario,
        utilisation: old.utilisation,
        totalUsd: old.cost.totalUsd,
        gpuHours: old.gpuHours.total,
        byCause: { ...old.gpuHours.byCause },
        gpuUsdByCause: { ...old.cost.idleUsdByCause },
        wallHours: old.wallHours,
        perMonthUsd: old.cost.perMonthUsd ?? 0,
        idlePerYearUsd: old.cost.idlePerYearUsd ?? 0,
      },
    ];
  }
  return r.alternatives.map((a) => ({
    ...base,
    alternative: a.name,
    utilisation: a.utilisation,
    totalUsd: a.cost.totalUsd,
    gpuHours: a.gpuHours.total,
    byCause: { ...a.gpuHours.byCause },
    gpuUsdByCause: { ...a.cost.gpuUsdByCause },
    wallHours: a.wallHours,
    perMonthUsd: a.cost.runRate.perMonthUsd,
    idlePerYearUsd: a.cost.runRate.idlePerYearUsd,
  }));
}

/** The top-level numbers of a result stored before 0.2. */
interface LegacyResult {
  utilisation: number;
  wallHours: number;
  gpuHours: { total: number; byCause: Record<string, number> };
  cost: { totalUsd: number; idleUsdByCause: Record<string, number>; perMonthUsd?: number; idlePerYearUsd?: number };
}
