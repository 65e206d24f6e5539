/**
 * The baseline file: rounding to its stated precision, stable key order, and clear errors for a bad file.
 */
import { describe, expect, test } from "vitest";
import {
  buildBaseline,
  parseBaseline,
  roundMetric,
  sameResults,
  serializeBaseline,
  type BaselineRun,
} from "../../../src/studies/regress/baseline.ts";
import type { Metric } from "../../../src/studies/regress/metrics.ts";

describe("roundMetric: 6 significant digits, integers exact", () => {
  test.for([
    [0.123456789, 0.123457],
    [123456.789, 123457],
    [10700160006528, 10700160006528],
    [1e-12 / 3, 3.33333e-13],
    [-0, 0],
    [-1.23456789, -1.23457],
    [Infinity, null],
    [NaN, null],
  ] as const)("%d → %d", ([x, r]) => expect(roundMetric(x)).toBe(r));

  test("rounding is idempotent", () => {
    for (const x of [0.9999995, 1234.5678, 2 / 3, 1e21 / 7]) expect(roundMetric(roundMetric(x))).toBe(roundMetric(x));
  });
});

describe("baseline document", () => {
  const metric = (path: string, value: number): Metric => ({
    path,
    segments: path.split("."),
    kind: "hours",
    better: "lower",
    value,
  });
  const run = (id: string, value: number): BaselineRun => ({
    id,
    file: `${id}.yaml`,
    seed: 1,
    replications: 1,
    fidelity: "bulk",
    metrics: [metric("wallHours", value), metric("gpuHours.total", value * 8)],
  });

  test("has a stable key order: header, scenarios by id, metrics in run order; values rounded", () => {
    const b = buildBaseline([run("zeta", 1 / 3), run("alpha", 2)], "0.1.0", "2025-01-02");
    const text = serializeBaseline(b);
    expect(Object.keys(JSON.parse(text))).toEqual(["format", "stallsim", "date", "precision", "scenarios"]);
    expect(Object.keys(b.scenarios)).toEqual(["alpha", "zeta"]);
    expect(Object.keys(b.scenarios.zeta!.metrics)).toEqual(["wallHours", "gpuHours.total"]);
    expect(b.scenarios.zeta!.metrics.wallHours).toBe(0.333333);
    expect(text.endsWith("}\n")).toBe(true);
    expect(parseBaseline(text, "b.json")).toEqual(b);
  });

  test("sameResults ignores the version and date", () => {
    const a = buildBaseline([run("a", 1)], "0.1.0", "2025-01-02");
    expect(sameResults(a, buildBaseline([run("a", 1)], "0.2.0", "2026-01-01"))).toBe(true);
    expect(sameResults(a, buildBaseline([run("a", 1.1)], "0.1.0", "2025-01-02"))).toBe(false);
  });

  test.for([
    ["{", /^b\.json: not valid JSON/],
    ["[]", /^b\.json: not a stallsim baseline: /],
    [JSON.stringify({ format: 2 }), /^b\.json: not a stallsim baseline: .*format/s],
    [
      JSON.stringify({
        format: 1,
        stallsim: "0.1.0",
        date: "2025-01-02",
        precision: "",
        scenarios: { a: { file: "a.yaml", seed: 1, replications: 1, fidelity: "bulk", metrics: { au: "high" } } },
      }),
      /scenarios\.a\.metrics\.au: /,
    ],
  ] as const)("%s is rejected naming the file and field", ([text, message]) => {
    expect(() => parseBaseline(text, "b.json")).toThrow(message);
  });
});
