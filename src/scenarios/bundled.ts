/**
 * The scenarios shipped with stallsim (src/scenarios/bundled/*.yaml): each answers a real question and is
 * part of the project's regression suite.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { loadScenarioFile } from "./load-file.ts";
import { projectPath } from "./project.ts";
import { unknownNameError } from "./suggest.ts";

/** Folder of the bundled scenario files. */
export const BUNDLED_DIR = projectPath("src", "scenarios", "bundled");

/** Names of the bundled scenarios (file names without .yaml), sorted. */
export function bundledNames(): string[] {
  return readdirSync(BUNDLED_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/**
 * Loads a scenario given as a file path or a bundled name.
 * @throws ScenarioError: SCN_ERR_NOT_FOUND (with a suggestion) for an unknown name, SCN_ERR_PARSE for bad syntax.
 */
export async function loadScenario(ref: string): Promise<{ data: unknown; source: string }> {
  if (existsSync(ref) || /[/\\]|\.(ya?ml|json)$/i.test(ref)) return { data: await loadScenarioFile(ref), source: ref };
  const names = bundledNames();
  if (!names.includes(ref)) throw unknownNameError("scenario", ref, names);
  const file = path.join(BUNDLED_DIR, `${ref}.yaml`);
  return { data: await loadScenarioFile(file), source: `${ref}.yaml` };
}
