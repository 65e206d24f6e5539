/**
 * Validation at the boundary: plain data (from JSON/YAML) → canonical `ScenarioConfig`, or a
 * `ScenarioError` listing every issue with its path. An unknown key says which known field it is most likely
 * a misspelling of (`samplePerStep: unknown key: did you mean "samplesPerStep"?`).
 */
import { fromZodError, ScenarioError, type ScenarioIssue } from "./errors.ts";
import { fieldsAt } from "./schema/fields-at.ts";
import { Scenario, type ScenarioConfig } from "./schema/scenario.ts";
import { closest } from "./suggest.ts";

/** A lone UTF-16 surrogate: text that is not Unicode (it cannot be written as UTF-8, stored or shown). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every key and string of `data` that is not well-formed Unicode, with its path (iteratively: no recursion). */
function illFormedText(data: unknown): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: data, path: [] }];
  for (let top = stack.pop(); top !== undefined && out.length < 10; top = stack.pop()) {
    const { v, path } = top;
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v))
        out.push({ code: "invalid_text", path, message: "not valid Unicode text (a lone surrogate)" });
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) {
          out.push({
            code: "invalid_text",
            path: [...path, k],
            message: "key is not valid Unicode text (a lone surrogate)",
          });
        }
        stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return out;
}

/** @throws ScenarioError (SCN_ERR_INVALID) with one issue per problem. */
export function validateScenario(data: unknown, source?: string): ScenarioConfig {
  const text = illFormedText(data);
  if (text.length > 0) throw new ScenarioError("SCN_ERR_INVALID", text, { source });
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
