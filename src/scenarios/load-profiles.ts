/**
 * Loads the profile files a scenario's storage bindings name (`storage.<b>.profile: path`), relative to the
 * scenario file's folder. Errors name the binding's path and the file.
 */
import path from "node:path";
import type { StorageProfile } from "../models/storage/profile.ts";
import { fromZodError, isScenarioError, ScenarioError } from "./errors.ts";
import { loadScenarioFile } from "./load-file.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { profileOf, StorageProfileFile } from "./schema/profile-file.ts";

/**
 * Returns the loaded profiles keyed by the path as written in the scenario.
 * @throws ScenarioError with the binding's path (`storage.<b>.profile`) for a missing or invalid file.
 */
export async function loadScenarioProfiles(
  config: ScenarioConfig,
  scenarioSource: string | undefined,
): Promise<Map<string, StorageProfile>> {
  const base =
    scenarioSource !== undefined && /[/\\]|\.(ya?ml|json)$/i.test(scenarioSource) ? path.dirname(scenarioSource) : ".";
  const out = new Map<string, StorageProfile>();
  for (const [name, b] of Object.entries(config.storage)) {
    if (b.profile === undefined || out.has(b.profile)) continue;
    const file = path.resolve(base, b.profile);
    const at = ["storage", name, "profile"];
    let data: unknown;
    try {
      data = await loadScenarioFile(file, "profile");
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      throw new ScenarioError(
        e.code,
        e.issues.map((i) => ({ ...i, path: at, message: `${b.profile}: ${i.message}` })),
        { source: scenarioSource, cause: e },
      );
    }
    const parsed = StorageProfileFile.safeParse(data);
    if (!parsed.success) {
      const err = fromZodError(parsed.error);
      throw new ScenarioError(
        "SCN_ERR_INVALID",
        err.issues.map((i) => ({ ...i, path: at, message: `${b.profile}: ${i.path.join(".")}: ${i.message}` })),
        { source: scenarioSource },
      );
    }
    out.set(b.profile, profileOf(parsed.data));
  }
  return out;
}
