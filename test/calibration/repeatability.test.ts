/**
 * The repeatability of a multi-pass volume calibration (`stallsim calibrate --run`): each random-read curve's
 * saturation spread over the passes, and the warning when one pass is not a stable profile.
 */
import { describe, expect, test } from "vitest";
import { repeatabilityOf, UNSTABLE_SPREAD, unstableWarning } from "../../src/calibration/volume-fio.ts";

const curve = (requestBytes: number, sat: number, op: "read" | "write" = "read", pattern = "random" as const) => ({
  op,
  pattern,
  requestBytes,
  saturationBytesPerSecond: sat,
});

describe("repeatabilityOf", () => {
  test("spread = (max − min) / mean per random-read size; writes and sequential reads are not counted", () => {
    const r = repeatabilityOf([
      [curve(4096, 100e6), curve(65536, 1000e6), curve(1 << 20, 900e6, "write")],
      [curve(4096, 110e6), curve(65536, 600e6), { ...curve(1 << 20, 100e6), pattern: "sequential" as never }],
      [curve(4096, 90e6), curve(65536, 800e6)],
    ]);
    expect(r.passes).toBe(3);
    expect(r.curves.map((c) => c.requestBytes)).toEqual([4096, 65536]);
    expect(r.curves[0]!.spread).toBeCloseTo(20 / 100, 12);
    expect(r.curves[1]!.spread).toBeCloseTo(400 / 800, 12);
    expect(r.curves[1]!.saturationBytesPerSecond).toEqual([1000e6, 600e6, 800e6]);
    expect(r.worstSpread).toBeCloseTo(0.5, 12);
  });

  test("a size missing from a pass is left out; one pass has no spread", () => {
    expect(repeatabilityOf([[curve(4096, 1e8), curve(8192, 2e8)], [curve(4096, 1e8)]]).curves).toHaveLength(1);
    const one = repeatabilityOf([[curve(4096, 1e8)]]);
    expect(one.worstSpread).toBe(0);
    expect(unstableWarning(one)).toBeUndefined();
  });
});

describe("unstableWarning", () => {
  test("warns above the threshold, naming the size and each pass's MB/s, and says what to do", () => {
    const w = unstableWarning(repeatabilityOf([[curve(65536, 1387e6)], [curve(65536, 1063e6)]]));
    expect(w?.code).toBe("unstable-volume");
    expect(w?.message).toContain("26%");
    expect(w?.message).toContain("64 KiB reads saturated at 1387, 1063 MB/s");
    expect(w?.message).toMatch(/--passes/);
  });

  test("no warning at or below the threshold", () => {
    const lo = 1e8;
    const hi = (lo * (2 + UNSTABLE_SPREAD)) / (2 - UNSTABLE_SPREAD); // spread exactly UNSTABLE_SPREAD
    expect(repeatabilityOf([[curve(4096, lo)], [curve(4096, hi)]]).worstSpread).toBeCloseTo(UNSTABLE_SPREAD, 12);
    expect(unstableWarning(repeatabilityOf([[curve(4096, lo)], [curve(4096, hi * 0.999)]]))).toBeUndefined();
  });
});
