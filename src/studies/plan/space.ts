/**
 * Search-space expansion: the scenario's `search` (or its default) → every design, in a fixed order, each applied
 * to the scenario and checked (validity.ts) before any simulation. Default when the scenario has no `search`, or
 * one with neither `storage` nor `jobs`: every storage binding that names a preset is searched over that preset's
 * default levels (levels.ts); nothing else changes. References are checked here: a searched binding or job must
 * exist, a searched checkpoint policy needs a job with checkpoints, and throughput or IOPS levels need a listed
 * preset with provisioned performance.
 */
import type { StorageProfile } from "../../models/storage/profile.ts";
import { storagePresetByName } from "../../models/storage/presets/index.ts";
import { scenarioError, ScenarioError, type IssuePath } from "../../scenarios/errors.ts";
import { resolveScenario } from "../../scenarios/resolve.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import type { JobSearchConfig, SearchSpaceConfig, StorageOptionConfig } from "../../scenarios/schema/search.ts";
import { unknownNameMessage } from "../../scenarios/suggest.ts";
import { applyDesign, designLabel, type Design, type JobChoice, type StorageChoice } from "./design.ts";
import { presetChoices } from "./levels.ts";
import { checkDesign, type DesignCheck } from "./validity.ts";

/** Most designs a search space may have. */
export const MAX_DESIGNS = 10_000;

/** A design, the config it runs as, and what is known before simulating it. */
export interface Candidate extends DesignCheck {
  readonly design: Design;
  readonly config: ScenarioConfig;
}

/** The search space as used: the parsed `search`, or its default. */
export function searchOf(config: ScenarioConfig): SearchSpaceConfig {
  const s = config.search ?? { storage: {}, jobs: {}, strategy: "smart" as const, replications: 1 };
  if (Object.keys(s.storage).length > 0 || Object.keys(s.jobs).length > 0) return s;
  const storage: SearchSpaceConfig["storage"] = {};
  for (const [name, b] of Object.entries(config.storage)) {
    if (b.preset !== undefined) storage[name] = [{ preset: [b.preset] }];
  }
  return { ...s, storage };
}

function invalid(path: IssuePath, message: string, source: string | undefined): ScenarioError {
  return scenarioError("SCN_ERR_INVALID", { code: "custom", path, message }, { source });
}

/** The choices of one searched binding, in option and preset order. */
function bindingChoices(
  config: ScenarioConfig,
  name: string,
  options: readonly StorageOptionConfig[],
  source: string | undefined,
  profiles: ReadonlyMap<string, StorageProfile> | undefined,
): StorageChoice[] {
  const out: StorageChoice[] = [];
  options.forEach((o, i) => {
    const at: IssuePath = ["search", "storage", name, ...(options.length > 1 ? [i] : [])];
    const presets = o.preset.map(storagePresetByName);
    for (const field of ["throughput", "iops"] as const) {
      if (o[field] !== undefined && !presets.some((p) => p.scaling.kind === "provisioned")) {
        throw invalid(
          [...at, field],
          `${field} levels need a preset with provisioned performance (e.g. ebs-gp3, ebs-io2); ${o.preset.join(", ")} has none`,
          source,
        );
      }
    }
    for (const p of presets) {
      const needed = () => {
        const probe = applyDesign(config, { storage: { [name]: { preset: p.name } }, jobs: {} });
        return resolveScenario(probe, profiles).storage.get(name)!.capacityBytes;
      };
      out.push(...presetChoices(p, o, needed));
    }
  });
  return out;
}

/** The choices of one searched job: GPUs × cache × interval × mode. */
function jobChoices(config: ScenarioConfig, name: string, s: JobSearchConfig, source: string | undefined): JobChoice[] {
  const job = config.jobs.find((j) => j.name === name)!;
  if (s.checkpoint !== undefined && job.checkpoint === undefined) {
    throw invalid(
      ["search", "jobs", name, "checkpoint"],
      `job ${JSON.stringify(name)} has no checkpoint to search`,
      source,
    );
  }
  const out: JobChoice[] = [];
  for (const gpus of s.gpus ?? [undefined])
    for (const cachePerNode of s.cachePerNode ?? [undefined])
      for (const interval of s.checkpoint?.interval ?? [undefined])
        for (const mode of s.checkpoint?.mode ?? [undefined]) {
          const c = { gpus, cachePerNode, interval, mode };
          out.push(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as JobChoice);
        }
  return out;
}

/** Every combination of the axes, the first axis varying slowest. */
function product<T>(axes: readonly (readonly T[])[]): T[][] {
  return axes.reduce<T[][]>((acc, axis) => acc.flatMap((head) => axis.map((x) => [...head, x])), [[]]);
}

/**
 * Every design of the scenario's search space, applied and checked, in order (ids 0, 1, …).
 * @throws ScenarioError SCN_ERR_INVALID with the path into `search` for an unknown binding or job, a checkpoint
 *   search on a job without checkpoints, throughput/IOPS levels without a provisioned preset, or more than
 *   {@link MAX_DESIGNS} designs.
 */
export function expandSpace(
  config: ScenarioConfig,
  opts: { source?: string; profiles?: ReadonlyMap<string, StorageProfile> } = {},
): Candidate[] {
  const { source, profiles } = opts;
  const search = searchOf(config);
  const bindings = Object.keys(config.storage);
  const jobNames = config.jobs.map((j) => j.name);
  for (const name of Object.keys(search.storage)) {
    if (!bindings.includes(name)) {
      throw invalid(["search", "storage", name], unknownNameMessage("storage binding", name, bindings), source);
    }
  }
  for (const name of Object.keys(search.jobs)) {
    if (!jobNames.includes(name))
      throw invalid(["search", "jobs", name], unknownNameMessage("job", name, jobNames), source);
  }
  const storageAxes = Object.entries(search.storage).map(
    ([name, options]) => [name, bindingChoices(config, name, options, source, profiles)] as const,
  );
  const jobAxes = Object.entries(search.jobs).map(([name, s]) => [name, jobChoices(config, name, s, source)] as const);
  const size = [...storageAxes, ...jobAxes].reduce((n, [, axis]) => n * axis.length, 1);
  if (size > MAX_DESIGNS) {
    throw invalid(
      ["search"],
      `the search space has ${size} designs; at most ${MAX_DESIGNS} (narrow the levels)`,
      source,
    );
  }
  const combos = product<StorageChoice | JobChoice>([...storageAxes.map(([, a]) => a), ...jobAxes.map(([, a]) => a)]);
  return combos.map((combo, id) => {
    const storage = Object.fromEntries(storageAxes.map(([name], i) => [name, combo[i] as StorageChoice]));
    const jobs = Object.fromEntries(jobAxes.map(([name], i) => [name, combo[storageAxes.length + i] as JobChoice]));
    const cfg = applyDesign(config, { storage, jobs });
    const check = checkDesign(cfg, { storage, jobs }, profiles);
    const family = JSON.stringify([
      Object.values(storage).map((c) => c.preset),
      Object.values(jobs).map((c) => [c.gpus ?? null, c.interval ?? null, c.mode ?? null]),
    ]);
    const design: Design = { id, storage, jobs, family, levels: check.levels, label: designLabel({ storage, jobs }) };
    return { ...check, design, config: cfg };
  });
}
