/**
 * The planner's goal: the scenario's goal (src/scenarios/result/goal.ts, the rule every result's comparison uses
 * too), required, on a scenario with one alternative — the planner searches the designs itself.
 */
import { scenarioError } from "../../scenarios/errors.ts";
import { goalOf, type Goal } from "../../scenarios/result/index.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";

export {
  checkGoal,
  goalMetric,
  metricText,
  objectiveUsd,
  OBJECTIVE_TEXT,
  shortfallText,
  valueText,
  type Goal as PlanGoal,
  type GoalCheck,
  type GoalKind,
  type Objective,
} from "../../scenarios/result/index.ts";

/**
 * The scenario's goal, for planning.
 * @throws ScenarioError SCN_ERR_INVALID at `goal` when the scenario has none, at the goal's field when it does not
 *   fit the scenario, or at `jobs` / `inference` / `designs` when the scenario has several alternatives (jobs or
 *   serving workloads run alone, or cluster designs): a plan compares designs of one workload.
 */
export function planGoal(config: ScenarioConfig, source?: string): Goal {
  const goal = goalOf(config, source);
  if (goal === undefined) {
    throw scenarioError(
      "SCN_ERR_INVALID",
      { code: "custom", path: ["goal"], message: "required: plan needs a goal (utilisation, deadline or ttftP99)" },
      { source },
    );
  }
  const several = (path: string, what: string) =>
    scenarioError(
      "SCN_ERR_INVALID",
      {
        code: "custom",
        path: [path],
        message: `plan needs one alternative to search designs for; this scenario compares ${what}: keep one, or put them on one cluster (cluster.pools) to plan them together`,
      },
      { source },
    );
  if (config.cluster.pools !== undefined) {
    if ((config.designs?.length ?? 1) > 1) throw several("designs", `${config.designs!.length} designs`);
  } else if (config.jobs.length + config.inference.length > 1) {
    const names = [...config.jobs.map((j) => j.name), ...config.inference.map((w) => w.name)];
    throw several(
      config.jobs.length > 1 ? "jobs" : "inference",
      `${names.length} workloads run alone (${names.join(", ")})`,
    );
  }
  return goal;
}
