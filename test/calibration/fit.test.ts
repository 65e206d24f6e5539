/**
 * The fitter: curves reproduce the points they were fitted on (exactly for data that follow the model, within
 * a stated tolerance on the committed VM disk run), are monotone in queue depth, and the fitted profile's
 * numbers are the curves' numbers.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { CalibrationError } from "../../src/calibration/errors.ts";
import type { FioRun, FioRw } from "../../src/calibration/fio-types.ts";
import { curveThroughput, fitFioRuns, modelThroughput, type FittedCurve } from "../../src/calibration/fit.ts";
import { calibrationDocument, calibrationJson, fittedProfile } from "../../src/calibration/fitted-profile.ts";
import { loadFioFiles } from "../../src/calibration/load-fio.ts";

const RUN_DIR = "calibration/runs/vm-vda-ext4-2026-11-24";
const real = fitFioRuns(loadFioFiles([RUN_DIR]));

/** A synthetic fio job moving `bytesPerSecond` with mean completion latency `latencyUs`. */
function job(rw: FioRw, bs: number, iodepth: number, bytesPerSecond: number, numjobs = 1, latencyUs = 100): FioRun {
  const dir = {
    ioBytes: bytesPerSecond,
    runtimeMs: 1000,
    bandwidthBytesPerSecond: bytesPerSecond,
    iops: bytesPerSecond / bs,
    latencyUs: { mean: latencyUs, stddev: 0, percentiles: { "50": latencyUs, "99": 2 * latencyUs } },
    totalIos: Math.round(bytesPerSecond / bs),
  };
  const isRead = rw === "read" || rw === "randread";
  return {
    source: `synthetic-${rw}.json`,
    jobName: `${rw}-${bs}-qd${iodepth}-j${numjobs}`,
    rw,
    blockSize: bs,
    iodepth,
    numjobs,
    direct: true,
    ioengine: "libaio",
    host: { disks: ["nvme0n1"] },
    ...(isRead ? { read: dir } : { write: dir }),
  };
}

/** Jobs that follow T(q) = min(Tsat, q·s/L0) exactly. */
function exactJobs(rw: FioRw, s: number, l0Us: number, tsat: number, qs: readonly number[]): FioRun[] {
  return qs.map((q) => job(rw, s, q, Math.min(tsat, (q * s * 1e6) / l0Us)));
}

const find = (curves: readonly FittedCurve[], op: string, pattern: string, size: number): FittedCurve => {
  const c = curves.find((x) => x.op === op && x.pattern === pattern && x.requestBytes === size);
  if (c === undefined) throw new Error(`no curve ${op} ${pattern} ${size}`);
  return c;
};

describe("fitFioRuns on data that follow the model exactly", () => {
  const runs = [
    ...exactJobs("randread", 4096, 100, 200e6, [1, 2, 4, 16, 64, 256]),
    ...exactJobs("read", 1 << 20, 2000, 1.5e9, [1, 4, 32]),
    ...exactJobs("randwrite", 4096, 50, 100e6, [1, 8, 32]),
    ...exactJobs("write", 1 << 20, 1000, 2e9, [1, 2, 8]),
  ];
  const fit = fitFioRuns(runs);

  test("recovers L0, Tsat and the knee", () => {
    const c = find(fit.curves, "read", "random", 4096);
    expect(c.baseLatencyUs).toBeCloseTo(100, 9);
    expect(c.saturationBytesPerSecond).toBeCloseTo(200e6, 0);
    expect(c.kneeOutstanding).toBeCloseTo((200e6 * 100e-6) / 4096, 9);
  });

  test("the curve and the two-parameter model reproduce every point (relative error < 1e-9)", () => {
    for (const c of fit.curves) {
      expect(c.error.maxAbsRelativeError).toBeLessThan(1e-9);
      expect(c.modelError.maxAbsRelativeError).toBeLessThan(1e-9);
    }
  });

  test("extrapolates linearly in q below the first point and flat at Tsat beyond the last", () => {
    const fit2 = fitFioRuns(exactJobs("randread", 4096, 100, 200e6, [4, 16, 64]));
    const c = find(fit2.curves, "read", "random", 4096);
    expect(curveThroughput(c, 2)).toBeCloseTo((2 * 4096 * 1e6) / 100, 3);
    expect(curveThroughput(c, 0)).toBe(0);
    expect(curveThroughput(c, 10_000)).toBe(200e6);
    expect(modelThroughput(c, 10_000)).toBe(200e6);
  });
});

describe("fitFioRuns on data that do not follow the model", () => {
  test("a reading below saturation at a higher q counts as fit error, and never lowers the curve", () => {
    const fit = fitFioRuns([
      job("randread", 4096, 1, 40e6),
      job("randread", 4096, 8, 200e6),
      job("randread", 4096, 32, 150e6),
    ]);
    const c = find(fit.curves, "read", "random", 4096);
    expect(c.saturationBytesPerSecond).toBe(200e6);
    expect(curveThroughput(c, 32)).toBe(200e6);
    expect(c.points[2]?.relativeError).toBeCloseTo(200 / 150 - 1, 12);
    expect(c.error.maxAbsRelativeError).toBeCloseTo(1 / 3, 12);
  });

  test("repeated runs at one q (iodepth × numjobs) are averaged", () => {
    const fit = fitFioRuns([job("read", 4096, 1, 10e6), job("read", 4096, 8, 60e6), job("read", 4096, 2, 100e6, 4)]);
    const c = find(fit.curves, "read", "sequential", 4096);
    expect(c.knots).toEqual([
      { outstanding: 1, bytesPerSecond: 10e6 },
      { outstanding: 8, bytesPerSecond: 80e6 },
    ]);
    expect(c.points.map((p) => p.outstanding)).toEqual([1, 8, 8]);
  });

  test("mixed read/write jobs are skipped and named; nothing to fit is a CalibrationError", () => {
    const mixed = { ...job("randrw", 4096, 1, 1e6), write: job("randwrite", 4096, 1, 1e6).write };
    expect(fitFioRuns([mixed, job("read", 4096, 1, 1e6)]).skipped).toEqual([
      "synthetic-randrw.json: randrw-4096-qd1-j1",
    ]);
    expect(() => fitFioRuns([mixed])).toThrow(CalibrationError);
    expect(() => fitFioRuns([])).toThrowErrorMatchingInlineSnapshot(
      `[CalibrationError: fit: no read, write, randread or randwrite jobs to fit]`,
    );
  });
});

describe("fitFioRuns on the committed VM disk run", () => {
  test("fits one curve per operation, pattern and request size", () => {
    expect(real.curves.map((c) => `${c.op}/${c.pattern}/${c.requestBytes}`)).toMatchInlineSnapshot(`
      [
        "read/random/4096",
        "read/random/65536",
        "read/random/1048576",
        "read/random/4194304",
        "read/sequential/131072",
        "read/sequential/1048576",
        "read/sequential/4194304",
        "write/random/4096",
        "write/random/65536",
        "write/random/1048576",
        "write/random/4194304",
        "write/sequential/131072",
        "write/sequential/1048576",
        "write/sequential/4194304",
      ]
    `);
  });

  // Tolerance. This is a virtio disk on a shared host (machine.json: /dev/vda, ext4); repeated readings at one
  // queue depth differ by up to 40% (seq read 1 MiB at q=4: 1176 and 1653 MB/s), and readings fall at higher q
  // (seq read 4 MiB: 1955 MB/s at q=1, 1225 at q=4). The curve only errs where a reading falls below an earlier
  // one; the two-parameter model also errs around the knee. Bounds observed on this run: curve ≤ 19.6% mean per
  // curve (4.3% over all points), model ≤ 23.1% (10.9%). The bounds below sit just above those, so a fitter that
  // drifted from the data (a wrong L0, a Tsat or knots from the wrong points) fails them.
  const points = real.curves.flatMap((c) => c.points);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  test("the curves reproduce the raw points: mean |error| ≤ 20% per curve and ≤ 5% over all points", () => {
    for (const c of real.curves)
      expect(c.error.meanAbsRelativeError, `${c.op} ${c.pattern} ${c.requestBytes}`).toBeLessThanOrEqual(0.2);
    expect(mean(points.map((p) => Math.abs(p.relativeError)))).toBeLessThanOrEqual(0.05);
  });

  test("the two-parameter model: mean |error| ≤ 25% per curve and ≤ 12% over all points", () => {
    for (const c of real.curves) expect(c.modelError.meanAbsRelativeError).toBeLessThanOrEqual(0.25);
    expect(mean(points.map((p) => Math.abs(p.modelRelativeError)))).toBeLessThanOrEqual(0.12);
  });

  test("the lowest-q point is reproduced exactly (L0 comes from it by Little's law)", () => {
    for (const c of real.curves) {
      const first = c.knots[0];
      const p = c.points.find((x) => x.outstanding === first?.outstanding);
      if (c.points.filter((x) => x.outstanding === first?.outstanding).length === 1)
        expect(Math.abs(p?.relativeError ?? 1)).toBeLessThan(1e-12);
    }
  });

  test("keeps fio's completion-latency percentiles at each measured point", () => {
    const c = find(real.curves, "read", "random", 4096);
    const qd1 = c.points.find((p) => p.outstanding === 1);
    expect(qd1?.latencyPercentilesUs["99"]).toBeCloseTo(76.288, 6);
    expect(c.points.every((p) => p.latencyPercentilesUs["50"] !== undefined)).toBe(true);
  });

  fcTest.prop([fc.double({ min: 0, max: 1024, noNaN: true }), fc.double({ min: 0, max: 1024, noNaN: true })])(
    "more queue depth never lowers the fitted throughput (every curve, any q1 ≤ q2)",
    (a, b) => {
      const [q1, q2] = a <= b ? [a, b] : [b, a];
      for (const c of real.curves) {
        expect(curveThroughput(c, q1)).toBeLessThanOrEqual(curveThroughput(c, q2));
        expect(modelThroughput(c, q1)).toBeLessThanOrEqual(modelThroughput(c, q2));
        expect(curveThroughput(c, q2)).toBeLessThanOrEqual(c.saturationBytesPerSecond);
      }
    },
  );
});

fcTest.prop([
  fc.array(fc.record({ q: fc.integer({ min: 1, max: 256 }), t: fc.double({ min: 1, max: 1e10, noNaN: true }) }), {
    minLength: 1,
    maxLength: 20,
  }),
  fc.double({ min: 0, max: 512, noNaN: true }),
  fc.double({ min: 0, max: 512, noNaN: true }),
])("on any measurements, the curve is monotone non-decreasing and flat at Tsat", (data, a, b) => {
  const c = fitFioRuns(data.map(({ q, t }) => job("randread", 4096, q, t)));
  const curve = c.curves[0] as FittedCurve;
  const [q1, q2] = a <= b ? [a, b] : [b, a];
  expect(curveThroughput(curve, q1)).toBeLessThanOrEqual(curveThroughput(curve, q2));
  expect(curveThroughput(curve, 1e6)).toBe(curve.saturationBytesPerSecond);
});

describe("fittedProfile", () => {
  const profile = fittedProfile("vm-disk", real, "vm (/dev/vda, ext4)");

  test("takes its numbers from the curves", () => {
    const rr4k = find(real.curves, "read", "random", 4096);
    const rw4k = find(real.curves, "write", "random", 4096);
    const sr4m = find(real.curves, "read", "sequential", 4 << 20);
    const sw4m = find(real.curves, "write", "sequential", 4 << 20);
    expect(profile.volume.read.iops).toBe(rr4k.saturationBytesPerSecond / 4096);
    expect(profile.volume.write.iops).toBe(rw4k.saturationBytesPerSecond / 4096);
    const highest = (op: string) =>
      Math.max(...real.curves.filter((c) => c.op === op).map((c) => c.saturationBytesPerSecond));
    expect(profile.volume.read.bytesPerSecond).toBe(highest("read"));
    expect(profile.volume.write.bytesPerSecond).toBe(highest("write"));
    expect(highest("read")).toBeGreaterThanOrEqual(sr4m.saturationBytesPerSecond);
    expect(highest("write")).toBeGreaterThanOrEqual(sw4m.saturationBytesPerSecond);
    expect(profile.latency.read.curves?.map((c) => c.requestBytes)).toEqual(
      real.curves.filter((c) => c.op === "read" && c.pattern === "random").map((c) => c.requestBytes),
    );
    expect(profile.latency.read.baseLatencyUs).toBe(rr4k.baseLatencyUs);
    expect(profile.latency.write.baseLatencyUs).toBe(rw4k.baseLatencyUs);
    expect(profile.latency.read.perStreamBytesPerSecond).toBe(
      sr4m.points.find((p) => p.outstanding === 1)?.measuredBytesPerSecond,
    );
    expect(profile.latency.write.perStreamBytesPerSecond).toBe(
      sw4m.points.find((p) => p.outstanding === 1)?.measuredBytesPerSecond,
    );
  });

  test("4 KiB random read saturates near 91k IOPS with L0 ≈ 60 µs on this VM disk", () => {
    expect(profile.volume.read.iops).toBeGreaterThan(85_000);
    expect(profile.volume.read.iops).toBeLessThan(95_000);
    expect(profile.latency.read.baseLatencyUs).toBeCloseTo((4096 / 68_764_640) * 1e6, 9);
  });

  test("is node-local RWO local-nvme, lost with the node, price 0, one S source per run file", () => {
    expect(profile).toMatchObject({
      category: "local-nvme",
      topology: "node-local",
      accessModes: ["RWO"],
      survivesNodeLoss: false,
      price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0 },
    });
    expect(profile.sources.map((s) => [s.ref, s.tag])).toEqual(
      ["rand-read", "seq-read", "rand-write", "seq-write"].map((f) => [`${RUN_DIR}/${f}.json`, "S"]),
    );
    expect(profile.sources[0]?.what).toBe("fio randread 4k,64k,1m,4m qd1..256 on vm (/dev/vda, ext4)");
    expect(fittedProfile("x", real, "m", { category: "network-block", survivesNodeLoss: true })).toMatchObject({
      category: "network-block",
      survivesNodeLoss: true,
    });
  });

  test("needs a kebab-case name and random and sequential runs in both directions", () => {
    expect(() => fittedProfile("My Disk", real)).toThrow(CalibrationError);
    const readsOnly = fitFioRuns(
      exactJobs("randread", 4096, 100, 200e6, [1, 8]).concat(exactJobs("read", 1 << 20, 2000, 1e9, [1])),
    );
    expect(() => fittedProfile("r", readsOnly)).toThrowErrorMatchingInlineSnapshot(
      `[CalibrationError: synthetic-randread.json: a profile needs random and sequential write runs (randwrite and write jobs)]`,
    );
  });

  test("the JSON document has profile, curves and fitError, with Infinity as null", () => {
    const doc = JSON.parse(calibrationJson(calibrationDocument(profile, real))) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["profile", "curves", "fitError", "warnings"]);
    expect(doc.profile).toMatchObject({ aggregate: { read: { bytesPerSecond: null, iops: null } } });
    expect(doc.fitError).toHaveLength(real.curves.length);
  });
});
