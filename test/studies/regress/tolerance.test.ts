/**
 * Tolerances of `stallsim regress`: the written forms, `--tolerance` arguments and which rule applies to a metric.
 */
import { describe, expect, test } from "vitest";
import {
  DEFAULT_TOLERANCES,
  formatTolerance,
  parseTolerance,
  parseToleranceArgs,
  resolveTolerance,
  toleranceRule,
} from "../../../src/studies/regress/tolerance.ts";

describe("parseTolerance", () => {
  test.for([
    { text: "1%", rel: 0.01, abs: 0 },
    { text: "0.5%", rel: 0.005, abs: 0 },
    { text: "0.01", rel: 0.01, abs: 0 },
    { text: "1e-6", rel: 1e-6, abs: 0 },
    { text: "0.005abs", rel: 0, abs: 0.005 },
    { text: "2ABS", rel: 0, abs: 2 },
    { text: "1%+0.5abs", rel: 0.01, abs: 0.5 },
    { text: "0.5abs + 1%", rel: 0.01, abs: 0.5 },
    { text: "exact", rel: 0, abs: 0 },
    { text: "0", rel: 0, abs: 0 },
    { text: ".5%", rel: 0.005, abs: 0 },
  ] as const)("$text → rel $rel, abs $abs", ({ text, rel, abs }) => {
    const t = parseTolerance(text);
    expect(t.rel).toBeCloseTo(rel, 15);
    expect(t.abs).toBeCloseTo(abs, 15);
  });

  test("a number is a relative tolerance", () => expect(parseTolerance(0.02)).toEqual({ rel: 0.02, abs: 0 }));

  test.for(["", "-1%", "1 percent", "abs", "1%+2%", "0.1abs+0.2abs", "1%%", "x", "1,5%"])(
    "%j is rejected with the accepted forms",
    (text) => {
      expect(() => parseTolerance(text)).toThrow(/^invalid tolerance .*: expected N% or a fraction/);
    },
  );

  test("a negative number is rejected", () => expect(() => parseTolerance(-1)).toThrow("invalid tolerance -1"));

  test.for(["1%", "0.005abs", "1%+0.5abs", "exact", "0.0001%"])("formatTolerance round-trips %s", (text) => {
    expect(formatTolerance(parseTolerance(text))).toBe(text);
  });
});

describe("--tolerance arguments", () => {
  test("comma-separated entries and repeated flags all become rules, in order", () => {
    const rules = parseToleranceArgs(["au=0.005abs,cost.totalUsd=1%", "jobs.*.completionHours=2%"]);
    expect(rules.map((r) => [r.pattern, r.tolerance])).toEqual([
      ["au", { rel: 0, abs: 0.005 }],
      ["cost.totalUsd", { rel: 0.01, abs: 0 }],
      ["jobs.*.completionHours", { rel: 0.02, abs: 0 }],
    ]);
    expect(rules[0]!.from).toBe("--tolerance");
  });

  test.for([
    ["au", 'invalid --tolerance "au": expected METRIC=TOLERANCE'],
    ["=1%", 'invalid --tolerance "=1%"'],
    ["utilsation=1%", 'unknown metric "utilsation": did you mean "utilisation"?'],
    ["cost.dataWait=1%", 'unknown metric "cost.dataWait"'],
    ["au=lots", 'invalid tolerance "lots"'],
    ["jobs..au=1%", 'invalid metric path "jobs..au": empty segment'],
  ] as const)("%s is rejected: %s", ([arg, message]) => {
    expect(() => parseToleranceArgs([arg])).toThrow(message);
  });

  test.for([
    "*",
    "au",
    "jobs.*.au",
    "ttftMs.p99",
    "inference.*.loadSeconds.p50",
    "jobs.unet3d.au",
    'jobs["a.b"].au',
    "byCause.dataWait",
    "gpuHoursByCause.idle",
  ])("%s names metrics", (pattern) => expect(() => toleranceRule(pattern, "1%", "test")).not.toThrow());
});

describe("resolveTolerance", () => {
  const au = { segments: ["jobs", "unet3d", "au"], kind: "fraction" } as const;
  const rule = (p: string, t: string, from = "suite.yaml") => toleranceRule(p, t, from);

  test("without rules, the default of the metric's kind", () => {
    expect(resolveTolerance(au, [])).toEqual({ tolerance: DEFAULT_TOLERANCES.fraction, from: "default (fraction)" });
  });

  test("within a layer, the most specific pattern wins, then the later rule", () => {
    const layer = [rule("jobs.unet3d.au", "3%"), rule("*", "9%"), rule("au", "1%"), rule("jobs.*.au", "2%")];
    expect(resolveTolerance(au, [layer]).tolerance.rel).toBeCloseTo(0.03);
    expect(resolveTolerance(au, [[rule("au", "1%"), rule("au", "4%")]]).tolerance.rel).toBeCloseTo(0.04);
    expect(resolveTolerance(au, [[rule("jobs.*.au", "2%"), rule("unet3d.au", "5%")]]).tolerance.rel).toBeCloseTo(0.05);
  });

  test("a higher layer (the command line) overrides a lower one, even with a less specific pattern", () => {
    const file = [rule("jobs.unet3d.au", "3%")];
    const cli = [rule("au", "1%", "--tolerance")];
    expect(resolveTolerance(au, [file, [], cli])).toEqual({
      tolerance: { rel: 0.01, abs: 0 },
      from: "--tolerance: au",
    });
  });

  test("rules that do not match fall through to the default", () => {
    expect(resolveTolerance(au, [[rule("completionHours", "1%")]]).from).toBe("default (fraction)");
  });
});
