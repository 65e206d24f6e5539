/**
 * The storage profiles a submitted scenario names (`storage.<b>.profile: NAME`): a stored profile of that name
 * first (POST /api/profiles), else a profile file on the server's file system (a path relative to the
 * server's working folder, as `stallsim run` reads it relative to the scenario). What was used is kept with
 * the run as JSON, so a rerun uses the same profiles even if the stored ones change.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import { ScenarioError, isScenarioError } from "../../scenarios/errors.ts";
import { loadScenarioProfiles } from "../../scenarios/load-profiles.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { profileOf, StorageProfileFile } from "../../scenarios/schema/profile-file.ts";
import { unknownNameMessage } from "../../scenarios/suggest.ts";
import type { ProfilesRepository } from "../plugins/profiles-repository.ts";

/** A profile reference that is a path, not a name (as `loadScenario` tells files from bundled names). */
const looksLikePath = (ref: string): boolean => /[/\\]|\.json$/i.test(ref);

/** JSON text of profiles keyed by reference; Infinity (unlimited) as null, as profile files write it. */
export function profilesJson(profiles: ReadonlyMap<string, StorageProfile>): string {
  return JSON.stringify(Object.fromEntries(profiles), (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? null : v,
  );
}

/**
 * Profiles from `profilesJson` text.
 * @throws RangeError when the text is not such a document (a corrupted database row).
 */
export function parseProfilesJson(text: string): Map<string, StorageProfile> {
  const data = JSON.parse(text) as Record<string, unknown>;
  return new Map(Object.entries(data).map(([ref, value]) => [ref, parseProfile(value, ref)]));
}

/**
 * The profile inside a stored calibration document (`{ profile, curves, fitError }` JSON).
 * @throws RangeError when it holds no valid profile.
 */
export const storedProfile = (document: string): StorageProfile => parseProfile(JSON.parse(document), "document");

function parseProfile(value: unknown, what: string): StorageProfile {
  const parsed = StorageProfileFile.safeParse(value);
  if (!parsed.success) throw new RangeError(`stored profile ${JSON.stringify(what)} is not a profile`);
  return profileOf(parsed.data);
}

/**
 * Resolves every profile `config` names: stored profiles by name, then files.
 * @throws ScenarioError `SCN_ERR_INVALID` at `storage.<b>.profile` for a name that is neither stored nor a
 *   file, or a file that is missing or not a profile.
 */
export async function resolveProfiles(
  config: ScenarioConfig,
  stored: ProfilesRepository,
): Promise<Map<string, StorageProfile>> {
  const out = new Map<string, StorageProfile>();
  const fromFiles: ScenarioConfig["storage"] = {};
  for (const [binding, b] of Object.entries(config.storage)) {
    if (b.profile === undefined || out.has(b.profile)) continue;
    const record = stored.get(b.profile);
    if (record !== undefined) out.set(b.profile, storedProfile(record.document));
    else if (looksLikePath(b.profile)) fromFiles[binding] = b;
    else {
      const names = stored.list().map((p) => p.name);
      throw new ScenarioError("SCN_ERR_INVALID", [
        {
          code: "unknown_name",
          path: ["storage", binding, "profile"],
          message: `${unknownNameMessage("profile", b.profile, names)} (store one with POST /api/profiles, or give a file path)`,
        },
      ]);
    }
  }
  try {
    const files = await loadScenarioProfiles({ ...config, storage: fromFiles }, undefined);
    for (const [ref, p] of files) out.set(ref, p);
  } catch (e) {
    // A missing file is a problem in the submitted scenario (400), not an unknown URL (404).
    if (isScenarioError(e) && e.code === "SCN_ERR_NOT_FOUND") throw new ScenarioError("SCN_ERR_INVALID", e.issues);
    throw e;
  }
  return out;
}
