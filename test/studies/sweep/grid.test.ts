/**
 * The grid: parameters parsed against the document, the cartesian product in row-major order (the last
 * `--param` varies fastest), and the checks that make a set of parameters a grid.
 */
import { describe, expect, test } from "vitest";
import type { PlainValue } from "../../../src/scenarios/parse-text.ts";
import {
  checkGrid,
  gridSize,
  gridValues,
  MAX_POINTS,
  parseParam,
  pointParams,
  type SweepParam,
} from "../../../src/studies/sweep/grid.ts";

const DOC: PlainValue = {
  name: "s",
  storage: { data: { preset: "ebs-gp3" }, "a=b": { preset: "ebs-gp3" } },
  jobs: [{ name: "j", data: { storage: "data" } }],
};

const param = (label: string, values: PlainValue[], path: (string | number)[] = [label]): SweepParam => ({
  text: `${label}=…`,
  path,
  label,
  values,
});

describe("the cartesian product", () => {
  const a = param("a", [1, 2]);
  const b = param("b", ["x", "y", "z"]);

  test("has the product of the value counts as its size", () => {
    expect(gridSize([a, b])).toBe(6);
    expect(gridSize([a])).toBe(2);
  });

  test.for([
    { index: 0, want: [1, "x"] },
    { index: 1, want: [1, "y"] },
    { index: 2, want: [1, "z"] },
    { index: 3, want: [2, "x"] },
    { index: 5, want: [2, "z"] },
  ] as const)("point $index is $want (the last parameter varies fastest)", ({ index, want }) => {
    expect(gridValues([a, b], index)).toEqual(want);
  });

  test("pointParams keys the values by label, in parameter order", () => {
    const p = pointParams([b, a], 4);
    expect(p).toEqual({ b: "z", a: 1 });
    expect(Object.keys(p)).toEqual(["b", "a"]);
  });

  test("every combination appears once", () => {
    const c = param("c", [true, false]);
    const seen = new Set(Array.from({ length: 12 }, (_, i) => JSON.stringify(gridValues([a, b, c], i))));
    expect(seen.size).toBe(12);
    expect(() => gridValues([a, b, c], 12)).toThrow("invalid point index: 12");
  });
});

describe("parseParam", () => {
  test("splits at the first = outside brackets and quotes, and canonicalises the path", () => {
    const p = parseParam('storage["a=b"].preset=ebs-gp3,local-nvme', DOC);
    expect(p.label).toBe('storage["a=b"].preset');
    expect(p.path).toEqual(["storage", "a=b", "preset"]);
    expect(p.values).toEqual(["ebs-gp3", "local-nvme"]);
    expect(parseParam("jobs.0.data.workers=4,8", DOC).label).toBe("jobs[0].data.workers");
  });

  test.for([
    { text: "jobs[0].data.workers", message: "invalid --param jobs[0].data.workers: expected PATH=V1,V2,..." },
    {
      text: "jobs[0].data.wrkers=1",
      message:
        'invalid --param jobs[0].data.wrkers=1: jobs[0].data.wrkers: unknown field "wrkers": did you mean "workers"?',
    },
    { text: "jobs[0].data.workers=", message: "invalid --param jobs[0].data.workers=: empty value" },
  ] as const)("$text is rejected", ({ text, message }) => {
    expect(() => parseParam(text, DOC)).toThrow(message);
  });
});

describe("checkGrid", () => {
  test("needs a parameter", () => {
    expect(() => checkGrid([])).toThrow("a sweep needs at least one --param PATH=V1,V2,...");
  });

  test("rejects a path given twice, also in another spelling", () => {
    const p1 = parseParam("jobs[0].data.workers=1", DOC);
    const p2 = parseParam("jobs.0.data.workers=2", DOC);
    expect(() => checkGrid([p1, p2])).toThrow("--param jobs[0].data.workers is given twice");
  });

  test("rejects a path inside another", () => {
    const outer = parseParam("jobs[0].data={storage: data}", DOC);
    const inner = parseParam("jobs[0].data.workers=2", DOC);
    expect(() => checkGrid([inner, outer])).toThrow("--param jobs[0].data.workers and --param jobs[0].data overlap");
  });

  test(`rejects more than ${MAX_POINTS} points`, () => {
    const big = (l: string) =>
      param(
        l,
        Array.from({ length: 1001 }, (_, i) => i),
      );
    expect(() => checkGrid([big("a"), big("b")])).toThrow("the grid has 1002001 points; the limit is 1000000");
  });
});
