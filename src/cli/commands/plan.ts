/**
 * `stallsim plan FILE|NAME [--replications K] [--seed N] [--strategy smart|exhaustive] [--fidelity F] [--workers N]
 * [--json]`:
 * the cheapest design meeting the scenario's goal (docs/planning.md).
 *
 * Exit status: 0 when a design meets the goal; 1 when none does (the report names the closest design) or on an
 * internal error; 2 for bad input (an invalid scenario, goal or search space, with the path; a bad option).
 */
import { planScenario } from "../../studies/plan/plan.ts";
import { poolRunner } from "../../studies/plan/runner.ts";
import { fidelityArg, intArg, loadScenarioArg } from "../args.ts";
import { err, out, reportError } from "../io.ts";
import { formatPlan } from "../plan-summary.ts";
import { UsageError } from "../usage-error.ts";
import { checkCliWork } from "../budget.ts";

/** The command line's values for `plan`, as typed (parsed and checked by `plan`). */
export interface PlanArgs {
  ref: string | undefined;
  seed?: string;
  replications?: string;
  strategy?: string;
  fidelity?: string;
  /** Worker threads (default: the cores Node may use; 1 runs in this process). */
  workers?: string;
  /** Run even when the estimated work is over the budget. */
  force?: boolean;
  json: boolean;
}

/** Runs `stallsim plan`; resolves to the exit status (0 met, 1 not met, 2 bad input). */
export async function plan(a: PlanArgs): Promise<number> {
  try {
    const { strategy } = a;
    const fidelity = fidelityArg(a.fidelity);
    if (strategy !== undefined && strategy !== "smart" && strategy !== "exhaustive") {
      throw new UsageError(`invalid --strategy: ${strategy} (expected smart or exhaustive)`);
    }
    const seed = intArg("seed", a.seed, 0);
    const replications = intArg("replications", a.replications, 1);
    const workers = intArg("workers", a.workers, 1);
    const { config, source, profiles } = await loadScenarioArg("plan", a.ref);
    const tty = !a.json && process.stderr.isTTY === true;
    const report = await planScenario(config, {
      source,
      ...(seed === undefined ? {} : { seed }),
      ...(replications === undefined ? {} : { replications }),
      ...(strategy === undefined ? {} : { strategy }),
      ...(fidelity === undefined ? {} : { fidelity }),
      profiles,
      makeRunner: (o) => poolRunner(o, workers),
      checkWork: (work, designs) =>
        checkCliWork(work, {
          what: `simulating all ${designs} designs (the smart search simulates fewer)`,
          replications: replications ?? config.search?.replications ?? 1,
          force: a.force === true,
          config,
        }),
      ...(tty ? { onProgress: (n: number, v: number) => err(`\r  simulated ${n} of ${v} designs`.padEnd(40)) } : {}),
    });
    if (tty) err("\r".padEnd(41) + "\r");
    out(a.json ? JSON.stringify(report) : formatPlan(report));
    return report.chosen === null ? 1 : 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}
