/**
 * JUnit XML of a regression report, for CI systems (GitHub Actions reporters, GitLab `artifacts:reports:
 * junit`, Jenkins): one `<testsuite>` per scenario, one `<testcase>` per metric, plus a `scenario` test case
 * for scenario-level problems (new, missing, settings changed). A metric beyond its tolerance is a
 * `<failure>` whose message says how it moved; a new scenario's metrics are `<skipped>`. With `--update`
 * nothing fails and the moves are in `<system-out>`. Text is XML-escaped, and characters XML 1.0 cannot hold
 * are dropped.
 */
import type { RegressReport, ScenarioReport } from "./regress.ts";
import { describeMove } from "./format-value.ts";

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML attribute or element (`& < > " '`), dropping characters XML cannot hold. */
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join("");

function scenarioProblem(s: ScenarioReport): string | undefined {
  if (s.status === "new") return "new scenario, not in the baseline (run with --update to add it)";
  if (s.status === "missing") return "in the baseline but not in the suite (run with --update to drop it)";
  return s.problems.length > 0 ? s.problems.join("; ") : undefined;
}

function testsuite(s: ScenarioReport, update: boolean): { xml: string; tests: number; failures: number } {
  const cls = `stallsim.regress.${s.id}`;
  const cases: string[] = [];
  let failures = 0;
  const problem = scenarioProblem(s);
  const failure = (type: string, message: string) =>
    update
      ? `<system-out>${xmlEscape(`updated: ${message}`)}</system-out>`
      : `<failure${attrs({ type, message })}>${xmlEscape(message)}</failure>`;
  cases.push(
    `    <testcase${attrs({ classname: cls, name: "scenario", time: 0 })}>` +
      (problem === undefined ? "" : failure(s.status.toUpperCase(), problem)) +
      "</testcase>",
  );
  if (problem !== undefined && !update) failures++;
  for (const m of s.metrics) {
    let body = "";
    if (s.status === "new") body = `<skipped${attrs({ message: "not in the baseline" })}/>`;
    else if (m.status !== "pass") {
      body = failure(m.status.toUpperCase(), `${m.status}: ${m.path}: ${describeMove(m)}`);
      if (!update) failures++;
    }
    cases.push(`    <testcase${attrs({ classname: cls, name: m.path, time: 0 })}>${body}</testcase>`);
  }
  const skipped = s.status === "new" ? s.metrics.length : 0;
  const head = attrs({ name: s.id, tests: cases.length, failures, errors: 0, skipped, file: s.file });
  return { xml: `  <testsuite${head}>\n${cases.join("\n")}\n  </testsuite>`, tests: cases.length, failures };
}

/** The JUnit XML document of `report`; `seconds` is the wall time of the whole check. */
export function junitXml(report: RegressReport, seconds = 0): string {
  const suites = report.scenarios.map((s) => testsuite(s, report.update));
  const tests = suites.reduce((a, s) => a + s.tests, 0);
  const failures = suites.reduce((a, s) => a + s.failures, 0);
  const head = attrs({ name: "stallsim regress", tests, failures, errors: 0, time: seconds.toFixed(3) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${head}>\n${suites.map((s) => s.xml).join("\n")}\n</testsuites>\n`;
}
