/**
 * How a suite's scenarios get run: a batch runner takes run requests and resolves to their results in the
 * same order. `serialRunner` runs them one after another in this thread; `poolRunner` runs them on worker
 * threads with the sweep pool (scenarios/many/pool.ts `runPoints`). Both give identical results: a run depends only on
 * its scenario and settings (DESIGN.md: serial or parallel, byte-identical).
 */
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { runScenario, type RunOptions } from "../../scenarios/run.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { PointRunError, runPoints } from "../../scenarios/many/pool.ts";

/** One scenario to run, with the options `runScenario` takes (no progress callback). */
export interface ScenarioRunRequest {
  readonly config: ScenarioConfig;
  readonly options: Pick<RunOptions, "seed" | "replications" | "fidelity" | "profiles">;
}

/** Runs requests; resolves to one result per request, in request order. Rejects on the first failure. */
export type ScenarioBatchRunner = (requests: readonly ScenarioRunRequest[]) => Promise<ScenarioResult[]>;

/** The in-process runner: `runScenario` on each request in turn. */
export const serialRunner: ScenarioBatchRunner = async (requests) =>
  requests.map((r) => runScenario(r.config, r.options));

/**
 * A runner on `workers` threads (default: the cores Node may use, at most one per scenario; one scenario or
 * `workers: 1` runs in this thread). Threads start per batch and stop when it is done.
 * @throws what a scenario's run throws (the lowest-index failure, unwrapped from the pool's `PointRunError`).
 */
export function poolRunner(workers?: number): ScenarioBatchRunner {
  return async (requests) => {
    try {
      return await runPoints(
        requests.map((r) => ({ config: r.config, ...r.options })),
        workers === undefined ? {} : { workers },
      );
    } catch (e) {
      throw e instanceof PointRunError ? e.cause : e;
    }
  };
}
