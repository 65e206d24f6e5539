/**
 * JUnit XML of a regression report, checked by parsing it: structure, counts, failure messages and escaping.
 */
import { JSDOM } from "jsdom";
import { describe, expect, test } from "vitest";
import { junitXml, xmlEscape } from "../../../src/studies/regress/junit.ts";
import type { RegressReport, ScenarioReport } from "../../../src/studies/regress/regress.ts";
import { compareMetrics } from "../../../src/studies/regress/compare.ts";
import type { Metric } from "../../../src/studies/regress/metrics.ts";

/** Parses XML strictly; fails the test on malformed XML. */
function parseXml(text: string): Document {
  const doc = new new JSDOM().window.DOMParser().parseFromString(text, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

const metric = (path: string, value: number, better: Metric["better"] = "higher"): Metric => ({
  path,
  segments: path.split("."),
  kind: "fraction",
  better,
  value,
});

function scenario(id: string, status: ScenarioReport["status"], metrics: ScenarioReport["metrics"]): ScenarioReport {
  return {
    id,
    file: `${id}.yaml`,
    status,
    settings: { seed: 1, replications: 1, fidelity: "bulk" },
    problems: [],
    metrics,
  };
}

function report(scenarios: ScenarioReport[], update = false): RegressReport {
  const zero = { pass: 0, regression: 0, improved: 0, changed: 0, new: 0, missing: 0 };
  return {
    suite: "s",
    baseline: "b.json",
    baselineVersion: "0.1.0",
    baselineDate: "2025-01-02",
    update,
    ok: update,
    scenarios,
    counts: { pass: 0, fail: 0, new: 0, missing: 0, metrics: zero },
    unusedTolerances: [],
  };
}

describe("JUnit XML", () => {
  const odd = 'jobs["a<b & \\"c\\""].au';
  const failing = scenario(
    "odd <&> 'name'",
    "fail",
    compareMetrics(
      { utilisation: 0.9, [odd]: 0.5, "jobs.x.au": 0.7 },
      [metric("utilisation", 0.8), { ...metric("jobs.x.au", 0.7), path: odd, value: 0.4 }, metric("jobs.x.au", 0.7)],
      [],
    ),
  );
  const fresh = scenario("fresh", "new", compareMetrics(undefined, [metric("utilisation", 0.5)], []));
  const gone = scenario("gone", "missing", []);

  test("is well-formed, escaped, one testsuite per scenario and one testcase per metric, with counts", () => {
    const doc = parseXml(junitXml(report([failing, fresh, gone]), 1.5));
    const root = doc.documentElement;
    expect(root.tagName).toBe("testsuites");
    const suites = [...root.getElementsByTagName("testsuite")];
    expect(suites.map((s) => s.getAttribute("name"))).toEqual(["odd <&> 'name'", "fresh", "gone"]);
    const cases = [...suites[0]!.getElementsByTagName("testcase")].map((c) => c.getAttribute("name"));
    expect(cases).toEqual(["scenario", "utilisation", odd, "jobs.x.au"]);
    const failures = [...suites[0]!.getElementsByTagName("failure")];
    expect(failures.map((f) => f.getAttribute("type"))).toEqual(["REGRESSION", "REGRESSION"]);
    expect(failures[0]!.getAttribute("message")).toBe(
      "regression: utilisation: 0.9 → 0.8 (Δ −0.1, −11.11%; tolerance 0.0001abs; higher is better)",
    );
    expect(failures[1]!.textContent).toContain(odd);
    expect(suites[0]!.getAttribute("failures")).toBe("2");
    expect(suites[1]!.getElementsByTagName("skipped")).toHaveLength(1);
    expect(suites[1]!.getElementsByTagName("failure")[0]!.getAttribute("message")).toContain("new scenario");
    expect(suites[2]!.getElementsByTagName("failure")[0]!.getAttribute("message")).toContain("not in the suite");
    expect(root.getAttribute("tests")).toBe(String(4 + 2 + 1));
    expect(root.getAttribute("failures")).toBe(String(2 + 1 + 1));
    expect(root.getAttribute("time")).toBe("1.500");
  });

  test("with --update nothing fails and the moves are in system-out", () => {
    const doc = parseXml(junitXml(report([failing], true)));
    expect(doc.getElementsByTagName("failure")).toHaveLength(0);
    expect(doc.documentElement.getAttribute("failures")).toBe("0");
    expect(doc.getElementsByTagName("system-out")[0]!.textContent).toMatch(/^updated: regression: utilisation/);
  });

  test("xmlEscape escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`<a href="x">&'\u0001\uFFFE😀`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;😀");
  });
});
