import { describe, expect, test } from "vitest";
import type { StorageProfile } from "../../src/models/storage/profile.ts";
import { STORAGE_PRESETS, storagePresetByName } from "../../src/models/storage/presets/index.ts";
import { GB, GiB, Gbps, KB, KiB, MB, MiB, TB, TiB } from "../../src/models/storage/presets/units.ts";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const AS_OF = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A ceiling: positive, Infinity allowed. */
const isCeiling = (x: number) => x > 0 && !Number.isNaN(x);
/** A finite non-negative quantity. */
const isFiniteNonNegative = (x: number) => Number.isFinite(x) && x >= 0;

describe("units", () => {
  test.for([
    { name: "KiB", value: KiB, want: 1_024 },
    { name: "MiB", value: MiB, want: 1_048_576 },
    { name: "GiB", value: GiB, want: 1_073_741_824 },
    { name: "TiB", value: TiB, want: 1_099_511_627_776 },
    { name: "KB", value: KB, want: 1_000 },
    { name: "MB", value: MB, want: 1_000_000 },
    { name: "GB", value: GB, want: 1_000_000_000 },
    { name: "TB", value: TB, want: 1_000_000_000_000 },
    { name: "Gbps", value: Gbps, want: 125_000_000 },
  ] as const)("$name is $want bytes", ({ value, want }) => {
    expect(value).toBe(want);
  });
});

describe("storage preset key numbers", () => {
  test.for([
    {
      name: "ebs-gp3",
      readBps: 131_072_000,
      writeBps: 131_072_000,
      readIops: 3_000,
      writeIops: 3_000,
      latencyUs: 1_000,
    },
    {
      name: "ebs-io2",
      readBps: 4_194_304_000,
      writeBps: 4_194_304_000,
      readIops: 256_000,
      writeIops: 256_000,
      latencyUs: 500,
    },
    {
      name: "azure-premium-ssd-v2",
      readBps: 125e6,
      writeBps: 125e6,
      readIops: 3_000,
      writeIops: 3_000,
      latencyUs: 500,
    },
    {
      name: "gcp-hyperdisk-balanced",
      readBps: 146_800_640,
      writeBps: 146_800_640,
      readIops: 3_000,
      writeIops: 3_000,
      latencyUs: 500,
    },
    {
      name: "gcp-hyperdisk-ml",
      readBps: 2_516_582_400,
      writeBps: 2_516_582_400,
      readIops: 38_400,
      writeIops: 38_400,
      latencyUs: 1_000,
    },
    {
      name: "ephemeral-os-disk",
      readBps: 6.5e9,
      writeBps: 3.5e9,
      readIops: 1_000_000,
      writeIops: 200_000,
      latencyUs: 80,
    },
    { name: "local-nvme", readBps: 25e9, writeBps: 12e9, readIops: 8_000_000, writeIops: 1_600_000, latencyUs: 80 },
    {
      name: "azure-container-storage-v2",
      readBps: 25e9,
      writeBps: 12e9,
      readIops: 8_000_000,
      writeIops: 1_600_000,
      latencyUs: 80,
    },
    {
      name: "azure-container-storage-v1",
      readBps: 25e9,
      writeBps: 12e9,
      readIops: 1_142_857,
      writeIops: 228_571,
      latencyUs: 320,
    },
    {
      name: "replicated-cns",
      readBps: 25e9,
      writeBps: 6.25e9,
      readIops: 8_000_000,
      writeIops: 1_525_878,
      latencyUs: 80,
    },
  ] as const)(
    "$name: volume read $readBps B/s / $readIops IOPS, write $writeBps B/s / $writeIops IOPS, read latency $latencyUs µs",
    ({ name, readBps, writeBps, readIops, writeIops, latencyUs }) => {
      const p = storagePresetByName(name);
      expect(p.volume.read.bytesPerSecond).toBe(readBps);
      expect(p.volume.write.bytesPerSecond).toBe(writeBps);
      expect(p.volume.read.iops).toBe(readIops);
      expect(p.volume.write.iops).toBe(writeIops);
      expect(p.latency.read.baseLatencyUs).toBe(latencyUs);
    },
  );

  test.for([
    { name: "nfs-share", readBps: 20 * 2 ** 30, writeBps: 2 ** 30, readIops: 250_000, writeIops: 50_000 },
    { name: "fsx-lustre", readBps: 9.6e9, writeBps: 9.6e9, readIops: Infinity, writeIops: Infinity },
    { name: "azure-managed-lustre", readBps: 4e9, writeBps: 4e9, readIops: Infinity, writeIops: Infinity },
    { name: "object-store-cache", readBps: Infinity, writeBps: Infinity, readIops: 5_500, writeIops: 3_500 },
  ] as const)(
    "$name: shared backend with aggregate read $readBps B/s, write $writeBps B/s and no per-volume cap",
    ({ name, readBps, writeBps, readIops, writeIops }) => {
      const p = storagePresetByName(name);
      expect(p.aggregate.read.bytesPerSecond).toBeCloseTo(readBps, 0);
      expect(p.aggregate.write.bytesPerSecond).toBeCloseTo(writeBps, 0);
      expect(p.aggregate.read.iops).toBe(readIops);
      expect(p.aggregate.write.iops).toBe(writeIops);
      expect(p.volume.read.bytesPerSecond).toBe(Infinity);
      expect(p.volume.write.bytesPerSecond).toBe(Infinity);
    },
  );

  test.for([
    { name: "ebs-gp3", baselineIops: 3_000, baselineBps: 131_072_000, maxIops: 16_000, maxBps: 1_048_576_000 },
    { name: "ebs-io2", baselineIops: 0, baselineBps: 0, maxIops: 256_000, maxBps: 4_194_304_000 },
    { name: "azure-premium-ssd-v2", baselineIops: 3_000, baselineBps: 125e6, maxIops: 80_000, maxBps: 2e9 },
    {
      name: "gcp-hyperdisk-balanced",
      baselineIops: 3_000,
      baselineBps: 146_800_640,
      maxIops: 160_000,
      maxBps: 2_516_582_400,
    },
    {
      name: "gcp-hyperdisk-ml",
      baselineIops: 6_400,
      baselineBps: 419_430_400,
      maxIops: 19_200_000,
      maxBps: 1_258_291_200_000,
    },
  ] as const)(
    "$name scales from $baselineIops IOPS / $baselineBps B/s up to $maxIops IOPS / $maxBps B/s",
    ({ name, baselineIops, baselineBps, maxIops, maxBps }) => {
      const s = storagePresetByName(name).scaling;
      expect(s).toMatchObject({
        kind: "provisioned",
        baselineIops,
        baselineBytesPerSecond: baselineBps,
        maxIops,
        maxBytesPerSecond: maxBps,
      });
    },
  );

  test.for([
    { name: "fsx-lustre", perTiB: 1_000e6, minCapacity: 1.2 * 2 ** 40 },
    { name: "azure-managed-lustre", perTiB: 500e6, minCapacity: 4 * 2 ** 40 },
  ] as const)("$name scales at $perTiB B/s per TiB", ({ name, perTiB, minCapacity }) => {
    expect(storagePresetByName(name).scaling).toEqual({
      kind: "per-capacity",
      readBytesPerSecondPerTiB: perTiB,
      writeBytesPerSecondPerTiB: perTiB,
      minCapacityBytes: minCapacity,
    });
  });

  test.for([
    { name: "ebs-gp3", perGbMonth: 0.08 / 1.073741824, perIopsMonth: 0.005, perMBpsMonth: 0.04 / 1.048576 },
    { name: "ebs-io2", perGbMonth: 0.125, perIopsMonth: 0.065, perMBpsMonth: 0 },
    { name: "azure-premium-ssd-v2", perGbMonth: 0.08 / 1.073741824, perIopsMonth: 0.005, perMBpsMonth: 0.04 },
    { name: "nfs-share", perGbMonth: 0.3, perIopsMonth: 0, perMBpsMonth: 0 },
    { name: "fsx-lustre", perGbMonth: 0.42, perIopsMonth: 0, perMBpsMonth: 0 },
    { name: "object-store-cache", perGbMonth: 0.023, perIopsMonth: 0, perMBpsMonth: 0 },
    { name: "local-nvme", perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0 },
  ] as const)("$name costs $perGbMonth USD per GB-month", ({ name, perGbMonth, perIopsMonth, perMBpsMonth }) => {
    const price = storagePresetByName(name).price;
    expect(price.perGbMonth).toBeCloseTo(perGbMonth, 12);
    expect(price.perIopsMonth).toBeCloseTo(perIopsMonth, 12);
    expect(price.perMBpsMonth).toBeCloseTo(perMBpsMonth, 12);
  });

  test("ACStor v1 is derived from v2 by the vendor's 7× IOPS and 4× latency claim", () => {
    const v1 = storagePresetByName("azure-container-storage-v1");
    const v2 = storagePresetByName("azure-container-storage-v2");
    expect(v2.volume.read.iops / v1.volume.read.iops).toBeCloseTo(7, 5);
    expect(v1.latency.read.baseLatencyUs / v2.latency.read.baseLatencyUs).toBe(4);
    expect(v1.latency.write.baseLatencyUs / v2.latency.write.baseLatencyUs).toBe(4);
    expect(v1.volume.read.bytesPerSecond).toBe(v2.volume.read.bytesPerSecond);
  });

  test("replicated CNS writes three copies and its write bandwidth is bounded by the replication network", () => {
    const cns = storagePresetByName("replicated-cns");
    expect(cns.replicationFactor).toBe(3);
    expect(cns.volume.write.bytesPerSecond).toBe((100 * Gbps) / 2);
    expect(cns.accessModes).toEqual(expect.arrayContaining(["RWO", "RWX"]));
    expect(cns.survivesNodeLoss).toBe(true);
  });

  test("Hyperdisk ML attaches read-only to many nodes", () => {
    expect(storagePresetByName("gcp-hyperdisk-ml").accessModes).toContain("ROX");
  });

  test("EFS-like share: 250 µs reads, 2.7 ms writes, 1,500 MiB/s per client", () => {
    const nfs = storagePresetByName("nfs-share");
    expect(nfs.latency.read).toEqual({ baseLatencyUs: 250, perStreamBytesPerSecond: 1_500 * 2 ** 20 });
    expect(nfs.latency.write.baseLatencyUs).toBe(2_700);
  });

  test("object store: ~90 MB/s per connection and tens of ms to first byte", () => {
    const s3 = storagePresetByName("object-store-cache");
    expect(s3.latency.read.perStreamBytesPerSecond).toBe(90e6);
    expect(s3.latency.read.baseLatencyUs).toBeGreaterThanOrEqual(10_000);
  });
});

describe("storagePresetByName", () => {
  test("finds every preset by its own name", () => {
    for (const p of STORAGE_PRESETS) expect(storagePresetByName(p.name)).toBe(p);
  });

  test("an unknown name throws RangeError naming it", () => {
    expect(() => storagePresetByName("ebs-gp2")).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unknown storage preset: ebs-gp2]`,
    );
  });
});

describe("invariants over every storage preset", () => {
  test("the catalog holds the 14 presets with unique kebab-case names", () => {
    const names = STORAGE_PRESETS.map((p) => p.name);
    expect(names).toHaveLength(14);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(KEBAB);
  });

  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))("$name cites at least one source", ({ p }) => {
    expect(p.sources.length).toBeGreaterThanOrEqual(1);
    for (const s of p.sources) {
      expect(s.ref.trim()).not.toBe("");
      expect(s.what.trim()).not.toBe("");
      expect(["S", "D", "M"]).toContain(s.tag);
    }
  });

  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))(
    "$name has positive ceilings, finite positive latencies and replicationFactor ≥ 1",
    ({ p }: { p: StorageProfile }) => {
      for (const dir of ["read", "write"] as const) {
        expect(Number.isFinite(p.latency[dir].baseLatencyUs) && p.latency[dir].baseLatencyUs > 0).toBe(true);
        expect(isCeiling(p.latency[dir].perStreamBytesPerSecond)).toBe(true);
        for (const scope of [p.volume, p.aggregate]) {
          expect(isCeiling(scope[dir].bytesPerSecond)).toBe(true);
          expect(isCeiling(scope[dir].iops)).toBe(true);
        }
      }
      expect(Number.isFinite(p.replicationFactor) && p.replicationFactor >= 1).toBe(true);
      for (const t of Object.values(p.timings)) expect(isFiniteNonNegative(t)).toBe(true);
    },
  );

  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))(
    "$name has a consistent scaling rule",
    ({ p }: { p: StorageProfile }) => {
      const s = p.scaling;
      if (s.kind === "provisioned") {
        expect(isFiniteNonNegative(s.baselineIops) && isFiniteNonNegative(s.baselineBytesPerSecond)).toBe(true);
        expect(s.maxIops).toBeGreaterThanOrEqual(s.baselineIops);
        expect(s.maxBytesPerSecond).toBeGreaterThanOrEqual(s.baselineBytesPerSecond);
        expect(Number.isFinite(s.maxIops) && Number.isFinite(s.maxBytesPerSecond)).toBe(true);
        expect(isCeiling(s.maxIopsPerGiB) && isCeiling(s.maxBytesPerSecondPerIops)).toBe(true);
        expect(p.volume.read.iops).toBeLessThanOrEqual(s.maxIops);
        expect(p.volume.read.bytesPerSecond).toBeLessThanOrEqual(s.maxBytesPerSecond);
      } else if (s.kind === "per-capacity") {
        expect(s.readBytesPerSecondPerTiB > 0 && s.writeBytesPerSecondPerTiB > 0).toBe(true);
        expect(s.minCapacityBytes > 0 && Number.isFinite(s.minCapacityBytes)).toBe(true);
      }
    },
  );

  test.for(STORAGE_PRESETS.map((p) => ({ name: p.name, p })))(
    "$name has non-negative finite prices and an ISO asOf",
    ({ p }: { p: StorageProfile }) => {
      const { asOf, iopsTiers, ...amounts } = p.price;
      for (const v of Object.values(amounts)) expect(isFiniteNonNegative(v)).toBe(true);
      // Tiers: non-negative rates, bounds rising to Infinity, the first tier's rate as perIopsMonth.
      if (iopsTiers !== undefined) {
        for (const t of iopsTiers) expect(isFiniteNonNegative(t.usdPerIopsMonth)).toBe(true);
        expect(iopsTiers.at(-1)!.upToIops).toBe(Infinity);
        expect(iopsTiers[0]!.usdPerIopsMonth).toBe(p.price.perIopsMonth);
      }
      expect(asOf).toMatch(AS_OF);
    },
  );

  test.for(STORAGE_PRESETS.filter((p) => p.topology === "node-local").map((p) => ({ name: p.name, p })))(
    "node-local $name dies with its node, has no attach step and costs no egress",
    ({ p }: { p: StorageProfile }) => {
      expect(p.survivesNodeLoss).toBe(false);
      expect(p.timings.attachSeconds).toBe(0);
      expect(p.price.egressPerGb).toBe(0);
    },
  );

  test("node-local categories are exactly the presets with node-local topology", () => {
    const localCategories = new Set(["local-nvme", "ephemeral-os-disk"]);
    for (const p of STORAGE_PRESETS) {
      expect(localCategories.has(p.category)).toBe(p.topology === "node-local");
      if (localCategories.has(p.category)) expect(p.survivesNodeLoss).toBe(false);
    }
  });

  test.for(STORAGE_PRESETS.filter((p) => p.category === "network-block").map((p) => ({ name: p.name, p })))(
    "network block $name lists RWO, is zonal, survives node loss and has per-volume but no aggregate ceilings",
    ({ p }: { p: StorageProfile }) => {
      expect(p.accessModes).toContain("RWO");
      expect(p.topology).toBe("zonal");
      expect(p.survivesNodeLoss).toBe(true);
      expect(p.timings.attachSeconds).toBeGreaterThan(0);
      expect(Number.isFinite(p.volume.read.bytesPerSecond)).toBe(true);
      expect(p.aggregate.read.bytesPerSecond).toBe(Infinity);
    },
  );

  test.for(
    STORAGE_PRESETS.filter((p) => p.category === "file-share" || p.category === "parallel-fs").map((p) => ({
      name: p.name,
      p,
    })),
  )("shared file system $name is RWX with an aggregate ceiling and no attach step", ({ p }: { p: StorageProfile }) => {
    expect(p.accessModes).toContain("RWX");
    expect(Number.isFinite(p.aggregate.read.bytesPerSecond)).toBe(true);
    expect(p.volume.read.bytesPerSecond).toBe(Infinity);
    expect(p.timings.attachSeconds).toBe(0);
  });
});
