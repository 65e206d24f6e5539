/**
 * How the planner simulates designs: a runner takes a batch of scenario configs and resolves to their results in
 * the same order. `serialRunner` runs them one after another in this thread with `runScenario`; `poolRunner` runs
 * them on worker threads with the sweep pool (scenarios/many/pool.ts `runPoints`), keeping its threads across the
 * planner's batches. Results do not depend on the runner (DESIGN.md: serial or parallel, byte-identical).
 */
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { runScenario, type RunOptions } from "../../scenarios/run.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { PointPool, PointRunError, runPoints } from "../../scenarios/many/pool.ts";

/** Simulates `configs`; resolves to one result per config, in order. `close` (if any) releases its resources. */
export type ScenarioRunner = ((configs: readonly ScenarioConfig[]) => Promise<ScenarioResult[]>) & {
  close?: () => Promise<void>;
};

/** What every design is run with: seed, replications, fidelity and loaded profile files (see `RunOptions`). */
export type PlanRunOptions = Pick<RunOptions, "seed" | "replications" | "fidelity" | "profiles">;

/**
 * The in-process serial runner: `runScenario(config, opts)` for each config in order.
 * @throws what `runScenario` throws (RangeError for provisioning above a preset's maximum), as a rejected promise.
 */
export function serialRunner(opts: PlanRunOptions = {}): ScenarioRunner {
  return async (configs) => configs.map((c) => runScenario(c, opts));
}

/**
 * A runner on `workers` threads (default: the cores Node may use); a batch of one design, or `workers: 1`, runs in
 * this thread. Call `close()` when done: open threads keep the process alive.
 * @throws what a design's run throws (the lowest-index failure, unwrapped from the pool's `PointRunError`).
 */
export function poolRunner(opts: PlanRunOptions = {}, workers?: number): ScenarioRunner {
  const pool = workers === 1 ? undefined : new PointPool(workers);
  const run: ScenarioRunner = async (configs) => {
    const points = configs.map((config) => ({ config, ...opts }));
    try {
      return await runPoints(points, pool && configs.length > 1 ? { pool } : { workers: 1 });
    } catch (e) {
      throw e instanceof PointRunError ? e.cause : e;
    }
  };
  run.close = async () => pool?.close();
  return run;
}
