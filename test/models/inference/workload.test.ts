/**
 * What the serving engine checks before it runs, and the instance pool: slots per GPU, shares and labels.
 */
import { describe, expect, test } from "vitest";
import { gpuByName } from "../../../src/models/gpu/catalog.ts";
import { validateMigLayout } from "../../../src/models/gpu/mig/layout.ts";
import { buildPool } from "../../../src/models/inference/instance-pool.ts";
import { checkWorkload } from "../../../src/models/inference/workload.ts";
import { makeWorkload } from "../../helpers/inference.ts";

describe("checkWorkload", () => {
  test.for([
    [
      { replicas: { min: 2, max: 1, initial: 1 } },
      "invalid replicas for serve: min 2, initial 1, max 1 with 1 instance slots",
    ],
    [
      { replicas: { min: 0, max: 2, initial: 0 } },
      "invalid replicas for serve: min 0, initial 0, max 2 with 1 instance slots",
    ],
    [{ concurrency: 0 }, "invalid concurrency for serve: 0"],
    [{ autoscaling: { targetConcurrency: 0, scaleDownDelayUs: 1 } }, "invalid target concurrency for serve: 0"],
    [{ loader: { streams: 0, requestBytes: 1, pageCache: false } }, "invalid loader for serve: 0 streams of 1 bytes"],
    [{ hostLinkBytesPerSecond: Infinity }, "invalid host link for serve: Infinity B/s"],
    [{ model: { name: "big", bytes: 100e9 } }, "model big (100 GB) does not fit a gpu (80 GB) of serve"],
  ] as const)("%o: %s", ([override, message]) => {
    expect(() => checkWorkload(makeWorkload(override as never))).toThrow(message);
  });

  test("a model that does not fit a MIG instance names the profile", () => {
    expect(() => checkWorkload(makeWorkload({ model: { name: "m", bytes: 16.1e9 } }, { mig: ["1g.10gb"] }))).toThrow(
      "model m (16.1 GB) does not fit 1g.10gb (10 GB) of serve",
    );
  });
});

describe("buildPool", () => {
  const h100 = gpuByName("h100-sxm");
  test("a MIG layout repeats on every GPU; slots carry their node, GPU, shares and memory", () => {
    const layout = validateMigLayout("h100-sxm", ["4g.40gb", "3g.40gb"]);
    const p = buildPool({ gpu: h100, nodes: 2, gpusPerNode: 2, layout, firstNode: 5 });
    expect(p.gpus).toBe(4);
    expect(p.slots).toHaveLength(8);
    expect(p.slots[7]).toEqual({
      node: 6,
      gpu: 3,
      label: "node 6 gpu 1 3g.40gb #1",
      profile: "3g.40gb",
      computeSlices: 3,
      computeShare: 3 / 7,
      memoryShare: 0.5,
      memoryBytes: 40e9,
    });
  });
  test("whole GPUs are one slot each with all 7 slices", () => {
    const p = buildPool({ gpu: h100, nodes: 1, gpusPerNode: 3 });
    expect(p.slots.map((s) => [s.label, s.computeSlices, s.computeShare])).toEqual([
      ["node 0 gpu 0", 7, 1],
      ["node 0 gpu 1", 7, 1],
      ["node 0 gpu 2", 7, 1],
    ]);
  });
  test("bad counts and a layout of another GPU throw", () => {
    expect(() => buildPool({ gpu: h100, nodes: 0, gpusPerNode: 1 })).toThrow("invalid node count: 0");
    expect(() => buildPool({ gpu: h100, nodes: 1, gpusPerNode: 1.5 })).toThrow("invalid gpus per node: 1.5");
    const h200 = validateMigLayout("h200", ["7g.141gb"]);
    expect(() => buildPool({ gpu: h100, nodes: 1, gpusPerNode: 1, layout: h200 })).toThrow(
      "mig layout for h200 used on h100-sxm",
    );
  });
});
