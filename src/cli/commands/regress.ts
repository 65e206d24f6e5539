/**
 * `stallsim regress SUITE_DIR --baseline BASELINE.json [--update] [--tolerance METRIC=TOL[,…]] [--junit FILE]
 * [--workers N] [--json]`: runs a suite of scenarios with fixed seeds and compares their metrics with a baseline.
 * Exit status: 0 when every metric is within tolerance (or with `--update`, which writes the baseline);
 * 1 when anything moved, appeared or disappeared; 2 for bad input (missing baseline without `--update`, an
 * unreadable suite, an invalid scenario, a malformed tolerance). See docs/regress.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RegressError, isRegressError } from "../../studies/regress/errors.ts";
import { junitXml } from "../../studies/regress/junit.ts";
import { regress } from "../../studies/regress/regress.ts";
import type { ScenarioBatchRunner } from "../../studies/regress/runner.ts";
import { serializeBaseline } from "../../studies/regress/baseline.ts";
import { parseToleranceArgs } from "../../studies/regress/tolerance.ts";
import { err, out, reportError } from "../io.ts";
import { formatRegressReport } from "../regress-report.ts";
import { defaultSuiteRunner } from "../regress-runner.ts";
import { UsageError } from "../usage-error.ts";
import { VERSION } from "../version.ts";

/** The command's arguments as parsed by main.ts (strings as typed). */
export interface RegressArgs {
  /** Positionals after `regress`: exactly one suite folder. */
  paths: readonly string[];
  baseline: string | undefined;
  update: boolean;
  tolerance: readonly string[];
  junit?: string;
  /** Threads, as typed (`--workers N`); default all cores. */
  workers?: string | undefined;
  json: boolean;
  /** How scenarios run (tests pass their own); default: `defaultSuiteRunner()`. */
  runner?: ScenarioBatchRunner;
}

/** Today in UTC as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` (seconds) for reproducible baselines. */
function today(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const d = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

function write(file: string, text: string, what: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new RegressError("REG_ERR_OUTPUT", `cannot write ${what} ${JSON.stringify(file)} (${code})`, file);
  }
}

/** Runs the command; resolves to the exit status. */
export async function regressCommand(a: RegressArgs): Promise<number> {
  try {
    if (a.paths.length !== 1) {
      throw new UsageError(
        a.paths.length === 0
          ? "regress needs a suite folder (a folder of scenario files, optionally with a suite.yaml)"
          : `regress takes one suite folder, got ${a.paths.length}: ${a.paths.join(" ")}`,
      );
    }
    if (a.baseline === undefined) throw new UsageError("regress needs --baseline FILE (create it with --update)");
    const suiteDir = a.paths[0]!;
    const rules = parseToleranceArgs(a.tolerance);
    const workers = a.workers === undefined ? undefined : Number(a.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
      throw new UsageError(`invalid --workers: ${a.workers} (expected an integer ≥ 1)`);
    }
    const started = performance.now();
    const { report, baseline, baselineChanged } = await regress({
      suiteDir,
      baselinePath: a.baseline,
      update: a.update,
      rules,
      runner: a.runner ?? (await defaultSuiteRunner(workers)),
      version: VERSION,
      date: today(),
    });
    const seconds = (performance.now() - started) / 1000;
    const written = a.update && baselineChanged;
    if (written) write(a.baseline, serializeBaseline(baseline), "the baseline");
    if (a.junit !== undefined) write(a.junit, junitXml(report, seconds), "JUnit XML to");
    if (a.json) out(JSON.stringify({ ...report, baselineWritten: written, seconds }));
    else out(formatRegressReport(report, written, `stallsim regress ${suiteDir} --baseline ${a.baseline}`));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (isRegressError(e)) {
      if (a.json) out(JSON.stringify({ error: { code: e.code, message: e.message } }));
      else err(`stallsim: ${e.message}`);
      return 2;
    }
    return reportError(e, a.json);
  }
}
