/**
 * Scenario request and response schemas. A scenario travels as text (JSON or YAML), as an object, or by a
 * bundled name; it is then parsed and validated by `src/scenarios` exactly as `stallsim run` does (the
 * scenario schema is never redefined here), so scenario issues have paths into the scenario itself.
 */
import { z } from "zod";
import { Scenario } from "../../scenarios/schema/scenario.ts";

/** Fidelity as the scenario schema names it. */
export const Fidelity = Scenario.shape.fidelity.unwrap();
export type FidelityName = z.output<typeof Fidelity>;

/** The JSON Schema of a scenario object as users write it (human units), for the OpenAPI document. */
const ScenarioObject = z
  .record(z.string(), z.unknown())
  .meta({ description: "A scenario object, as in a JSON scenario file (docs/scenarios.md)." });

/** Where the scenario comes from: exactly one of `text`, `scenario` or `bundled`. */
const sourceFields = {
  /** Scenario file text, JSON or YAML (detected). */
  text: z.string().min(1).optional(),
  scenario: ScenarioObject.optional(),
  /** A bundled scenario's name (`GET /api/scenarios`). */
  bundled: z.string().min(1).max(200).optional(),
};

/** Options of a run: seed, replications, fidelity (each overrides the scenario's own). */
const runFields = {
  seed: z.number().int().nonnegative().optional(),
  /** Independent runs with seeds seed … seed + K − 1; means and 95% intervals. */
  replications: z.number().int().min(1).max(1000).optional(),
  fidelity: Fidelity.optional(),
};

const SOURCES = ["text", "scenario", "bundled"] as const;

/**
 * Body of `POST /api/runs` and `POST /api/scenarios/validate`. Without a source the issue is at `text` (the
 * first way to give one); with several, at the second one given.
 */
export const ScenarioSubmission = z.strictObject({ ...sourceFields, ...runFields }).superRefine((b, ctx) => {
  const given = SOURCES.filter((k) => b[k] !== undefined);
  if (given.length === 1) return;
  ctx.addIssue({
    code: "custom",
    path: [given.length === 0 ? "text" : given[1]!],
    message:
      given.length === 0
        ? "required: give the scenario as text, scenario (an object) or bundled (a name)"
        : `give exactly one of text, scenario or bundled, not ${given.join(" and ")}`,
  });
});
export type ScenarioSubmissionBody = z.output<typeof ScenarioSubmission>;

/** Estimated simulated work and the server's budget, in work units. */
export const Work = z.object({ units: z.number(), budget: z.number() });

/** Response of `POST /api/scenarios/validate`. */
export const ValidationResult = z.object({
  valid: z.literal(true),
  name: z.string(),
  /** Number of training jobs listed. */
  jobs: z.number().int(),
  /** Alternatives the run will report side by side (src/scenarios/shape.ts). */
  alternatives: z.number().int(),
  work: Work,
  /** Settings that are valid but almost surely not meant (src/scenarios/warnings.ts), each at its field. */
  warnings: z.array(
    z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
  ),
});

/** One bundled scenario in `GET /api/scenarios`. */
export const BundledScenario = z.object({
  name: z.string(),
  description: z.string(),
  /** Alternatives it compares side by side (jobs or serving workloads run alone, or cluster designs). */
  alternatives: z.number().int(),
  /** Training jobs and serving workloads in the largest alternative (listed ones; job arrivals add more). */
  workloads: z.number().int(),
  /** GPUs of the largest alternative (not a sum over alternatives). */
  gpus: z.number().int(),
});

/** `GET /api/scenarios/:name`. */
export const BundledScenarioText = z.object({ name: z.string(), description: z.string(), text: z.string() });
