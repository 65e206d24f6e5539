/**
 * Storage cost: performance in effect after each scaling rule, and the monthly bill, checked against values
 * computed by hand from the presets' published prices.
 */
import { describe, expect, test } from "vitest";
import {
  HOURS_PER_MONTH,
  HOURS_PER_YEAR,
  provisionedPerformance,
  storageMonthlyUsd,
} from "../../../src/models/cost/storage-cost.ts";
import {
  EBS_GP3,
  EBS_IO2,
  FSX_LUSTRE,
  LOCAL_NVME,
  NFS_SHARE,
  OBJECT_STORE_CACHE,
  STORAGE_PRESETS,
} from "../../../src/models/storage/presets/index.ts";
import { GB, GiB, MiB, TB, TiB } from "../../../src/models/storage/presets/units.ts";

describe("billing period", () => {
  test("a month is 8,760 h / 12 = 730 h", () => {
    expect(HOURS_PER_YEAR).toBe(8_760);
    expect(HOURS_PER_MONTH).toBe(730);
  });
});

describe("provisionedPerformance on a provisioned profile (gp3)", () => {
  test("defaults to the free baseline: 3,000 IOPS and 125 MiB/s, shared by reads and writes", () => {
    const p = provisionedPerformance(EBS_GP3, 1_000 * GiB);
    expect(p).toEqual({
      capacityBytes: 1_000 * GiB,
      iops: 3_000,
      bytesPerSecond: 125 * MiB,
      writeIops: 3_000,
      writeBytesPerSecond: 125 * MiB,
      capacityRaised: false,
      adjustments: [],
    });
  });

  test.for([
    // 500 IOPS/GiB × 1,000 GiB = 500,000 and 0.25 MiB/s × 16,000 = 4,000 MiB/s: neither rule binds.
    { case: "the maximum on 1,000 GiB", gib: 1_000, iops: 16_000, mibps: 1_000, wantIops: 16_000, wantMibps: 1_000 },
    // 500 × 10 GiB = 5,000 IOPS; then 0.25 MiB/s × 5,000 = 1,250 MiB/s does not bind 1,000.
    { case: "16,000 IOPS on 10 GiB", gib: 10, iops: 16_000, mibps: 1_000, wantIops: 5_000, wantMibps: 1_000 },
    // 0.25 MiB/s × 3,000 IOPS = 750 MiB/s.
    { case: "1,000 MiB/s at 3,000 IOPS", gib: 1_000, iops: 3_000, mibps: 1_000, wantIops: 3_000, wantMibps: 750 },
    // 500 × 1 GiB = 500 IOPS is below the free 3,000, which every size gets.
    { case: "the baseline on 1 GiB", gib: 1, iops: 3_000, mibps: 125, wantIops: 3_000, wantMibps: 125 },
    // Below the baseline: raised to 3,000 IOPS and 125 MiB/s.
    { case: "less than the baseline", gib: 100, iops: 1_000, mibps: 50, wantIops: 3_000, wantMibps: 125 },
  ] as const)("$case gives $wantIops IOPS and $wantMibps MiB/s", ({ gib, iops, mibps, wantIops, wantMibps }) => {
    const p = provisionedPerformance(EBS_GP3, gib * GiB, { iops, bytesPerSecond: mibps * MiB });
    expect(p.iops).toBe(wantIops);
    expect(p.bytesPerSecond).toBe(wantMibps * MiB);
    expect(p.writeIops).toBe(wantIops);
    expect(p.writeBytesPerSecond).toBe(wantMibps * MiB);
  });

  test("records each rule that changed a value", () => {
    const p = provisionedPerformance(EBS_GP3, 10 * GiB, { iops: 16_000, bytesPerSecond: 10 * MiB });
    expect(p.adjustments).toEqual([
      { field: "iops", from: 16_000, to: 5_000, reason: "iops-per-gib" },
      { field: "bytesPerSecond", from: 10 * MiB, to: 125 * MiB, reason: "baseline" },
    ]);
  });

  test("a request above the hard maximum throws instead of being clamped", () => {
    expect(() => provisionedPerformance(EBS_GP3, 1_000 * GiB, { iops: 20_000 })).toThrowErrorMatchingInlineSnapshot(
      `[ProvisioningError: requested 20000 IOPS exceeds the maximum 16000 of ebs-gp3]`,
    );
    expect(() =>
      provisionedPerformance(EBS_GP3, 1_000 * GiB, { bytesPerSecond: 1_100 * MiB }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ProvisioningError: requested 1153433600 bytes/s exceeds the maximum 1048576000 of ebs-gp3]`,
    );
  });

  test.for([
    { case: "a negative capacity", capacity: -1, request: {}, message: "invalid capacity: -1 bytes" },
    { case: "a NaN IOPS request", capacity: GiB, request: { iops: NaN }, message: "invalid iops request: NaN" },
    {
      case: "a negative bytes/s request",
      capacity: GiB,
      request: { bytesPerSecond: -1 },
      message: "invalid bytes per second request: -1",
    },
  ] as const)("$case throws", ({ capacity, request, message }) => {
    expect(() => provisionedPerformance(EBS_GP3, capacity, request)).toThrow(new RangeError(message));
  });
});

describe("provisionedPerformance on io2 (no free baseline)", () => {
  test("defaults to the preset's provisioned point, 256,000 IOPS and 4,000 MiB/s", () => {
    const p = provisionedPerformance(EBS_IO2, 500 * GiB);
    expect([p.iops, p.bytesPerSecond]).toEqual([256_000, 4_000 * MiB]);
  });

  test("is held to 1,000 IOPS per GiB: 100 GiB gets 100,000 IOPS", () => {
    const p = provisionedPerformance(EBS_IO2, 100 * GiB);
    expect(p.iops).toBe(100_000);
    expect(p.adjustments).toEqual([{ field: "iops", from: 256_000, to: 100_000, reason: "iops-per-gib" }]);
  });
});

describe("provisionedPerformance on a per-capacity profile (FSx for Lustre, 1,000 MB/s per TiB)", () => {
  test("at the preset's 9.6 TiB gives 9.6 GB/s read and write, equal to its aggregate ceilings", () => {
    const p = provisionedPerformance(FSX_LUSTRE, 9.6 * TiB);
    expect(p.capacityBytes).toBe(9.6 * TiB);
    expect(p.capacityRaised).toBe(false);
    expect(p.bytesPerSecond).toBeCloseTo(9.6e9, 0); // 9.6 TiB × 1,000 MB/s per TiB
    expect(p.writeBytesPerSecond).toBeCloseTo(9.6e9, 0);
    expect(p.bytesPerSecond).toBeCloseTo(FSX_LUSTRE.aggregate.read.bytesPerSecond, 0);
    expect(p.iops).toBe(Infinity);
  });

  test("raises 1 TiB to the 1.2 TiB minimum and says so: 1.2 GB/s", () => {
    const p = provisionedPerformance(FSX_LUSTRE, 1 * TiB);
    expect(p.capacityRaised).toBe(true);
    expect(p.capacityBytes).toBe(1.2 * TiB);
    expect(p.bytesPerSecond).toBeCloseTo(1.2e9, 0);
    expect(p.adjustments).toEqual([
      { field: "capacityBytes", from: 1 * TiB, to: 1.2 * TiB, reason: "minimum-capacity" },
    ]);
  });

  test("a request for more bandwidth than the capacity gives throws", () => {
    expect(() => provisionedPerformance(FSX_LUSTRE, 9.6 * TiB, { bytesPerSecond: 10e9 })).toThrow(
      /^requested 10000000000 bytes\/s exceeds the maximum 9600000000(\.\d+)? of fsx-lustre at 10555311626649\.6 bytes$/,
    );
  });
});

describe("provisionedPerformance on fixed profiles", () => {
  test.for([
    // Local NVMe: 8 drives × 1 M read / 200k write IOPS, 25 / 12 GB/s; the aggregate is Infinity.
    { name: "local-nvme", profile: LOCAL_NVME, iops: 8e6, bps: 25e9, writeIops: 1.6e6, writeBps: 12e9 },
    // EFS-like share: volume Infinity, so the aggregate 20 GiB/s read, 1 GiB/s write, 250k / 50k IOPS.
    { name: "nfs-share", profile: NFS_SHARE, iops: 250_000, bps: 20 * GiB, writeIops: 50_000, writeBps: 1 * GiB },
  ] as const)("$name delivers its ceilings", ({ profile, iops, bps, writeIops, writeBps }) => {
    const p = provisionedPerformance(profile, 1 * TB);
    expect(p).toMatchObject({ iops, bytesPerSecond: bps, writeIops, writeBytesPerSecond: writeBps });
    expect(p.adjustments).toEqual([]);
  });

  test("a request above a fixed ceiling throws", () => {
    expect(() => provisionedPerformance(NFS_SHARE, 1 * TB, { iops: 300_000 })).toThrow(
      "requested 300000 IOPS exceeds the maximum 250000 of nfs-share",
    );
    expect(() => provisionedPerformance(NFS_SHARE, 1 * TB, { iops: 300_000 })).toThrow(RangeError);
  });
});

describe("storageMonthlyUsd", () => {
  test("the gp3 price per GB is 0.08 USD per GiB-month converted (× 10^9 / 2^30)", () => {
    expect(EBS_GP3.price.perGbMonth * (GiB / GB)).toBeCloseTo(0.08, 12);
  });

  test("gp3 at the baseline costs only its capacity: 1,000 GiB × 0.08 USD/GiB-month = 80 USD", () => {
    const perf = provisionedPerformance(EBS_GP3, 1_000 * GiB);
    const cost = storageMonthlyUsd(EBS_GP3, { ...perf, volumes: 1 });
    expect(cost.capacityUsd).toBeCloseTo(80, 9);
    expect(cost.iopsUsd).toBe(0);
    expect(cost.throughputUsd).toBe(0);
    expect(cost.totalUsd).toBeCloseTo(80, 9);
  });

  test.for([
    // 1,000 GiB × 0.08 = 80; (16,000 − 3,000) IOPS × 0.005 = 65; (1,000 − 125) MiB/s × 0.04 per MiB/s = 35.
    { case: "1 volume", volumes: 1, capacity: 80, iops: 65, throughput: 35, total: 180 },
    { case: "4 volumes", volumes: 4, capacity: 320, iops: 260, throughput: 140, total: 720 },
  ] as const)("gp3 at 16,000 IOPS and 1,000 MiB/s, $case: $total USD/month", (row) => {
    const perf = provisionedPerformance(EBS_GP3, 1_000 * GiB, { iops: 16_000, bytesPerSecond: 1_000 * MiB });
    const cost = storageMonthlyUsd(EBS_GP3, { ...perf, volumes: row.volumes });
    expect(cost.capacityUsd).toBeCloseTo(row.capacity, 9);
    expect(cost.iopsUsd).toBeCloseTo(row.iops, 9);
    expect(cost.throughputUsd).toBeCloseTo(row.throughput, 9);
    expect(cost.totalUsd).toBeCloseTo(row.total, 9);
  });

  test("io2 pays for every IOPS: 256,000 × 0.037875 (blended tiers) = 9,696 USD/month", () => {
    // Tiers: 32,000 × 0.065 + 32,000 × 0.046 + 192,000 × 0.032 = 2,080 + 1,472 + 6,144 = 9,696.
    // Capacity: 500 GiB = 536.870912 GB × 0.125 = 67.108864; throughput is bundled (0).
    const perf = provisionedPerformance(EBS_IO2, 500 * GiB);
    const cost = storageMonthlyUsd(EBS_IO2, { ...perf, volumes: 1 });
    expect(cost.iopsUsd).toBeCloseTo(9_696, 9);
    expect(cost.capacityUsd).toBeCloseTo(67.108864, 9);
    expect(cost.throughputUsd).toBe(0);
    expect(cost.totalUsd).toBeCloseTo(9_763.108864, 9);
  });

  test("fsx-lustre at 9.6 TiB: 10,555.3116266496 GB × 0.42 = 4,433.23088319283 USD/month, nothing for bandwidth", () => {
    const perf = provisionedPerformance(FSX_LUSTRE, 9.6 * TiB);
    const cost = storageMonthlyUsd(FSX_LUSTRE, { ...perf, volumes: 1 });
    expect(cost.totalUsd).toBeCloseTo(4_433.23088319283, 6);
    expect(cost.iopsUsd + cost.throughputUsd).toBe(0);
  });

  test("an unbounded quantity at price 0 costs 0: object storage, 1 TB × 0.023 = 23 USD/month", () => {
    const perf = provisionedPerformance(OBJECT_STORE_CACHE, 1 * TB);
    expect(perf.bytesPerSecond).toBe(Infinity);
    expect(storageMonthlyUsd(OBJECT_STORE_CACHE, { ...perf, volumes: 1 }).totalUsd).toBeCloseTo(23, 9);
  });

  test.for([
    {
      case: "an unbounded quantity with a price",
      usage: { capacityBytes: GiB, volumes: 1, iops: Infinity, bytesPerSecond: 0 },
      message: "cannot price Infinity IOPS of ebs-io2 at 0.065 USD per IOPS-month",
    },
    {
      case: "a fractional volume count",
      usage: { capacityBytes: GiB, volumes: 1.5, iops: 0, bytesPerSecond: 0 },
      message: "invalid volumes: 1.5",
    },
    {
      case: "a negative capacity",
      usage: { capacityBytes: -1, volumes: 1, iops: 0, bytesPerSecond: 0 },
      message: "invalid capacity: -1 bytes",
    },
    {
      case: "NaN IOPS",
      usage: { capacityBytes: GiB, volumes: 1, iops: NaN, bytesPerSecond: 0 },
      message: "invalid iops: NaN",
    },
    {
      case: "negative bytes/s",
      usage: { capacityBytes: GiB, volumes: 1, iops: 0, bytesPerSecond: -1 },
      message: "invalid bytes per second: -1",
    },
  ] as const)("$case throws", ({ usage, message }) => {
    expect(() => storageMonthlyUsd(EBS_IO2, usage)).toThrow(new RangeError(message));
  });

  test.for(STORAGE_PRESETS.map((p) => [p.name, p] as const))(
    "%s at its default performance and 4 TiB has a finite, non-negative bill",
    ([, profile]) => {
      const perf = provisionedPerformance(profile, 4 * TiB);
      const cost = storageMonthlyUsd(profile, { ...perf, volumes: 1 });
      for (const x of Object.values(cost)) {
        expect(Number.isFinite(x) && x >= 0).toBe(true);
      }
      expect(cost.totalUsd).toBeCloseTo(cost.capacityUsd + cost.iopsUsd + cost.throughputUsd, 9);
    },
  );
});
