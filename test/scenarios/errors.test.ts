/**
 * Scenario errors: path formatting, issue lists, the Zod bridge, messages, codes and serialisation.
 */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  formatIssue,
  formatIssues,
  formatPath,
  fromZodError,
  isScenarioError,
  ScenarioError,
  scenarioError,
} from "../../src/scenarios/errors.ts";
import { zBytes } from "../../src/scenarios/schema/units.ts";

describe("formatPath", () => {
  test.for([
    { path: [], want: "" },
    { path: ["jobs"], want: "jobs" },
    { path: ["jobs", 0, "dataset", "sampleSize"], want: "jobs[0].dataset.sampleSize" },
    { path: [0, "name"], want: "[0].name" },
    { path: ["storage", "fsx-lustre", "rate"], want: 'storage["fsx-lustre"].rate' },
    { path: ["labels", "a b", 3], want: 'labels["a b"][3]' },
  ] as const)("formatPath($path) is $want", ({ path, want }) => {
    expect(formatPath(path)).toBe(want);
  });
});

describe("formatIssues", () => {
  test("writes one `path: message` line per issue, or the message alone at the root", () => {
    const text = formatIssues([
      {
        code: "custom",
        path: ["jobs", 0, "dataset", "sampleSize"],
        message: 'invalid size "40 GX": unknown unit "GX"',
      },
      { code: "syntax_error", path: [], message: "scenario.yaml:3:5: bad indentation" },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "jobs[0].dataset.sampleSize: invalid size "40 GX": unknown unit "GX"
      scenario.yaml:3:5: bad indentation"
    `);
    expect(formatIssue({ code: "x", path: [], message: "m" })).toBe("m");
  });
});

describe("ScenarioError", () => {
  test("carries a stable code, the issues and the source, and is recognised by isScenarioError", () => {
    const e = scenarioError("SCN_ERR_NOT_FOUND", { code: "unknown_name", path: ["storage"], message: "unknown x" });
    expect(e).toBeInstanceOf(Error);
    expect(isScenarioError(e)).toBe(true);
    expect(isScenarioError(new Error("x"))).toBe(false);
    expect(isScenarioError({ code: "SCN_ERR_INVALID", issues: [] })).toBe(false);
    expect([e.name, e.code, e.issues, e.source]).toMatchInlineSnapshot(`
      [
        "ScenarioError",
        "SCN_ERR_NOT_FOUND",
        [
          {
            "code": "unknown_name",
            "message": "unknown x",
            "path": [
              "storage",
            ],
          },
        ],
        undefined,
      ]
    `);
  });

  test("the message is the issue for one issue, a count and indented lines for several", () => {
    const one = [{ code: "custom", path: ["a"], message: "bad a" }];
    const two = [...one, { code: "custom", path: ["b", 1], message: "bad b" }];
    expect(new ScenarioError("SCN_ERR_INVALID", one).message).toMatchInlineSnapshot(`"a: bad a"`);
    expect(new ScenarioError("SCN_ERR_INVALID", two, { source: "s.yaml" }).message).toMatchInlineSnapshot(`
      "s.yaml: 2 issues:
        a: bad a
        b[1]: bad b"
    `);
    expect(new ScenarioError("SCN_ERR_INVALID", []).message).toMatchInlineSnapshot(`"invalid scenario"`);
  });

  test("parse errors are not prefixed with the source, since their issues carry source:line:column", () => {
    const e = scenarioError(
      "SCN_ERR_PARSE",
      { code: "syntax_error", message: "s.yaml:1:2: oops" },
      { source: "s.yaml" },
    );
    expect(e.message).toBe("s.yaml:1:2: oops");
    expect(e.source).toBe("s.yaml");
  });

  test("JSON.stringify gives code, message and issues", () => {
    const e = scenarioError("SCN_ERR_INVALID", { code: "custom", path: ["a"], message: "bad" });
    expect(JSON.parse(JSON.stringify(e))).toMatchInlineSnapshot(`
      {
        "code": "SCN_ERR_INVALID",
        "issues": [
          {
            "code": "custom",
            "message": "bad",
            "path": [
              "a",
            ],
          },
        ],
        "message": "a: bad",
      }
    `);
  });
});

describe("fromZodError", () => {
  const Scenario = z.strictObject({
    name: z.string(),
    jobs: z.array(z.strictObject({ gpus: z.number().int().positive(), dataset: z.object({ sampleSize: zBytes }) })),
  });

  test("maps every Zod issue to {code, path, message} with lower-case messages and the source", () => {
    const r = Scenario.safeParse({ jobs: [{ gpus: 0, dataset: { sampleSize: "40 GX" } }] });
    if (r.success) throw new Error("expected failure");
    const e = fromZodError(r.error, { source: "scenario.yaml" });
    expect(e.code).toBe("SCN_ERR_INVALID");
    expect(e.cause).toBe(r.error);
    expect(e.issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "required (expected string)",
          "path": [
            "name",
          ],
        },
        {
          "code": "too_small",
          "message": "too small: expected number to be >0",
          "path": [
            "jobs",
            0,
            "gpus",
          ],
        },
        {
          "code": "custom",
          "message": "invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)",
          "path": [
            "jobs",
            0,
            "dataset",
            "sampleSize",
          ],
        },
      ]
    `);
    expect(e.message).toMatchInlineSnapshot(`
      "scenario.yaml: 3 issues:
        name: required (expected string)
        jobs[0].gpus: too small: expected number to be >0
        jobs[0].dataset.sampleSize: invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)"
    `);
  });

  test("splits unrecognised keys into one issue per key, with the key in the path", () => {
    const r = Scenario.safeParse({ name: "x", jobs: [], nmae: "y", extra: 1 });
    if (r.success) throw new Error("expected failure");
    expect(formatIssues(fromZodError(r.error).issues)).toMatchInlineSnapshot(`
      "nmae: unknown key
      extra: unknown key"
    `);
  });
});
