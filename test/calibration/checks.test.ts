/**
 * Calibration checks: one machine per profile, and the warnings an expert would raise about a fit — a curve
 * at one queue depth, a curve that misses a point by more than POOR_FIT, buffered I/O.
 */
import { describe, expect, test } from "vitest";
import { calibrationWarnings, checkOneMachine, POOR_FIT } from "../../src/calibration/checks.ts";
import { CalibrationError } from "../../src/calibration/errors.ts";
import type { FioRun, FioRw } from "../../src/calibration/fio-types.ts";
import { fitFioRuns } from "../../src/calibration/fit.ts";

function job(rw: FioRw, iodepth: number, bytesPerSecond: number, extra: Partial<FioRun> = {}): FioRun {
  const bs = 4096;
  const dir = {
    ioBytes: bytesPerSecond,
    runtimeMs: 1000,
    bandwidthBytesPerSecond: bytesPerSecond,
    iops: bytesPerSecond / bs,
    latencyUs: { mean: 100, stddev: 0, percentiles: {} },
    totalIos: Math.round(bytesPerSecond / bs),
  };
  return {
    source: `${rw}.json`,
    jobName: `${rw}-qd${iodepth}`,
    rw,
    blockSize: bs,
    iodepth,
    numjobs: 1,
    direct: true,
    ioengine: "libaio",
    host: { disks: ["nvme0n1"] },
    ...(rw.includes("read") ? { read: dir } : { write: dir }),
    ...extra,
  };
}

const codes = (runs: FioRun[]) => calibrationWarnings(fitFioRuns(runs), runs).map((w) => w.code);

describe("calibrationWarnings", () => {
  test("a curve measured at one queue depth: its saturation is unknown", () => {
    const runs = [job("randread", 8, 400e6)];
    const [w] = calibrationWarnings(fitFioRuns(runs), runs);
    expect(w?.code).toBe("one-point-curve");
    expect(w?.message).toMatch(/^rand-read 4 KiB was measured at one queue depth \(8 outstanding I\/Os\)/);
    expect(codes([job("randread", 1, 100e6), job("randread", 8, 400e6)])).toEqual([]);
  });

  test(`a curve that misses a point by more than ${POOR_FIT * 100}% is a poor fit; within it, none`, () => {
    // Repeats at one depth are averaged: 100 and 150 → 125, which misses 100 by +25%.
    const far = [job("randread", 1, 50e6), job("randread", 4, 100e6), job("randread", 4, 150e6)];
    expect(codes(far)).toEqual(["poor-fit"]);
    expect(calibrationWarnings(fitFioRuns(far), far)[0]!.message).toMatch(
      /misses randread\.json job 'randread-qd4' \(4 outstanding\) by \+25%/,
    );
    // 100 and 130 → 115: +15% and −11.5%.
    expect(codes([job("randread", 1, 50e6), job("randread", 4, 100e6), job("randread", 4, 130e6)])).toEqual([]);
    // Throughput that falls at a higher depth: the running maximum misses the lower reading.
    expect(codes([job("randread", 1, 50e6), job("randread", 4, 200e6), job("randread", 16, 120e6)])).toEqual([
      "poor-fit",
    ]);
  });

  test("jobs without direct=1 may have measured the page cache", () => {
    const runs = [job("randread", 1, 1e8, { direct: false }), job("randread", 4, 3e8)];
    const w = calibrationWarnings(fitFioRuns(runs), runs);
    expect(w.map((x) => x.code)).toEqual(["buffered-io"]);
    expect(w[0]!.message).toMatch(/^1 of 2 fio jobs ran without direct=1/);
  });
});

describe("checkOneMachine", () => {
  const a = job("randread", 1, 1e8);
  test.each([
    ["devices", { disks: ["sda"] }],
    ["hosts", { disks: ["nvme0n1"], hostname: "b" }],
    ["machines", { disks: ["nvme0n1"], machine: "node-b (/dev/nvme1n1, xfs)" }],
  ] as const)("runs from two %s are refused, unless allowed", (kind, host) => {
    const base =
      kind === "hosts"
        ? { ...a, host: { disks: ["nvme0n1"], hostname: "a" } }
        : kind === "machines"
          ? { ...a, host: { disks: ["nvme0n1"], machine: "node-a" } }
          : a;
    const b = { ...job("randread", 4, 3e8), source: "other.json", host };
    expect(() => checkOneMachine([base, b], false)).toThrow(CalibrationError);
    expect(() => checkOneMachine([base, b], false)).toThrow(new RegExp(`the runs come from 2 ${kind}`));
    expect(() => checkOneMachine([base, b], true)).not.toThrow();
  });

  test("runs that say nothing about their machine are not counted", () => {
    const unknown = { ...job("randread", 4, 3e8), host: { disks: [] } };
    expect(() => checkOneMachine([a, unknown, a], false)).not.toThrow();
  });
});
