/**
 * The views of a run the API returns: the `RunSummary` of a stored run (with the live status and progress of
 * an active one laid over it), and a done run's entry in a comparison.
 */
import type { ScenarioResult } from "../../scenarios/result.ts";
import type { RunRecord } from "../plugins/runs-repository.ts";
import type { RunSummaryJson } from "../schemas/runs.ts";
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
  };
}

/** A done run in `GET /api/compare`. */
export interface ComparedRunJson {
  id: string;
  name: string;
  utilisation: number;
  totalUsd: number;
  gpuHours: number;
  byCause: Record<string, number>;
  idleUsdByCause: Record<string, number>;
  wallHours: number;
}

/** The comparison entry of run `id` from its result JSON text. */
export function comparedRun(id: string, resultJson: string): ComparedRunJson {
  const r = JSON.parse(resultJson) as ScenarioResult;
  return {
    id,
    name: r.scenario,
    utilisation: r.utilisation,
    totalUsd: r.cost.totalUsd,
    gpuHours: r.gpuHours.total,
    byCause: { ...r.gpuHours.byCause },
    idleUsdByCause: { ...r.cost.idleUsdByCause },
    wallHours: r.wallHours,
  };
}
