/**
 * Validation at the boundary: plain data (from JSON/YAML) → canonical `ScenarioConfig`, or a
 * `ScenarioError` listing every issue with its path.
 */
import { fromZodError } from "./errors.ts";
import { Scenario, type ScenarioConfig } from "./schema/scenario.ts";

/** @throws ScenarioError (SCN_ERR_INVALID) with one issue per problem. */
export function validateScenario(data: unknown, source?: string): ScenarioConfig {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) throw fromZodError(parsed.error, { source });
  return parsed.data;
}
