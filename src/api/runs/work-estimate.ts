/**
 * How much simulating a submitted scenario costs, before it runs, so the server can refuse what would take
 * too long: the scenarios layer's estimate (`estimateScenarioWork`, src/scenarios/work.ts), whose unit is about
 * one µs of one core, behind one function for the API; the budget's wording is src/scenarios/budget.ts's.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { estimateScenarioWork, type ScenarioWork } from "../../scenarios/work.ts";
import type { FidelityName } from "../schemas/scenarios.ts";

export { DEFAULT_WORK_BUDGET, formatCoreTime, formatUnits } from "../../scenarios/budget.ts";

/** The estimate of a run: `units` for all jobs, serving workloads and replications. */
export type WorkEstimate = ScenarioWork;

/**
 * Estimated work of running `config` `replications` times at `fidelity` (`auto` picks per job as the runner
 * does), with the storage profiles it names.
 * @throws ScenarioError when provisioning exceeds what a preset allows, or a job would outrun the simulated
 *   clock (as the run itself would).
 */
export function estimateWork(
  config: ScenarioConfig,
  fidelity: FidelityName,
  replications: number,
  profiles: ReadonlyMap<string, StorageProfile>,
): WorkEstimate {
  return estimateScenarioWork(config, { fidelity, replications, profiles });
}
