/**
 * Every limit of every storage preset cites its source (issue 13, defect 4: io2 at 500 IOPS moved 4,000 MiB/s
 * because its throughput-per-IOPS rule was Infinity with no source). A limit is every number of the profile that
 * bounds or prices what the simulation does: latencies and per-stream rates, volume and aggregate ceilings, the
 * scaling rules, prices, lifecycle timings, the replication factor and a node cache. Each must be named by a
 * source's `fields`; an Infinity (no such limit) by a source that says so in words ("Infinity").
 */
import { describe, expect, test } from "vitest";
import type { Source } from "../../../src/models/source.ts";
import { STORAGE_PRESETS } from "../../../src/models/storage/presets/index.ts";
import type { StorageProfile } from "../../../src/models/storage/profile.ts";

/** The limit fields of a profile as dotted paths with their values. */
export function limitFields(p: StorageProfile): [string, number][] {
  const out: [string, number][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === "number") out.push([prefix, v]);
    else if (Array.isArray(v))
      out.push([prefix, Math.max(...v.map((t) => Number((t as { usdPerIopsMonth: number }).usdPerIopsMonth)))]);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) if (k !== "curves") walk(prefix === "" ? k : `${prefix}.${k}`, x);
  };
  for (const key of ["latency", "volume", "aggregate", "scaling", "price", "timings"] as const) walk(key, p[key]);
  out.push(["replicationFactor", p.replicationFactor]);
  if (p.nodeCacheBytes !== undefined) out.push(["nodeCacheBytes", p.nodeCacheBytes]);
  return out;
}

const matches = (pattern: string, path: string): boolean => {
  const a = pattern.split(".");
  const b = path.split(".");
  return a.length === b.length && a.every((x, i) => x === "*" || x === b[i]);
};

const citing = (sources: readonly Source[], path: string): Source[] =>
  sources.filter((s) => (s.fields ?? []).some((f) => matches(f, path)));

describe("preset citations", () => {
  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))("$name: every limit names its source", ({ p }) => {
    const uncited = limitFields(p)
      .filter(([path]) => citing(p.sources, path).length === 0)
      .map(([path]) => path);
    expect(uncited).toEqual([]);
  });

  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))(
    "$name: every Infinity is explained as such by its source",
    ({ p }) => {
      const unexplained = limitFields(p)
        .filter(([path, v]) => v === Infinity && !citing(p.sources, path).some((s) => /Infinity/.test(s.what)))
        .map(([path]) => path);
      expect(unexplained).toEqual([]);
    },
  );

  test("every pattern of every source names a real field", () => {
    for (const p of STORAGE_PRESETS) {
      const paths = limitFields(p).map(([path]) => path);
      for (const s of p.sources)
        for (const f of s.fields ?? [])
          expect(
            paths.some((x) => matches(f, x)),
            `${p.name}: ${f}`,
          ).toBe(true);
    }
  });
});

describe("io2 throughput follows its IOPS (issue 13, defect 4)", () => {
  test.for([
    { iops: 500, mibps: 128 },
    { iops: 1_000, mibps: 256 },
    { iops: 16_000, mibps: 4_000 },
    { iops: 64_000, mibps: 4_000 },
  ])("$iops IOPS move at most $mibps MiB/s, with no adjustment to report", async ({ iops, mibps }) => {
    const { provisionedPerformance } = await import("../../../src/models/cost/storage-cost.ts");
    const { EBS_IO2 } = await import("../../../src/models/storage/presets/ebs-io2.ts");
    const p = provisionedPerformance(EBS_IO2, 1e12, { iops });
    expect(p.bytesPerSecond / 2 ** 20).toBeCloseTo(mibps, 9);
    expect(p.adjustments).toEqual([]);
  });

  test("io2 IOPS are priced tier by tier: 0.065 to 32k, 0.046 to 64k, 0.032 above", async () => {
    const { storageMonthlyUsd } = await import("../../../src/models/cost/storage-cost.ts");
    const { EBS_IO2 } = await import("../../../src/models/storage/presets/ebs-io2.ts");
    const usd = (iops: number) =>
      storageMonthlyUsd(EBS_IO2, { capacityBytes: 0, volumes: 1, iops, bytesPerSecond: 0 }).iopsUsd;
    expect(usd(500)).toBeCloseTo(500 * 0.065, 9);
    expect(usd(40_000)).toBeCloseTo(32_000 * 0.065 + 8_000 * 0.046, 9);
    expect(usd(256_000)).toBeCloseTo(32_000 * 0.065 + 32_000 * 0.046 + 192_000 * 0.032, 9);
  });
});
