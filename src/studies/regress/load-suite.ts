/**
 * Loading a regression suite from its folder: the suite file if there is one (suite-file.ts), then every
 * scenario it names, validated, with its storage profile files and its run settings. Besides load-file.ts
 * this is the one place in `src/scenarios` that reads folders. In a folder taken whole, files other scenarios
 * name as storage profiles are not scenarios and are left out, as are hidden files, the suite file and the
 * files in `exclude` (the baseline, when it sits in the suite folder).
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { StorageProfile } from "../../models/storage/profile.ts";
import { fromZodError, isScenarioError, ScenarioError } from "../../scenarios/errors.ts";
import { loadScenarioFile } from "../../scenarios/load-file.ts";
import { loadScenarioProfiles } from "../../scenarios/load-profiles.ts";
import { resolveScenario } from "../../scenarios/resolve.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import type { RunSettings } from "./baseline.ts";
import { RegressError } from "./errors.ts";
import { SUITE_FILE_NAMES, SuiteFile, type SuiteEntryConfig, type SuiteFileSpec } from "./suite-file.ts";
import { toleranceRule, type ToleranceRule } from "./tolerance.ts";

/** One scenario of a suite, ready to run. */
export interface SuiteScenario extends RunSettings {
  /** Its key in the baseline. */
  readonly id: string;
  /** Path to read it from (the suite folder joined with the path as written). */
  readonly path: string;
  /** Its path relative to the suite folder, with `/`: what the baseline records. */
  readonly file: string;
  readonly config: ScenarioConfig;
  readonly profiles: ReadonlyMap<string, StorageProfile>;
  /** Its entry's tolerance rules (over the suite's). */
  readonly rules: readonly ToleranceRule[];
}

/** A loaded suite. */
export interface Suite {
  readonly dir: string;
  /** The suite file's path, when there is one. */
  readonly file: string | undefined;
  readonly rules: readonly ToleranceRule[];
  readonly scenarios: readonly SuiteScenario[];
}

const SCENARIO_EXT = /\.(ya?ml|json)$/i;

const exists = async (p: string) =>
  stat(p).then(
    (s) => s,
    () => undefined,
  );

function rulesOf(map: Record<string, string | number> | undefined, source: string, at: string): ToleranceRule[] {
  return Object.entries(map ?? {}).map(([k, v]) => {
    try {
      return toleranceRule(k, v, source);
    } catch (e) {
      throw new RegressError("REG_ERR_SUITE", `${source}: ${at}.${k}: ${(e as Error).message}`, source);
    }
  });
}

async function readSuiteFile(dir: string): Promise<{ file: string | undefined; spec: SuiteFileSpec }> {
  for (const name of SUITE_FILE_NAMES) {
    const file = path.join(dir, name);
    if (!(await exists(file))?.isFile()) continue;
    let data: unknown;
    try {
      data = await loadScenarioFile(file, "suite");
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      throw new RegressError("REG_ERR_SUITE", `unreadable suite file: ${e.message}`, file, { cause: e });
    }
    const parsed = SuiteFile.safeParse(data);
    if (!parsed.success) {
      const { message } = fromZodError(parsed.error, { source: file });
      throw new RegressError("REG_ERR_SUITE", `invalid suite file ${message}`, file);
    }
    return { file, spec: parsed.data };
  }
  return { file: undefined, spec: {} };
}

/** Profile files the scenarios in `raw` name (`storage.<b>.profile`), as absolute paths. */
function profileRefs(raw: readonly { path: string; data: unknown }[]): Set<string> {
  const refs = new Set<string>();
  for (const { path: p, data } of raw) {
    const storage = (data as { storage?: unknown } | null)?.storage;
    if (storage === null || typeof storage !== "object") continue;
    for (const b of Object.values(storage)) {
      const ref = (b as { profile?: unknown } | null)?.profile;
      if (typeof ref === "string") refs.add(path.resolve(path.dirname(p), ref));
    }
  }
  return refs;
}

async function scenarioFilesIn(folder: string, where: string, exclude: ReadonlySet<string>): Promise<string[]> {
  const st = await exists(folder);
  if (!st?.isDirectory())
    throw new RegressError("REG_ERR_SUITE", `${where}: no such folder: ${JSON.stringify(folder)}`);
  const names = (await readdir(folder)).filter(
    (n) => SCENARIO_EXT.test(n) && !n.startsWith(".") && !(SUITE_FILE_NAMES as readonly string[]).includes(n),
  );
  return names
    .sort()
    .map((n) => path.join(folder, n))
    .filter((p) => !exclude.has(path.resolve(p)));
}

async function loadOne(dir: string, p: string, data: unknown, entry: SuiteEntryConfig, id: string) {
  const config = validateScenario(data, p);
  const profiles = await loadScenarioProfiles(config, p);
  try {
    resolveScenario(config, profiles);
  } catch (e) {
    // Provisioning a preset cannot give: a scenario error at its field, here named with the file.
    if (isScenarioError(e)) throw new ScenarioError(e.code, e.issues, { source: p, cause: e });
    throw e;
  }
  return {
    id,
    path: p,
    file: path.relative(dir, p).split(path.sep).join("/"),
    config,
    profiles,
    seed: entry.seed ?? config.seed,
    replications: entry.replications ?? 1,
    fidelity: entry.fidelity ?? config.fidelity,
  };
}

/**
 * Loads the suite in `dir`.
 * @throws RegressError (REG_ERR_SUITE) for a missing folder, an unreadable or invalid suite file, a folder
 * without scenarios or two scenarios with one id; ScenarioError for an invalid scenario (naming its file and
 * field) or a profile file it cannot load.
 */
export async function loadSuite(dir: string, options: { exclude?: readonly string[] } = {}): Promise<Suite> {
  const st = await exists(dir);
  if (st === undefined) throw new RegressError("REG_ERR_SUITE", `no such suite folder: ${JSON.stringify(dir)}`, dir);
  if (!st.isDirectory()) {
    throw new RegressError(
      "REG_ERR_SUITE",
      `not a folder: ${JSON.stringify(dir)} (a suite is a folder of scenario files, optionally with a suite.yaml)`,
      dir,
    );
  }
  const { file: suiteFile, spec } = await readSuiteFile(dir);
  const label = suiteFile ?? dir;
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const scenarios: SuiteScenario[] = [];
  const ids = new Map<string, string>();
  const entries: SuiteEntryConfig[] = spec.scenarios ?? [{ dir: "." }];
  for (const [i, entry] of entries.entries()) {
    const at = `scenarios[${i}]`;
    const rules = rulesOf(entry.tolerance, label, `${at}.tolerance`);
    let raw: { path: string; data: unknown }[];
    if (entry.dir !== undefined) {
      const where = suiteFile === undefined ? dir : `${suiteFile}: ${at}.dir`;
      const files = await scenarioFilesIn(path.join(dir, entry.dir), where, exclude);
      const all = await Promise.all(files.map(async (p) => ({ path: p, data: await loadScenarioFile(p) })));
      const refs = profileRefs(all);
      raw = all.filter((r) => !refs.has(path.resolve(r.path)));
    } else {
      const p = path.join(dir, entry.file!);
      if (!(await exists(p))?.isFile()) {
        throw new RegressError(
          "REG_ERR_SUITE",
          `${label}: ${at}.file: no such scenario file: ${JSON.stringify(p)}`,
          label,
        );
      }
      raw = [{ path: p, data: await loadScenarioFile(p) }];
    }
    for (const r of raw) {
      const id = entry.name ?? path.basename(r.path).replace(SCENARIO_EXT, "");
      const clash = ids.get(id);
      if (clash !== undefined) {
        throw new RegressError(
          "REG_ERR_SUITE",
          `${label}: duplicate scenario id ${JSON.stringify(id)} (${clash} and ${r.path}); give one a name`,
          label,
        );
      }
      ids.set(id, r.path);
      scenarios.push({ ...(await loadOne(dir, r.path, r.data, entry, id)), rules });
    }
  }
  if (scenarios.length === 0) {
    throw new RegressError("REG_ERR_SUITE", `no scenario files in suite ${JSON.stringify(label)}`, label);
  }
  return { dir, file: suiteFile, rules: rulesOf(spec.tolerance, label, "tolerance"), scenarios };
}
