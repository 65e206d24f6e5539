/**
 * Search-space expansion: level syntax (one value, a list, a range), default levels per kind of preset, the IOPS a
 * throughput needs, designs made invalid by the preset's rules, GPU counts that keep the job's work, and input
 * errors with their path into `search`.
 */
import { describe, expect, test } from "vitest";
import { isScenarioError } from "../../../src/scenarios/errors.ts";
import { applyDesign } from "../../../src/studies/plan/design.ts";
import { expandSpace } from "../../../src/studies/plan/space.ts";
import type { ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { smallConfig, smallScenario } from "./small-scenario.ts";

const MiB = 2 ** 20;
const designs = (search: ScenarioSpec["search"]) => expandSpace(smallConfig({ search }));

function issues(f: () => unknown): { path: readonly (string | number)[]; message: string }[] {
  try {
    f();
  } catch (e) {
    if (isScenarioError(e)) return e.issues.map((i) => ({ path: i.path, message: i.message }));
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("levels", () => {
  test("a range { from, to, step } includes both ends", () => {
    const d = designs({
      storage: { data: { preset: "ebs-gp3", throughput: { from: "250MiB/s", to: "1000MiB/s", step: "300MiB/s" } } },
    });
    expect(d.map((c) => c.design.storage["data"]!.throughput! / MiB)).toEqual([250, 550, 850, 1000]);
  });

  test("one value and an unsorted list with a repeat give sorted, distinct levels", () => {
    expect(designs({ storage: { data: { preset: "ebs-gp3", throughput: "500MiB/s" } } })).toHaveLength(1);
    const d = designs({ storage: { data: { preset: "ebs-gp3", throughput: ["1000MiB/s", "250MiB/s", "250MiB/s"] } } });
    expect(d.map((c) => c.design.storage["data"]!.throughput! / MiB)).toEqual([250, 1000]);
  });

  test("throughput without IOPS buys the least IOPS it needs (gp3: 0.25 MiB/s per IOPS, at least 3,000)", () => {
    const d = designs({ storage: { data: { preset: "ebs-gp3", throughput: ["500MiB/s", "875MiB/s", "1000MiB/s"] } } });
    expect(d.map((c) => c.design.storage["data"]!.iops)).toEqual([3000, 3500, 4000]);
    expect(d.every((c) => c.invalid === undefined)).toBe(true);
  });

  test.for([
    ["ebs-gp3", 8, "data: ebs-gp3 125 MiB/s, 3,000 IOPS", "data: ebs-gp3 1,000 MiB/s, 4,000 IOPS"],
    ["ebs-io2", 8, "data: ebs-io2 2,000 IOPS", "data: ebs-io2 256,000 IOPS"],
    ["fsx-lustre", 4, "data: fsx-lustre 1.2 TiB", "data: fsx-lustre 9.6 TiB"],
    ["local-nvme", 1, "data: local-nvme", "data: local-nvme"],
  ] as const)("default levels of %s: %i designs from %s to %s", ([preset, n, first, last]) => {
    const d = designs({ storage: { data: { preset } } });
    expect(d).toHaveLength(n);
    expect(d[0]!.design.label).toBe(first);
    expect(d.at(-1)!.design.label).toBe(last);
  });

  test("without a search space, every binding's own preset is searched over its default levels", () => {
    const d = expandSpace(smallConfig());
    expect(d).toHaveLength(8);
    expect(new Set(d.map((c) => c.design.family)).size).toBe(1);
  });

  test("storage cost rises with provisioned throughput within a preset", () => {
    const costs = designs({ storage: { data: { preset: "ebs-gp3" } } }).map((c) => c.storageMonthlyUsd);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(new Set(costs).size).toBe(costs.length);
  });
});

describe("invalid designs", () => {
  test.for([
    [
      { throughput: "1200MiB/s" },
      "data: provisioning above the preset's maximum: throughput 1,200 MiB/s > 1,000 MiB/s of ebs-gp3",
    ],
    [{ iops: 20000 }, "data: provisioning above the preset's maximum: 20,000 IOPS > 16,000 of ebs-gp3"],
    [
      { throughput: "1000MiB/s", iops: 3000 },
      "data: throughput 1,000 MiB/s is more than the throughput-per-IOPS rule allows at these IOPS: 750 MiB/s on ebs-gp3",
    ],
    [{ throughput: "100MiB/s" }, "data: throughput 100 MiB/s is below the free baseline 125 MiB/s on ebs-gp3"],
    [
      { iops: 16000, capacity: "10GiB" },
      "data: 16,000 IOPS is more than the IOPS-per-GiB rule allows at this capacity: 5,000 IOPS on ebs-gp3",
    ],
  ] as const)("%j is invalid: %s", ([option, reason]) => {
    const [c] = designs({ storage: { data: { preset: "ebs-gp3", ...option } } });
    expect(c!.invalid).toBe(reason);
  });

  test("a Lustre capacity below its minimum is invalid", () => {
    const [c] = designs({ storage: { data: { preset: "fsx-lustre", capacity: "1TiB" } } });
    expect(c!.invalid).toBe("data: capacity 1 TiB is below the minimum capacity 1.2 TiB of fsx-lustre");
  });
});

describe("jobs", () => {
  test("a GPU count keeps the job's work: 300 steps on 8 GPUs become 150 on 16 and 75 on 32", () => {
    const d = designs({ storage: {}, jobs: { train: { gpus: [8, 16, 32] } } });
    expect(d.map((c) => [c.config.jobs[0]!.gpus, c.config.jobs[0]!.steps])).toEqual([
      [8, 300],
      [16, 150],
      [32, 75],
    ]);
    expect(new Set(d.map((c) => c.design.family)).size).toBe(3);
  });

  test("checkpoint interval and mode are categorical; cache is a performance level", () => {
    const spec = smallScenario({
      storage: { data: { preset: "ebs-gp3", capacity: "100GB" } },
      search: {
        jobs: {
          train: { cachePerNode: [0, "50GB"], checkpoint: { interval: ["30m", "young"], mode: ["sync", "async"] } },
        },
      },
    });
    spec.jobs[0]!.checkpoint = { storage: "data", size: "10GB" };
    const d = expandSpace(validateScenario(spec));
    expect(d).toHaveLength(8);
    expect(new Set(d.map((c) => c.design.family)).size).toBe(4);
    expect(d[5]!.design.label).toBe("train: cache 50 GB, async, every 30m");
    expect(d[5]!.config.jobs[0]!.checkpoint).toMatchObject({ interval: 1_800_000_000, mode: "async" });
  });

  test("applying a design keeps the scenario's crossZone and leaves out goal and search", () => {
    const base = smallConfig({ search: { storage: { data: { preset: "ebs-io2" } } } });
    const c = applyDesign(base, { storage: { data: { preset: "ebs-io2", iops: 1000 } }, jobs: {} });
    expect(c.storage["data"]).toEqual({ preset: "ebs-io2", crossZone: false, capacity: 100e9, iops: 1000 });
    expect("goal" in c || "search" in c).toBe(false);
  });
});

describe("input errors name the path into search", () => {
  test("an unknown binding, with a suggestion", () => {
    expect(issues(() => designs({ storage: { dta: { preset: "ebs-gp3" } } }))).toEqual([
      { path: ["search", "storage", "dta"], message: 'unknown storage binding "dta": did you mean "data"?' },
    ]);
  });

  test("an unknown job, and a checkpoint search on a job without checkpoints", () => {
    expect(issues(() => designs({ jobs: { trian: { gpus: 8 } } }))[0]!.path).toEqual(["search", "jobs", "trian"]);
    expect(issues(() => designs({ jobs: { train: { checkpoint: { mode: "async" } } } }))).toEqual([
      { path: ["search", "jobs", "train", "checkpoint"], message: 'job "train" has no checkpoint to search' },
    ]);
  });

  test("throughput levels for presets without provisioned performance", () => {
    expect(
      issues(() =>
        designs({ storage: { data: [{ preset: "ebs-gp3" }, { preset: "local-nvme", throughput: "1GB/s" }] } }),
      ),
    ).toEqual([
      {
        path: ["search", "storage", "data", 1, "throughput"],
        message:
          "throughput levels need a preset with provisioned performance (e.g. ebs-gp3, ebs-io2); local-nvme has none",
      },
    ]);
  });

  test.for([
    [
      { storage: { data: { preset: "ebs-gp3", throughput: ["1GB/s", "1 GX/s"] } } },
      ["search", "storage", "data", "throughput", 1],
    ],
    [{ storage: { data: { preset: "ebs-gp2" } } }, ["search", "storage", "data", "preset"]],
    [
      { storage: { data: { preset: "ebs-gp3", throughput: { from: "1GB/s", to: "2GB/s" } } } },
      ["search", "storage", "data", "throughput", "step"],
    ],
    [
      { storage: { data: { preset: "ebs-gp3", throughput: { from: "2GB/s", to: "1GB/s", step: "1MB/s" } } } },
      ["search", "storage", "data", "throughput", "to"],
    ],
    [
      { jobs: { train: { checkpoint: { interval: ["young", "sometimes"] } } } },
      ["search", "jobs", "train", "checkpoint", "interval", 1],
    ],
    [{ strategy: "greedy" }, ["search", "strategy"]],
    [{ storage: { data: { preset: "ebs-gp3", iopz: 3000 } } }, ["search", "storage", "data", "iopz"]],
  ] as const)("schema: %j → an issue at %j", ([search, path]) => {
    const e = issues(() => validateScenario(smallScenario({ search: search as never })));
    expect(e.map((i) => i.path)).toContainEqual(path);
  });
});
