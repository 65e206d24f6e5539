/**
 * A regression check: load a suite, run its scenarios with fixed seeds, and compare their metrics with a
 * baseline (compare.ts). Returns the report and the baseline these runs would write; writing files is the
 * caller's (the CLI's). With `update`, differences are still reported but do not fail the check.
 */
import { readFile } from "node:fs/promises";
import {
  buildBaseline,
  parseBaseline,
  roundMetric,
  sameResults,
  type Baseline,
  type BaselineRun,
  type RunSettings,
} from "./baseline.ts";
import { compareMetrics, type MetricComparison, type MetricStatus } from "./compare.ts";
import { RegressError } from "./errors.ts";
import { loadSuite } from "./load-suite.ts";
import { matchesMetric } from "./metric-path.ts";
import { extractMetrics } from "./metrics.ts";
import { serialRunner, type ScenarioBatchRunner } from "./runner.ts";
import type { ToleranceRule } from "./tolerance.ts";

/** What to check. `version` and `date` (`YYYY-MM-DD`) go into a baseline written by `--update`. */
export interface RegressOptions {
  readonly suiteDir: string;
  readonly baselinePath: string;
  readonly update?: boolean;
  /** Command-line tolerance rules: over the suite file's and the scenario entries'. */
  readonly rules?: readonly ToleranceRule[];
  /** Default: `serialRunner`. */
  readonly runner?: ScenarioBatchRunner;
  readonly version: string;
  readonly date: string;
}

/** A scenario's outcome: `new` (not in the baseline) and `missing` (not in the suite) fail like `fail`. */
export type ScenarioStatus = "pass" | "fail" | "new" | "missing";

/** One scenario of the report. */
export interface ScenarioReport {
  readonly id: string;
  readonly file: string;
  readonly status: ScenarioStatus;
  /** Settings of this run (absent for a missing scenario). */
  readonly settings: RunSettings | undefined;
  /** Scenario-level reasons it fails besides its metrics, e.g. `seed changed: 1 → 2`. */
  readonly problems: readonly string[];
  readonly metrics: readonly MetricComparison[];
}

/** The whole check. `ok` is what the exit status reflects: true when everything passed, or with `update`. */
export interface RegressReport {
  readonly suite: string;
  readonly baseline: string;
  /** The previous baseline's stallsim version and date, when there was one. */
  readonly baselineVersion: string | undefined;
  readonly baselineDate: string | undefined;
  readonly update: boolean;
  readonly ok: boolean;
  readonly scenarios: readonly ScenarioReport[];
  readonly counts: Readonly<Record<ScenarioStatus, number>> & {
    readonly metrics: Readonly<Record<MetricStatus, number>>;
  };
  /** Tolerance patterns that matched no metric of any scenario (likely a typo or a renamed job). */
  readonly unusedTolerances: readonly string[];
}

/** The report, the baseline from these runs, and whether it differs from the one on disk (or there was none). */
export interface RegressOutcome {
  readonly report: RegressReport;
  readonly baseline: Baseline;
  readonly baselineChanged: boolean;
}

async function readBaseline(file: string, update: boolean): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && update) return undefined;
    const why =
      code === "ENOENT"
        ? "no such baseline file (create it with --update)"
        : code === "EISDIR"
          ? "the baseline is a folder, not a file"
          : `unreadable baseline (${code ?? (e as Error).message})`;
    throw new RegressError("REG_ERR_BASELINE", `${why}: ${JSON.stringify(file)}`, file, { cause: e });
  }
  return parseBaseline(text, file);
}

function settingsProblems(was: RunSettings, now: RunSettings): string[] {
  return (["seed", "replications", "fidelity"] as const)
    .filter((k) => was[k] !== now[k])
    .map((k) => `${k} changed: baseline ${was[k]}, suite ${now[k]} (the numbers are not comparable)`);
}

/**
 * Runs the check.
 * @throws RegressError for a missing baseline without `update`, or an invalid suite or baseline;
 * ScenarioError for an invalid scenario; whatever the runner rejects with.
 */
export async function regress(opts: RegressOptions): Promise<RegressOutcome> {
  const update = opts.update === true;
  const suite = await loadSuite(opts.suiteDir, { exclude: [opts.baselinePath] });
  const previous = await readBaseline(opts.baselinePath, update);
  const results = await (opts.runner ?? serialRunner)(
    suite.scenarios.map((s) => ({
      config: s.config,
      options: { seed: s.seed, replications: s.replications, fidelity: s.fidelity, profiles: s.profiles },
    })),
  );
  const runs: BaselineRun[] = suite.scenarios.map((s, i) => ({
    id: s.id,
    file: s.file,
    seed: s.seed,
    replications: s.replications,
    fidelity: s.fidelity,
    metrics: extractMetrics(results[i]!).map((m) => ({ ...m, value: roundMetric(m.value) })),
  }));
  const cliRules = opts.rules ?? [];
  const scenarios: ScenarioReport[] = runs.map((run, i) => {
    const was = previous?.scenarios[run.id];
    const metrics = compareMetrics(was?.metrics, run.metrics, [suite.rules, suite.scenarios[i]!.rules, cliRules]);
    const problems = was === undefined ? [] : settingsProblems(was, run);
    const failed = problems.length > 0 || metrics.some((m) => m.status !== "pass");
    const status: ScenarioStatus = was === undefined ? "new" : failed ? "fail" : "pass";
    const settings = { seed: run.seed, replications: run.replications, fidelity: run.fidelity };
    return { id: run.id, file: run.file, status, settings, problems, metrics };
  });
  for (const [id, was] of Object.entries(previous?.scenarios ?? {})) {
    if (runs.some((r) => r.id === id)) continue;
    scenarios.push({ id, file: was.file, status: "missing", settings: undefined, problems: [], metrics: [] });
  }
  const counts = { pass: 0, fail: 0, new: 0, missing: 0 };
  const metricCounts = { pass: 0, regression: 0, improved: 0, changed: 0, new: 0, missing: 0 };
  for (const s of scenarios) {
    counts[s.status]++;
    for (const m of s.metrics) metricCounts[m.status]++;
  }
  const allRules = [...suite.rules, ...suite.scenarios.flatMap((s) => s.rules), ...cliRules];
  const unusedTolerances = [
    ...new Set(
      allRules
        .filter((r) => !runs.some((run) => run.metrics.some((m) => matchesMetric(r.segments, m.segments))))
        .map((r) => `${r.from}: ${r.pattern}`),
    ),
  ];
  const baseline = buildBaseline(runs, opts.version, opts.date);
  return {
    report: {
      suite: suite.file ?? suite.dir,
      baseline: opts.baselinePath,
      baselineVersion: previous?.stallsim,
      baselineDate: previous?.date,
      update,
      ok: update || scenarios.every((s) => s.status === "pass"),
      scenarios,
      counts: { ...counts, metrics: metricCounts },
      unusedTolerances,
    },
    baseline,
    baselineChanged: previous === undefined || !sameResults(previous, baseline),
  };
}
