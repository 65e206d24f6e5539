/**
 * The storage profiles a submitted scenario names (`storage.<b>.profile: NAME`): over the API, only stored
 * profiles (POST /api/profiles). A file path is a CLI feature (relative to the scenario file); the server never
 * reads a file a request names, so no answer can tell which files exist on it. What was used is kept with the
 * run as JSON, so a rerun uses the same profiles even if the stored ones change.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import { ScenarioError } from "../../scenarios/errors.ts";
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
 * Resolves every profile `config` names from the store.
 * @throws ScenarioError `SCN_ERR_INVALID` at `storage.<b>.profile` for a name that is not stored (a path gets the
 *   same answer whatever is on the server's disk).
 */
export async function resolveProfiles(
  config: ScenarioConfig,
  stored: ProfilesRepository,
): Promise<Map<string, StorageProfile>> {
  const out = new Map<string, StorageProfile>();
  for (const [binding, b] of Object.entries(config.storage)) {
    if (b.profile === undefined || out.has(b.profile)) continue;
    const record = stored.get(b.profile);
    if (record !== undefined) {
      out.set(b.profile, storedProfile(record.document));
      continue;
    }
    const message = looksLikePath(b.profile)
      ? `profile ${JSON.stringify(b.profile)} is a file path: over the API profiles come from the profile store ` +
        "(upload the file, or its fio runs, with POST /api/profiles and name the stored profile here); file paths are " +
        "for stallsim run"
      : `${unknownNameMessage(
          "profile",
          b.profile,
          stored.list().map((p) => p.name),
        )} (store one with POST /api/profiles)`;
    throw new ScenarioError("SCN_ERR_INVALID", [
      { code: "unknown_name", path: ["storage", binding, "profile"], message },
    ]);
  }
  return out;
}
