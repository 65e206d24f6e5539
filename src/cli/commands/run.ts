/**
 * `stallsim run FILE|NAME [--seed N] [--replications K] [--fidelity auto|per-step|bulk] [--json]`.
 */
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import { isScenarioError, ScenarioError } from "../../scenarios/errors.ts";
import { runScenario } from "../../scenarios/run.ts";
import { fidelityArg, intArg, loadScenarioArg } from "../args.ts";
import { err, out, reportError } from "../io.ts";
import { formatSummary } from "../summary.ts";

export interface RunArgs {
  ref: string | undefined;
  seed?: string;
  replications?: string;
  fidelity?: string;
  json: boolean;
}

export async function run(a: RunArgs): Promise<number> {
  try {
    const fidelity = fidelityArg(a.fidelity);
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const { config, profiles, source } = await loadScenarioArg("run", a.ref);
    const tty = !a.json && process.stderr.isTTY === true;
    let result: ScenarioResult;
    try {
      result = runScenario(config, {
        seed,
        replications,
        fidelity,
        profiles,
        onProgress: tty ? (d, t) => err(`\r  simulating: ${Math.floor((100 * d) / t)}%`.padEnd(40)) : undefined,
      });
    } catch (e) {
      // Provisioning a preset cannot give is found when the scenario is resolved: name the file too.
      if (isScenarioError(e) && e.source === undefined) throw new ScenarioError(e.code, e.issues, { source, cause: e });
      throw e;
    }
    out(a.json ? JSON.stringify(result) : formatSummary(result));
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}
