/**
 * `stallsim run FILE|NAME [--seed N] [--replications K] [--fidelity auto|per-step|bulk] [--json]`.
 */
import { loadScenario } from "../../scenarios/bundled.ts";
import { loadScenarioProfiles } from "../../scenarios/load-profiles.ts";
import type { ScenarioResult } from "../../scenarios/result.ts";
import { runScenario } from "../../scenarios/run.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import { err, out, reportError } from "../io.ts";
import { formatSummary } from "../summary.ts";

export interface RunArgs {
  ref: string | undefined;
  seed?: string;
  replications?: string;
  fidelity?: string;
  json: boolean;
}

function intArg(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`invalid --${name}: ${v} (expected an integer ≥ ${min})`);
  return n;
}

export async function run(a: RunArgs): Promise<number> {
  try {
    if (a.ref === undefined) throw new RangeError("run needs a scenario file or a bundled name (see stallsim list)");
    const fidelity = a.fidelity;
    if (fidelity !== undefined && fidelity !== "auto" && fidelity !== "per-step" && fidelity !== "bulk") {
      throw new RangeError(`invalid --fidelity: ${fidelity} (expected auto, per-step or bulk)`);
    }
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const { data, source } = await loadScenario(a.ref);
    const config = validateScenario(data, source);
    const profiles = await loadScenarioProfiles(config, source);
    const tty = !a.json && process.stderr.isTTY === true;
    const result: ScenarioResult = runScenario(config, {
      seed,
      replications,
      fidelity,
      profiles,
      onProgress: tty ? (d, t) => err(`\r  simulating: ${Math.floor((100 * d) / t)}%`.padEnd(40)) : undefined,
    });
    out(a.json ? JSON.stringify(result) : formatSummary(result));
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}
