/**
 * Scenarios: the bundled ones (list, and each file's text) and validation of a submitted scenario, which runs
 * every check a run would (syntax, schema, profiles, provisioning) and estimates its work.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scenarioShape } from "../../../scenarios/shape.ts";
import { preRunWarnings } from "../../../scenarios/warnings.ts";
import { BUNDLED_DIR, bundledNames } from "../../../scenarios/bundled.ts";
import { parseScenarioText } from "../../../scenarios/parse-text.ts";
import { unknownNameError } from "../../../scenarios/suggest.ts";
import { validateScenario } from "../../../scenarios/validate.ts";
import { resolveProfiles } from "../../runs/scenario-profiles.ts";
import { prepareRun, scenarioText } from "../../runs/submission.ts";
import { errors, NameParams } from "../../schemas/common.ts";
import { BundledScenario, BundledScenarioText, ScenarioSubmission, ValidationResult } from "../../schemas/scenarios.ts";

type Bundled = z.output<typeof BundledScenario>;

/** The text of bundled scenario `name`. @throws ScenarioError SCN_ERR_NOT_FOUND with a suggestion. */
async function bundledText(name: string): Promise<string> {
  const names = bundledNames();
  if (!names.includes(name)) throw unknownNameError("bundled scenario", name, names);
  return readFile(path.join(BUNDLED_DIR, `${name}.yaml`), "utf8");
}

/** Registers `GET /scenarios`, `GET /scenarios/:name` and `POST /scenarios/validate`. */
export const scenariosRoutes: FastifyPluginAsyncZod = async (app) => {
  let list: Promise<Bundled[]> | undefined;
  const loadList = async (): Promise<Bundled[]> => {
    const out: Bundled[] = [];
    for (const name of bundledNames()) {
      const config = validateScenario(parseScenarioText(await bundledText(name), { source: `${name}.yaml` }));
      out.push({ name, description: config.description.trim(), ...scenarioShape(config) });
    }
    return out;
  };

  app.get(
    "/scenarios",
    { schema: { tags: ["scenarios"], summary: "Bundled scenarios", response: { 200: z.array(BundledScenario) } } },
    async () => {
      list ??= loadList();
      return list;
    },
  );

  app.get(
    "/scenarios/:name",
    {
      schema: {
        tags: ["scenarios"],
        summary: "A bundled scenario's YAML text",
        params: NameParams,
        response: { 200: BundledScenarioText, ...errors(400, 404) },
      },
    },
    async (req) => {
      const text = await bundledText(req.params.name);
      const config = validateScenario(parseScenarioText(text, { source: `${req.params.name}.yaml` }));
      return { name: req.params.name, description: config.description.trim(), text };
    },
  );

  app.post(
    "/scenarios/validate",
    {
      schema: {
        tags: ["scenarios"],
        summary: "Validate a scenario and estimate its work",
        description:
          "Runs every check a run would (syntax, schema, stored or file profiles, provisioning). Scenario issues " +
          "have paths into the scenario, whether it came as text or as an object.",
        body: ScenarioSubmission,
        response: { 200: ValidationResult, ...errors(400, 401, 404, 413, 415) },
      },
    },
    async (req) => {
      const run = await prepareRun(await scenarioText(req.body), req.body, (c) =>
        resolveProfiles(c, app.profilesRepository),
      );
      return {
        valid: true as const,
        name: run.config.name,
        jobs: run.config.jobs.length,
        alternatives: scenarioShape(run.config).alternatives,
        warnings: preRunWarnings(run.config, run.profiles),
        work: { units: run.work.units, budget: app.settings.workBudget },
      };
    },
  );
};
