/**
 * The runner `stallsim regress` uses: the sweep pool's worker threads (src/studies/regress/runner.ts
 * `poolRunner`), on all cores unless `--workers N` says how many (1: in this thread, one scenario after
 * another). Every choice gives the same results. Kept apart so the choice is made in one place.
 */
import { poolRunner, type ScenarioBatchRunner } from "../studies/regress/runner.ts";

/** The batch runner for suites on `workers` threads (default: all cores, at most one per scenario). */
export async function defaultSuiteRunner(workers?: number): Promise<ScenarioBatchRunner> {
  return poolRunner(workers);
}
