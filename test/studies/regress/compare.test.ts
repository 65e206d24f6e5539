/**
 * Comparison semantics of `stallsim regress`: within or beyond tolerance, absolute vs relative, zero baselines, and
 * the status of a move (pass, regression, improved, changed, new, missing).
 */
import { describe, expect, test } from "vitest";
import { compareMetrics, moveStatus, withinTolerance } from "../../../src/studies/regress/compare.ts";
import type { Metric } from "../../../src/studies/regress/metrics.ts";
import { parseTolerance, toleranceRule } from "../../../src/studies/regress/tolerance.ts";

describe("withinTolerance: |new − old| ≤ max(abs, rel × |old|)", () => {
  test.for([
    { old: 100, now: 100, tol: "exact", within: true },
    { old: 100, now: 100.0001, tol: "exact", within: false },
    { old: 100, now: 101, tol: "1%", within: true },
    { old: 100, now: 99, tol: "1%", within: true },
    { old: 100, now: 101.01, tol: "1%", within: false },
    { old: -100, now: -101, tol: "1%", within: true },
    { old: 0.8, now: 0.805, tol: "0.005abs", within: true },
    { old: 0.8, now: 0.7949, tol: "0.005abs", within: false },
    { old: 100, now: 100.4, tol: "0.1%+0.5abs", within: true },
    { old: 100, now: 100.6, tol: "0.1%+0.5abs", within: false },
    { old: 1000, now: 1000.9, tol: "0.1%+0.5abs", within: true },
    { old: 0, now: 0, tol: "exact", within: true },
    { old: 0, now: 1e-9, tol: "50%", within: false },
    { old: 0, now: 0.0009, tol: "50%+0.001abs", within: true },
    { old: 0, now: -0.002, tol: "0.001abs", within: false },
  ] as const)("$old → $now under $tol: $within", ({ old, now, tol, within }) => {
    expect(withinTolerance(old, now, parseTolerance(tol))).toBe(within);
  });
});

describe("moveStatus", () => {
  const t = parseTolerance("1%");
  test.for([
    { old: 100, now: 100.5, better: "higher", status: "pass" },
    { old: 100, now: 90, better: "higher", status: "regression" },
    { old: 100, now: 110, better: "higher", status: "improved" },
    { old: 100, now: 110, better: "lower", status: "regression" },
    { old: 100, now: 90, better: "lower", status: "improved" },
    { old: 100, now: 90, better: "none", status: "changed" },
    { old: 0, now: 1, better: "lower", status: "regression" },
  ] as const)("$old → $now, $better is better: $status", ({ old, now, better, status }) => {
    expect(moveStatus(old, now, t, better)).toBe(status);
  });

  test("a non-finite value (null) equals only another", () => {
    expect(moveStatus(null, null, t, "higher")).toBe("pass");
    expect(moveStatus(null, 1, t, "higher")).toBe("changed");
    expect(moveStatus(1, null, t, "lower")).toBe("changed");
  });
});

describe("compareMetrics", () => {
  const m = (
    path: string,
    value: number,
    kind: Metric["kind"] = "usd",
    better: Metric["better"] = "lower",
  ): Metric => ({
    path,
    segments: path.split("."),
    kind,
    better,
    value,
  });

  test("reports Δ, Δ% and the tolerance with its origin; new and missing metrics fail", () => {
    const rows = compareMetrics(
      { "cost.totalUsd": 100, utilisation: 0, "jobs.old.au": 0.5 },
      [m("cost.totalUsd", 103), m("utilisation", 0.25, "fraction", "higher"), m("jobs.new.au", 0.5, "fraction")],
      [[toleranceRule("cost.totalUsd", "5%", "suite.yaml")]],
    );
    expect(rows.map((r) => [r.path, r.status])).toEqual([
      ["cost.totalUsd", "pass"],
      ["utilisation", "improved"],
      ["jobs.new.au", "new"],
      ["jobs.old.au", "missing"],
    ]);
    expect(rows[0]).toMatchObject({ old: 100, new: 103, delta: 3, toleranceFrom: "suite.yaml: cost.totalUsd" });
    expect(rows[0]!.relDelta).toBeCloseTo(0.03);
    expect(rows[1]).toMatchObject({ delta: 0.25, relDelta: null, toleranceFrom: "default (fraction)" });
    expect(rows[3]).toMatchObject({ old: 0.5, new: undefined, delta: undefined });
  });

  test("without a baseline entry every metric is new", () => {
    expect(compareMetrics(undefined, [m("wallHours", 1, "hours")], []).map((r) => r.status)).toEqual(["new"]);
  });

  test("default tolerances: counts are exact, hours allow 0.1%", () => {
    const rows = compareMetrics(
      { "jobs.j.checkpoints": 5, wallHours: 10 },
      [m("jobs.j.checkpoints", 6, "count", "none"), m("wallHours", 10.009, "hours")],
      [],
    );
    expect(rows.map((r) => r.status)).toEqual(["changed", "pass"]);
  });
});
