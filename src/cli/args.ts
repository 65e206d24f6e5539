/**
 * Command-line values shared by the commands that run scenarios (`run`, `sweep`, `plan`): integer options,
 * the fidelity, and loading a scenario (file or bundled name) with its profile files. Every problem is a
 * UsageError or ScenarioError naming the option, which src/cli/io.ts reports with exit status 2.
 */
import type { StorageProfile } from "../models/storage/profile.ts";
import { loadScenario } from "../scenarios/bundled.ts";
import { loadScenarioProfiles } from "../scenarios/load-profiles.ts";
import type { ScenarioConfig } from "../scenarios/schema/scenario.ts";
import { validateScenario } from "../scenarios/validate.ts";
import { UsageError } from "./usage-error.ts";

/** A fidelity as the command line accepts it. */
export type FidelityArg = "auto" | "per-step" | "bulk";

/**
 * An integer option ≥ `min` (and exact: at most 2^53 − 1, as the API takes it), or undefined when absent.
 * @throws UsageError `invalid --seed: 1.5 (expected an integer from 0 to 9007199254740991)`.
 */
export function intArg(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || v.trim() === "") {
    throw new UsageError(`invalid --${name}: ${v} (expected an integer from ${min} to ${Number.MAX_SAFE_INTEGER})`);
  }
  return n;
}

/**
 * `--fidelity`, or undefined when absent.
 * @throws UsageError `invalid --fidelity: fast (expected auto, per-step or bulk)`.
 */
export function fidelityArg(v: string | undefined): FidelityArg | undefined {
  if (v === undefined || v === "auto" || v === "per-step" || v === "bulk") return v;
  throw new UsageError(`invalid --fidelity: ${v} (expected auto, per-step or bulk)`);
}

/** A validated scenario, where it came from, and the profile files its storage bindings name. */
export interface LoadedScenario {
  readonly config: ScenarioConfig;
  readonly source: string;
  readonly profiles: ReadonlyMap<string, StorageProfile>;
}

/**
 * Loads, validates and resolves the profile files of scenario `ref` (a path or a bundled name) for `command`.
 * @throws UsageError when `ref` is missing; ScenarioError when it cannot be read or is invalid.
 */
export async function loadScenarioArg(command: string, ref: string | undefined): Promise<LoadedScenario> {
  if (ref === undefined) throw new UsageError(`${command} needs a scenario file or a bundled name (see stallsim list)`);
  const { data, source } = await loadScenario(ref);
  const config = validateScenario(data, source);
  return { config, source, profiles: await loadScenarioProfiles(config, source) };
}
