/**
 * The task a worker thread runs: one stored run, from its scenario text to the result JSON. It reads nothing
 * but its input (text, seed, replications, fidelity and the profiles kept with the run), so a rerun of a
 * stored run gives the same bytes. Progress goes to the main thread over the `port` in the task; errors come
 * back as data (a thrown error loses its class and fields on the way between threads).
 */
import type { MessagePort } from "node:worker_threads";
import { parseScenarioText } from "../../scenarios/parse-text.ts";
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { runScenario } from "../../scenarios/run.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import { errorResponse } from "../error-payload.ts";
import type { ErrorJson } from "../schemas/common.ts";
import type { HeadlineJson } from "../schemas/runs.ts";
import type { FidelityName } from "../schemas/scenarios.ts";
import { parseProfilesJson } from "./scenario-profiles.ts";

/** What a worker needs to run a stored run. */
export interface RunTaskInput {
  readonly text: string;
  readonly source: string;
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: FidelityName;
  /** Profiles JSON as stored with the run (see scenario-profiles.ts). */
  readonly profiles: string;
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

/** Runs the task (synchronously; it is the whole job of the worker thread). Never throws. */
/** The worker's task (the compiled build's dist/run-worker.js exports it as the default). */
export default function runTaskDefault(input: RunTaskInput): RunTaskOutput {
  return runTask(input);
}

export function runTask(input: RunTaskInput): RunTaskOutput {
  const post = (m: RunTaskMessage) => input.port?.postMessage(m);
  try {
    post({ kind: "started" });
    const config = validateScenario(parseScenarioText(input.text, { source: input.source }), input.source);
    const result = runScenario(config, {
      seed: input.seed,
      replications: input.replications,
      fidelity: input.fidelity,
      profiles: parseProfilesJson(input.profiles),
      onProgress: (done, total) => post({ kind: "progress", done, total }),
    });
    return { ok: true, result: JSON.stringify(result), headline: headlineOf(result) };
  } catch (e) {
    const { error, internal } = errorResponse(e, 0);
    if (!internal) return { ok: false, error };
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { code: "API_ERR_INTERNAL", message: `simulation failed: ${message}` },
      detail: e instanceof Error ? e.stack : undefined,
    };
  }
}
