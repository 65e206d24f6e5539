/**
 * Validation at the boundary: plain data (from JSON/YAML) → canonical `ScenarioConfig`, or a
 * `ScenarioError` listing every issue with its path. An unknown key says which known field it is most likely
 * a misspelling of (`samplePerStep: unknown key: did you mean "samplesPerStep"?`).
 */
import { fromZodError, ScenarioError } from "./errors.ts";
import { fieldsAt } from "./schema/fields-at.ts";
import { Scenario, type ScenarioConfig } from "./schema/scenario.ts";
import { closest } from "./suggest.ts";

/** @throws ScenarioError (SCN_ERR_INVALID) with one issue per problem. */
export function validateScenario(data: unknown, source?: string): ScenarioConfig {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const e = fromZodError(parsed.error, { source });
    const issues = e.issues.map((i) => {
      if (i.code !== "unrecognized_keys") return i;
      const key = String(i.path[i.path.length - 1]);
      const near = closest(key, fieldsAt(i.path.slice(0, -1)));
      return near === undefined ? i : { ...i, message: `unknown key: did you mean ${JSON.stringify(near)}?` };
    });
    throw new ScenarioError(e.code, issues, { source, cause: parsed.error });
  }
  return parsed.data;
}
