/**
 * The result document of a scenario from its alternatives (one run, or several replications aggregated): the
 * stated definitions, the comparison of the alternatives and the warnings. The runners (run.ts, run-cluster.ts)
 * produce alternatives; this is the only place that makes them a document.
 */
import type { ScenarioConfig } from "../schema/scenario.ts";
import { compareAlternatives } from "./comparison.ts";
import { definitions } from "./definitions.ts";
import { goalOf } from "./goal.ts";
import { aggregateAlternatives } from "./replications.ts";
import { resultWarnings } from "../warnings.ts";
import type { AlternativeResult, Comparison, ResultWarning, ScenarioResult } from "./types.ts";

/**
 * The document of `runs` (one list of alternatives per replication, the first at `seed`), compared on `basis`.
 * @throws ScenarioError SCN_ERR_INVALID when the scenario's goal does not fit it (result/goal.ts).
 */
export function scenarioResult(
  s: ScenarioConfig,
  seed: number,
  runs: readonly (readonly AlternativeResult[])[],
  basis: Exclude<Comparison["basis"], "single">,
  warnings: readonly ResultWarning[] = [],
): ScenarioResult {
  const k = runs.length;
  const alternatives = k === 1 ? [...runs[0]!] : aggregateAlternatives(runs, seed);
  return {
    scenario: s.name,
    description: s.description,
    seed,
    replications: k,
    definitions: definitions(k),
    comparison: compareAlternatives(alternatives, alternatives.length > 1 ? basis : "single", goalOf(s), k),
    alternatives,
    warnings: [...warnings, ...resultWarnings(s, alternatives)],
  };
}
