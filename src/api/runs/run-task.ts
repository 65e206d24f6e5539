/**
 * The task a worker thread runs: one run, from its validated scenario to the result JSON. The scenario is
 * parsed and validated once, in the main thread at submission (submission.ts); the worker gets the config and
 * the profiles as data (structured clones). It reads nothing but its input, so a rerun of a stored run (whose
 * stored text is parsed again at rerun) gives the same bytes. Progress goes to the main thread over the `port` in the task; errors come
 * back as data (a thrown error loses its class and fields on the way between threads).
 */
import type { MessagePort } from "node:worker_threads";
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { runScenario } from "../../scenarios/run.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { errorResponse } from "../error-payload.ts";
import type { ErrorJson } from "../schemas/common.ts";
import type { HeadlineJson } from "../schemas/runs.ts";
import type { FidelityName } from "../schemas/scenarios.ts";

/** What a worker needs to run a stored run. */
export interface RunTaskInput {
  readonly config: ScenarioConfig;
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: FidelityName;
  /** The profiles the scenario names, as stored with the run. */
  readonly profiles: ReadonlyMap<string, StorageProfile>;
  /** Where progress messages go; transferred with the task, closed by the main thread when it settles. */
  readonly port?: MessagePort | undefined;
}

/** Messages on the task's port. */
export type RunTaskMessage = { readonly kind: "started" } | { readonly kind: "progress"; done: number; total: number };

/** The outcome: the result JSON text and its headline, or the error as the API reports it. */
export type RunTaskOutput =
  | { readonly ok: true; readonly result: string; readonly headline: HeadlineJson }
  | { readonly ok: false; readonly error: ErrorJson; readonly detail?: string };

/** Key numbers of a result, for run lists: one entry per alternative, never a sum. */
export const headlineOf = (r: ScenarioResult): HeadlineJson => ({
  alternatives: r.alternatives.map((a) => ({
    name: a.name,
    utilisation: a.utilisation,
    totalUsd: a.cost.totalUsd,
    wallHours: a.wallHours,
    idlePerYearUsd: a.cost.runRate.idlePerYearUsd,
  })),
  cheapest: r.comparison.cheapest,
  warnings: r.warnings.length,
});

/** The worker's task (the compiled build's dist/run-worker.js exports it as the default). */
export default function runTaskDefault(input: RunTaskInput): RunTaskOutput {
  return runTask(input);
}

/** Runs the task (synchronously; it is the whole job of the worker thread). Never throws. */
export function runTask(input: RunTaskInput): RunTaskOutput {
  const post = (m: RunTaskMessage) => input.port?.postMessage(m);
  try {
    post({ kind: "started" });
    const result = runScenario(input.config, {
      seed: input.seed,
      replications: input.replications,
      fidelity: input.fidelity,
      profiles: input.profiles,
      onProgress: (done, total) => post({ kind: "progress", done, total }),
    });
    return { ok: true, result: JSON.stringify(result), headline: headlineOf(result) };
  } catch (e) {
    const { error, internal } = errorResponse(e, 0);
    if (!internal) return { ok: false, error };
    // The main thread stores it under an error id and logs the detail (run-manager.ts); nothing internal is kept.
    return {
      ok: false,
      error: { code: "API_ERR_INTERNAL", message: "simulation failed: internal error" },
      detail: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
}
