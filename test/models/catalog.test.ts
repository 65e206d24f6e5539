import { describe, expect, test } from "vitest";
import { NODE_TYPES, nodeTypeByName } from "../../src/models/cluster/node-types.ts";
import { GPUS, gpuByName } from "../../src/models/gpu/catalog.ts";

const AS_OF = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const isFinitePositive = (x: number) => Number.isFinite(x) && x > 0;

describe("GPU catalog", () => {
  test.for([
    {
      name: "h100-sxm",
      memory: 80e9,
      bandwidth: 3.35e12,
      bf16: 989e12,
      hostLink: 64e9,
      usd: 4.0,
      capex: 30_000,
      mig: 7,
    },
    {
      name: "h100-pcie",
      memory: 80e9,
      bandwidth: 2.0e12,
      bf16: 756e12,
      hostLink: 64e9,
      usd: 2.49,
      capex: 25_000,
      mig: 7,
    },
    { name: "h200", memory: 141e9, bandwidth: 4.8e12, bf16: 989e12, hostLink: 64e9, usd: 5.0, capex: 37_500, mig: 7 },
    {
      name: "a100-80gb",
      memory: 80e9,
      bandwidth: 2.0e12,
      bf16: 312e12,
      hostLink: 32e9,
      usd: 1.8,
      capex: 11_500,
      mig: 7,
    },
    {
      name: "a100-40gb",
      memory: 40e9,
      bandwidth: 1.555e12,
      bf16: 312e12,
      hostLink: 32e9,
      usd: 1.844,
      capex: 8_000,
      mig: 7,
    },
    { name: "l40s", memory: 48e9, bandwidth: 864e9, bf16: 362e12, hostLink: 32e9, usd: 1.35, capex: 8_500, mig: 0 },
    { name: "l4", memory: 24e9, bandwidth: 300e9, bf16: 121e12, hostLink: 32e9, usd: 0.7, capex: 2_750, mig: 0 },
  ] as const)(
    "$name: $memory B, $bandwidth B/s, $bf16 FLOP/s, $usd USD/h, capex $capex, MIG $mig",
    ({ name, memory, bandwidth, bf16, hostLink, usd, capex, mig }) => {
      expect(gpuByName(name)).toMatchObject({
        name,
        memoryBytes: memory,
        memoryBytesPerSecond: bandwidth,
        bf16Flops: bf16,
        hostLinkBytesPerSecond: hostLink,
        usdPerHour: usd,
        capexUsd: capex,
        migMaxInstances: mig,
      });
    },
  );

  test("an unknown GPU throws RangeError naming it", () => {
    expect(() => gpuByName("b200")).toThrowErrorMatchingInlineSnapshot(`[RangeError: unknown gpu: b200]`);
  });

  test("names are unique and kebab-case", () => {
    const names = GPUS.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test.for(GPUS.map((g) => ({ name: g.name, g })))(
    "$name has positive finite numbers, a dated price and sources",
    ({ g }) => {
      for (const v of [
        g.memoryBytes,
        g.memoryBytesPerSecond,
        g.bf16Flops,
        g.hostLinkBytesPerSecond,
        g.usdPerHour,
        g.capexUsd,
      ])
        expect(isFinitePositive(v)).toBe(true);
      expect(Number.isInteger(g.migMaxInstances) && g.migMaxInstances >= 0 && g.migMaxInstances <= 7).toBe(true);
      expect(g.priceAsOf).toMatch(AS_OF);
      expect(g.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of g.sources) expect(s.ref.trim()).not.toBe("");
    },
  );
});

describe("node-type catalog", () => {
  test.for([
    { name: "p5.48xlarge", gpu: "h100-sxm", remoteDisk: 10e9, ram: 2_048 * 2 ** 30, nvme: 30.72e12, usd: 55.04 },
    { name: "p5en.48xlarge", gpu: "h200", remoteDisk: 12.5e9, ram: 2_048 * 2 ** 30, nvme: 30.72e12, usd: 63.296 },
    { name: "p4d.24xlarge", gpu: "a100-40gb", remoteDisk: 2.375e9, ram: 1_152 * 2 ** 30, nvme: 8e12, usd: 14.75 },
    {
      name: "nd96isr-h100-v5",
      gpu: "h100-sxm",
      remoteDisk: 612e6,
      ram: 1_900 * 2 ** 30,
      nvme: 28 * 2 ** 40,
      usd: 98.32,
    },
    { name: "a3-highgpu-8g", gpu: "h100-sxm", remoteDisk: Infinity, ram: 1_872e9, nvme: 6_000 * 2 ** 30, usd: 88 },
    {
      name: "dgx-h100",
      gpu: "h100-sxm",
      remoteDisk: Infinity,
      ram: 2_048 * 2 ** 30,
      nvme: 30.72e12,
      usd: 240_000 / 35_040,
    },
  ] as const)(
    "$name: 8 × $gpu, remote-disk cap $remoteDisk B/s, $usd USD/h",
    ({ name, gpu, remoteDisk, ram, nvme, usd }) => {
      const n = nodeTypeByName(name);
      expect(n).toMatchObject({ gpu, gpusPerNode: 8, remoteDiskBytesPerSecond: remoteDisk, hostMemoryBytes: ram });
      expect(n.localNvmeBytes).toBeCloseTo(nvme, 0);
      expect(n.usdPerHour).toBeCloseTo(usd, 10);
    },
  );

  test.for([
    { name: "nd96isr-h100-v5", nic: 10e9 },
    { name: "p5.48xlarge", nic: 43.4 * 2 ** 30 },
    { name: "dgx-h100", nic: 43.4 * 2 ** 30 },
    { name: "p4d.24xlarge", nic: (43.4 * 2 ** 30) / 4 },
  ] as const)("$name reaches storage at $nic B/s", ({ name, nic }) => {
    expect(nodeTypeByName(name).storageNicBytesPerSecond).toBeCloseTo(nic, 0);
  });

  test("an unknown node type throws RangeError naming it", () => {
    expect(() => nodeTypeByName("p6.48xlarge")).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unknown node type: p6.48xlarge]`,
    );
  });

  test("names are unique and lower-case", () => {
    const names = NODE_TYPES.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+([.-][a-z0-9]+)*$/);
  });

  test.for(NODE_TYPES.map((n) => ({ name: n.name, n })))(
    "$name uses a catalog GPU and has positive numbers, a dated price and sources",
    ({ n }) => {
      expect(() => gpuByName(n.gpu)).not.toThrow();
      expect(Number.isInteger(n.gpusPerNode) && n.gpusPerNode > 0).toBe(true);
      for (const v of [n.storageNicBytesPerSecond, n.hostMemoryBytes, n.usdPerHour])
        expect(isFinitePositive(v)).toBe(true);
      expect(Number.isFinite(n.localNvmeBytes) && n.localNvmeBytes >= 0).toBe(true);
      expect(n.remoteDiskBytesPerSecond > 0).toBe(true);
      expect(n.priceAsOf).toMatch(AS_OF);
      expect(n.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of n.sources) expect(s.ref.trim()).not.toBe("");
    },
  );
});
