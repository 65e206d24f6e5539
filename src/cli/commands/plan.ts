/**
 * `stallsim plan FILE|NAME [--replications K] [--seed N] [--strategy smart|exhaustive] [--fidelity F] [--workers N]
 * [--json]`:
 * the cheapest design meeting the scenario's goal (docs/planning.md).
 *
 * Exit status: 0 when a design meets the goal; 1 when none does (the report names the closest design) or on an
 * internal error; 2 for bad input (an invalid scenario, goal or search space, with the path; a bad option).
 */
import { loadScenario } from "../../scenarios/bundled.ts";
import { loadScenarioProfiles } from "../../scenarios/load-profiles.ts";
import { planScenario } from "../../scenarios/plan/plan.ts";
import { poolRunner } from "../../scenarios/plan/runner.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import { err, out, reportError } from "../io.ts";
import { formatPlan } from "../plan-summary.ts";

/** The command line's values for `plan`, as typed (parsed and checked by `plan`). */
export interface PlanArgs {
  ref: string | undefined;
  seed?: string;
  replications?: string;
  strategy?: string;
  fidelity?: string;
  /** Worker threads (default: the cores Node may use; 1 runs in this process). */
  workers?: string;
  json: boolean;
}

/** An integer option ≥ `min`, or undefined when absent. @throws RangeError `invalid --seed: 1.5 (expected an integer ≥ 0)`. */
function intArg(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`invalid --${name}: ${v} (expected an integer ≥ ${min})`);
  return n;
}

/** Runs `stallsim plan`; resolves to the exit status (0 met, 1 not met, 2 bad input). */
export async function plan(a: PlanArgs): Promise<number> {
  try {
    if (a.ref === undefined) throw new RangeError("plan needs a scenario file or a bundled name (see stallsim list)");
    const { strategy, fidelity } = a;
    if (strategy !== undefined && strategy !== "smart" && strategy !== "exhaustive") {
      throw new RangeError(`invalid --strategy: ${strategy} (expected smart or exhaustive)`);
    }
    if (fidelity !== undefined && fidelity !== "auto" && fidelity !== "per-step" && fidelity !== "bulk") {
      throw new RangeError(`invalid --fidelity: ${fidelity} (expected auto, per-step or bulk)`);
    }
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const workers = intArg("workers", a.workers, 1);
    const { data, source } = await loadScenario(a.ref);
    const config = validateScenario(data, source);
    const profiles = await loadScenarioProfiles(config, source);
    const tty = !a.json && process.stderr.isTTY === true;
    const report = await planScenario(config, {
      source,
      ...(seed === undefined ? {} : { seed }),
      ...(replications === undefined ? {} : { replications }),
      ...(strategy === undefined ? {} : { strategy }),
      ...(fidelity === undefined ? {} : { fidelity }),
      profiles,
      makeRunner: (o) => poolRunner(o, workers),
      ...(tty ? { onProgress: (n: number, v: number) => err(`\r  simulated ${n} of ${v} designs`.padEnd(40)) } : {}),
    });
    if (tty) err("\r".padEnd(41) + "\r");
    out(a.json ? JSON.stringify(report) : formatPlan(report));
    return report.chosen === null ? 1 : 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}
