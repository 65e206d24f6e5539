/**
 * Setting a value at a path copies what lies on the path and shares the rest, keeps key order, and creates
 * missing objects on the way.
 */
import { describe, expect, test } from "vitest";
import type { PlainValue } from "../../../src/scenarios/parse-text.ts";
import { setPath } from "../../../src/studies/sweep/set-path.ts";

const doc = (): PlainValue => ({
  name: "s",
  storage: { data: { preset: "ebs-gp3" } },
  jobs: [{ name: "a", data: { workers: 4 } }, { name: "b" }],
});

describe("setPath", () => {
  test.for([
    { path: ["name"], value: "t", want: { name: "t" } },
    { path: ["storage", "data", "preset"], value: "local-nvme", want: { storage: { data: { preset: "local-nvme" } } } },
    {
      path: ["storage", "data", "throughput"],
      value: "500MB/s",
      want: { storage: { data: { preset: "ebs-gp3", throughput: "500MB/s" } } },
    },
    {
      path: ["jobs", 0, "data", "workers"],
      value: 8,
      want: { jobs: [{ name: "a", data: { workers: 8 } }, { name: "b" }] },
    },
    {
      path: ["jobs", 1, "failures", "gpuMtbf"],
      value: "1000h",
      want: {
        jobs: [
          { name: "a", data: { workers: 4 } },
          { name: "b", failures: { gpuMtbf: "1000h" } },
        ],
      },
    },
    {
      path: ["jobs", 0, "data"],
      value: { steps: 5 },
      want: { jobs: [{ name: "a", data: { steps: 5 } }, { name: "b" }] },
    },
  ] as const)("sets $path", ({ path, value, want }) => {
    const before = doc();
    const frozen = JSON.stringify(before);
    const after = setPath(before, path, value as PlainValue);
    expect(after).toMatchObject(want);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  test("keys keep their place and untouched branches are shared", () => {
    const before = doc() as { jobs: PlainValue[]; storage: PlainValue };
    const after = setPath(before, ["jobs", 0, "name"], "z") as typeof before;
    expect(Object.keys(after)).toEqual(["name", "storage", "jobs"]);
    expect(after.storage).toBe(before.storage);
    expect(after.jobs[1]).toBe(before.jobs[1]);
    expect(after.jobs[0]).not.toBe(before.jobs[0]);
  });

  test("a scalar on the path becomes an object", () => {
    expect(setPath({ interval: "1h" }, ["interval", "steps"], 100)).toEqual({ interval: { steps: 100 } });
  });

  test("__proto__ is set as an own key, not the prototype", () => {
    const after = setPath({}, ["__proto__"], { polluted: true }) as Record<string, unknown>;
    expect(Object.hasOwn(after, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.for([
    { path: ["jobs", 5, "name"], message: "cannot set jobs[5].name: jobs[5] does not exist" },
    { path: ["jobs", "x"], message: "cannot set jobs.x: jobs is a list" },
  ] as const)("$path is an error", ({ path, message }) => {
    expect(() => setPath(doc(), path, 1)).toThrow(message);
  });
});
