/**
 * A submitted scenario, from the request body to a run ready to queue: its text (kept exactly as submitted),
 * the validated config, the profiles it names, the effective seed / replications / fidelity, and the work
 * estimate. Everything that can be wrong with a submission is found here, before anything is queued: syntax
 * (400 `SCN_ERR_PARSE`), schema (400 `SCN_ERR_INVALID`), an unknown bundled name (404), provisioning out of a
 * preset's range (400 `SCN_ERR_INVALID` at the field), and work over the budget (422).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { StorageProfile } from "../../models/storage/profile.ts";
import { BUNDLED_DIR, bundledNames } from "../../scenarios/bundled.ts";
import { parseScenarioText } from "../../scenarios/parse-text.ts";
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { unknownNameError } from "../../scenarios/suggest.ts";
import { validateScenario } from "../../scenarios/validate.ts";
import { ApiError } from "../errors.ts";
import type { FidelityName, ScenarioSubmissionBody } from "../schemas/scenarios.ts";
import { overBudget } from "../../scenarios/budget.ts";
import { estimateWork, type WorkEstimate } from "./work-estimate.ts";

/** Scenario text and the label its messages use. */
export interface ScenarioText {
  readonly text: string;
  /** `scenario` for text and objects, `NAME.yaml` for a bundled scenario. */
  readonly source: string;
}

/** A submission checked and resolved, ready to store and queue. */
export interface PreparedRun extends ScenarioText {
  readonly config: ScenarioConfig;
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: FidelityName;
  readonly profiles: ReadonlyMap<string, StorageProfile>;
  readonly work: WorkEstimate;
}

/**
 * The text of a submission: `text` as given, a `scenario` object as indented JSON, or a bundled file's text.
 * @throws ScenarioError `SCN_ERR_NOT_FOUND` (with a suggestion) for an unknown bundled name.
 */
export async function scenarioText(body: ScenarioSubmissionBody): Promise<ScenarioText> {
  if (body.text !== undefined) return { text: body.text, source: "scenario" };
  if (body.scenario !== undefined) return { text: JSON.stringify(body.scenario, null, 2), source: "scenario" };
  const name = body.bundled!;
  const names = bundledNames();
  if (!names.includes(name)) throw unknownNameError("bundled scenario", name, names, ["bundled"]);
  return { text: await readFile(path.join(BUNDLED_DIR, `${name}.yaml`), "utf8"), source: `${name}.yaml` };
}

/** Overrides of the scenario's seed and fidelity, and the number of replications (default 1). */
export interface RunChoices {
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
  readonly fidelity?: FidelityName | undefined;
}

/**
 * Parses, validates and resolves a scenario text; `profilesFor` supplies the profiles it names.
 * @throws ScenarioError (parse, schema, profiles, provisioning); never starts a run.
 */
export async function prepareRun(
  input: ScenarioText,
  choices: RunChoices,
  profilesFor: (config: ScenarioConfig) => Promise<ReadonlyMap<string, StorageProfile>>,
): Promise<PreparedRun> {
  const config = validateScenario(parseScenarioText(input.text, { source: input.source }), input.source);
  const profiles = await profilesFor(config);
  const replications = choices.replications ?? 1;
  const fidelity = choices.fidelity ?? config.fidelity;
  return {
    ...input,
    config,
    seed: choices.seed ?? config.seed,
    replications,
    fidelity,
    profiles,
    // Resolves the scenario as the run will: provisioning out of range throws its ScenarioError here.
    work: estimateWork(config, fidelity, replications, profiles),
  };
}

/**
 * Refuses a run whose estimated work exceeds `budget` units: 422 `API_ERR_OVER_BUDGET`, saying the estimate,
 * the budget and how to reduce the work, with one issue per job and serving workload giving its share.
 */
export function checkBudget(run: PreparedRun, budget: number): void {
  const over = overBudget(run.work, budget, {
    replications: run.replications,
    what: "STALLSIM_WORK_BUDGET",
    jobNames: run.config.jobs.map((j) => j.name),
    workloadNames: run.config.inference.map((w) => w.name),
  });
  if (over === undefined) return;
  throw new ApiError(
    "API_ERR_OVER_BUDGET",
    422,
    over.message,
    over.shares.map((s) => ({ code: "over_budget", path: [...s.path], message: s.message })),
  );
}
