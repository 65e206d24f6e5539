/**
 * The readable report of `stallsim regress` for a terminal or a CI log: per scenario, a table of the metrics
 * that moved (old → new, Δ, Δ%, tolerance, which way is better, status), then counts and what to do.
 */
import type { MetricComparison } from "../studies/regress/compare.ts";
import { formatDelta, formatPercent, formatValue } from "../studies/regress/format-value.ts";
import type { RegressReport, ScenarioReport } from "../studies/regress/regress.ts";
import { formatTolerance } from "../studies/regress/tolerance.ts";

const HEAD = ["metric", "old", "new", "Δ", "Δ%", "tolerance", "better", "status"] as const;

function row(m: MetricComparison): string[] {
  return [
    m.path,
    formatValue(m.old),
    formatValue(m.new),
    formatDelta(m.delta),
    formatPercent(m.relDelta),
    m.tolerance === undefined ? "—" : formatTolerance(m.tolerance),
    m.better === undefined || m.better === "none" ? "—" : m.better,
    m.status === "pass" ? "PASS (within)" : m.status.toUpperCase(),
  ];
}

function table(rows: readonly string[][]): string[] {
  const all = [[...HEAD], ...rows];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map(
    (r) =>
      "    " +
      r
        .map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
  );
}

function settings(s: ScenarioReport): string {
  if (s.settings === undefined) return s.file;
  const { seed, replications, fidelity } = s.settings;
  return `seed ${seed}${replications > 1 ? `, ${replications} replications` : ""}, ${fidelity}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function scenarioLines(s: ScenarioReport): string[] {
  const label = { pass: "PASS", fail: "FAIL", new: "NEW", missing: "MISSING" }[s.status].padEnd(8);
  if (s.status === "missing") return [`${label}${s.id} (${s.file}): in the baseline but not in the suite`];
  if (s.status === "new") {
    return [`${label}${s.id} (${settings(s)}): not in the baseline (${s.metrics.length} metrics)`];
  }
  const failing = s.metrics.filter((m) => m.status !== "pass").length;
  const moved = s.metrics.filter((m) => m.status !== "pass" || m.delta !== 0);
  const what =
    failing > 0
      ? `${failing} of ${s.metrics.length} metrics beyond tolerance`
      : moved.length > 0
        ? `${s.metrics.length} metrics, ${moved.length} moved within tolerance`
        : `${s.metrics.length} metrics, none moved`;
  return [
    `${label}${s.id} (${settings(s)}): ${what}`,
    ...s.problems.map((p) => `    ${p}`),
    ...(moved.length > 0 ? table(moved.map(row)) : []),
  ];
}

/**
 * The report as text. `written` says what happened to the baseline file with `--update` (`true`: written,
 * `false`: left as it was because nothing changed); `command` is how to re-run with `--update`.
 */
export function formatRegressReport(r: RegressReport, written: boolean, command: string): string {
  const was = r.baselineVersion === undefined ? "new baseline" : `stallsim ${r.baselineVersion}, ${r.baselineDate}`;
  const c = r.counts;
  const m = c.metrics;
  const failing = m.regression + m.improved + m.changed + m.new + m.missing;
  const bad = c.fail + c.new + c.missing;
  const lines = [
    `stallsim regress: ${r.suite} against ${r.baseline} (${was})`,
    "",
    ...r.scenarios.flatMap(scenarioLines),
    "",
    `${r.scenarios.length} scenarios: ${c.pass} passed, ${c.fail} failed, ${c.new} new, ${c.missing} missing. ` +
      `Metrics: ${m.pass} passed, ${m.regression} regressed, ${m.improved} improved, ${m.changed} changed, ` +
      `${m.new} new, ${m.missing} missing.`,
    ...r.unusedTolerances.map((t) => `warning: tolerance matches no metric: ${t}`),
  ];
  if (r.update) lines.push(written ? `Baseline written: ${r.baseline}` : `Baseline unchanged: ${r.baseline}`);
  else if (r.ok) lines.push("PASS: every metric is within its tolerance.");
  else {
    lines.push(
      `FAIL: ${plural(bad, "scenario")} of ${r.scenarios.length} ${bad === 1 ? "differs" : "differ"} from the baseline ` +
        `(${plural(failing, "metric")} beyond tolerance, new or missing; improvements fail too, so that the ` +
        "baseline stays current).",
      `If the changes are intended, record them: ${command} --update`,
    );
  }
  return lines.join("\n");
}
