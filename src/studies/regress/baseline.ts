/**
 * The baseline document: the metrics of every scenario of a suite as `stallsim regress --update` wrote them,
 * with the stallsim version and date that produced them. Numbers are rounded to 6 significant digits
 * (integers are kept exactly) so diffs stay readable; the run's numbers are rounded the same way before they
 * are compared. Keys are in a stable order: scenarios by id, metrics in catalogue order (metrics.ts).
 */
import { z } from "zod";
import { fromZodError } from "../../scenarios/errors.ts";
import { RegressError } from "./errors.ts";
import type { Metric } from "./metrics.ts";

/** The version of the baseline format. */
export const BASELINE_FORMAT = 1;

/** The stated precision of baseline numbers. */
export const BASELINE_PRECISION = "6 significant digits; integers exact";

/** Fidelity as asked of the run (`auto` follows the scenario's rule). */
export type Fidelity = "auto" | "per-step" | "bulk";

/** What a scenario was run with; results are comparable only under the same settings. */
export interface RunSettings {
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: Fidelity;
}

/** One scenario's entry: its file (relative to the suite folder), settings and metrics. */
export interface BaselineScenario extends RunSettings {
  readonly file: string;
  readonly metrics: Readonly<Record<string, number | null>>;
}

/** The whole baseline file. `date` is `YYYY-MM-DD` (UTC). */
export interface Baseline {
  readonly format: typeof BASELINE_FORMAT;
  readonly stallsim: string;
  readonly date: string;
  readonly precision: string;
  readonly scenarios: Readonly<Record<string, BaselineScenario>>;
}

const BaselineSchema = z.strictObject({
  format: z.literal(BASELINE_FORMAT),
  stallsim: z.string(),
  date: z.string(),
  precision: z.string(),
  scenarios: z.record(
    z.string(),
    z.strictObject({
      file: z.string(),
      seed: z.number().int().nonnegative(),
      replications: z.number().int().positive(),
      fidelity: z.enum(["auto", "per-step", "bulk"]),
      metrics: z.record(z.string(), z.number().nullable()),
    }),
  ),
});

/** Rounds a metric value to the baseline's precision: integers kept, others to 6 significant digits, −0 → 0. */
export function roundMetric(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const r = Number.isSafeInteger(x) ? x : Number(x.toPrecision(6));
  return r === 0 ? 0 : r;
}

/** One scenario's run, as the baseline needs it. */
export interface BaselineRun extends RunSettings {
  readonly id: string;
  readonly file: string;
  readonly metrics: readonly Metric[];
}

/** The scenarios part of a baseline from runs: ids sorted, metrics in the runs' order, values rounded. */
export function baselineScenarios(runs: readonly BaselineRun[]): Record<string, BaselineScenario> {
  const sorted = [...runs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Object.fromEntries(
    sorted.map((r) => [
      r.id,
      {
        file: r.file,
        seed: r.seed,
        replications: r.replications,
        fidelity: r.fidelity,
        metrics: Object.fromEntries(r.metrics.map((m) => [m.path, roundMetric(m.value)])),
      },
    ]),
  );
}

/** A baseline document from runs, the stallsim version and the date (`YYYY-MM-DD`). */
export function buildBaseline(runs: readonly BaselineRun[], stallsim: string, date: string): Baseline {
  return { format: BASELINE_FORMAT, stallsim, date, precision: BASELINE_PRECISION, scenarios: baselineScenarios(runs) };
}

/** The file text: two-space JSON (what Prettier also writes) and a final newline. */
export function serializeBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** True when two baselines hold the same scenarios, settings and numbers (version and date aside). */
export function sameResults(a: Baseline, b: Baseline): boolean {
  return JSON.stringify(a.scenarios) === JSON.stringify(b.scenarios);
}

/**
 * Parses a baseline file's text.
 * @throws RegressError (REG_ERR_BASELINE) naming `source` and, for a schema problem, the field.
 */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RegressError("REG_ERR_BASELINE", `${source}: not valid JSON (${(e as Error).message})`, source);
  }
  const parsed = BaselineSchema.safeParse(data);
  if (!parsed.success) {
    const issues = fromZodError(parsed.error).message;
    throw new RegressError("REG_ERR_BASELINE", `${source}: not a stallsim baseline: ${issues}`, source);
  }
  return parsed.data as Baseline;
}
