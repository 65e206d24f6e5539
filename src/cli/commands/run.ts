/**
 * `stallsim run FILE|NAME [--seed N] [--replications K] [--fidelity auto|per-step|bulk] [--force] [--json]`.
 * The run's work is estimated first, as the API does: over the budget (STALLSIM_WORK_BUDGET) it is refused
 * unless `--force`; long work is announced, and a terminal shows progress.
 */
import { isScenarioError, ScenarioError } from "../../scenarios/errors.ts";
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { runScenario } from "../../scenarios/run.ts";
import { estimateScenarioWork } from "../../scenarios/work.ts";
import { fidelityArg, intArg, loadScenarioArg } from "../args.ts";
import { checkCliWork } from "../budget.ts";
import { err, out, reportError } from "../io.ts";
import { formatSummary } from "../summary.ts";

export interface RunArgs {
  ref: string | undefined;
  seed?: string;
  replications?: string;
  fidelity?: string;
  force?: boolean;
  json: boolean;
}

/** `e` with the scenario's file named, for errors found when the scenario is resolved or run. */
const withSource = (e: unknown, source: string): unknown =>
  isScenarioError(e) && e.source === undefined ? new ScenarioError(e.code, e.issues, { source, cause: e }) : e;

export async function run(a: RunArgs): Promise<number> {
  try {
    const fidelity = fidelityArg(a.fidelity);
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const { config, profiles, source } = await loadScenarioArg("run", a.ref);
    const tty = !a.json && process.stderr.isTTY === true;
    const opts = { seed, replications, fidelity, profiles };
    let result: ScenarioResult;
    try {
      checkCliWork(estimateScenarioWork(config, opts), {
        what: "this run",
        replications: replications ?? 1,
        force: a.force === true,
        config,
      });
      result = runScenario(config, {
        ...opts,
        onProgress: tty ? (d, t) => err(`\r  simulating: ${Math.floor((100 * d) / t)}%`.padEnd(40)) : undefined,
      });
    } catch (e) {
      // Provisioning a preset cannot give, or a run too long, is found when the scenario is resolved.
      throw withSource(e, source);
    }
    if (tty) err("\r".padEnd(41) + "\r");
    out(a.json ? JSON.stringify(result) : formatSummary(result));
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}
