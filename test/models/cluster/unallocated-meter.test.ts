/**
 * Unallocated GPU time (src/models/cluster/unallocated-meter.ts) and Poisson job arrivals
 * (src/models/cluster/job-arrivals.ts).
 */
import { describe, expect, test } from "vitest";
import { poissonJobArrivals } from "../../../src/models/cluster/job-arrivals.ts";
import { UnallocatedMeter } from "../../../src/models/cluster/unallocated-meter.ts";
import { CAUSES } from "../../../src/models/gpu-time.ts";
import { RandomStream } from "../../../src/sim/random.ts";

describe("unallocated GPU time", () => {
  test("free GPUs integrate exactly per node and in the unallocated channel of the bins", () => {
    // Two nodes of 8: all free until 10 µs, then 8 + 2 held until 30 µs, then all free until 40 µs.
    const m = new UnallocatedMeter([8, 8]);
    m.update(10, [0, 6]);
    m.update(30, [8, 8]);
    expect(m.finish(40)).toBe(16 * 10 + 6 * 20 + 16 * 10);
    expect(m.perNode).toEqual([8 * 10 + 0 + 8 * 10, 8 * 10 + 6 * 20 + 8 * 10]);
    const ch = CAUSES.indexOf("unallocated");
    expect(m.series.sum(ch)).toBeCloseTo(440, 9);
    expect(m.series.sum(0)).toBe(0);
  });

  test("time going backwards throws", () => {
    const m = new UnallocatedMeter([8]);
    m.update(10, [4]);
    expect(() => m.update(5, [8])).toThrow("time going backwards: 5us < 10us");
  });
});

describe("Poisson job arrivals", () => {
  const arrivals = (seed: string, weights = [3, 1], count = 4000) =>
    poissonJobArrivals(new RandomStream(`${seed}/gaps`), new RandomStream(`${seed}/picks`), {
      count,
      meanGapUs: 600e6,
      startUs: 1000,
      weights,
    });

  test("count arrivals in time order after the start; mean gap and template shares as asked", () => {
    const a = arrivals("1");
    expect(a).toHaveLength(4000);
    for (let i = 1; i < a.length; i++) expect(a[i]!.atUs).toBeGreaterThanOrEqual(a[i - 1]!.atUs);
    expect(a[0]!.atUs).toBeGreaterThan(1000);
    expect((a.at(-1)!.atUs - 1000) / 4000 / 600e6).toBeCloseTo(1, 1);
    expect(a.filter((x) => x.template === 0).length / 4000).toBeCloseTo(0.75, 1);
  });

  test("the same seed gives the same arrivals; template weights do not move arrival times", () => {
    expect(arrivals("7", [3, 1], 50)).toEqual(arrivals("7", [3, 1], 50));
    expect(arrivals("7", [1, 1, 1], 50).map((x) => x.atUs)).toEqual(arrivals("7", [3, 1], 50).map((x) => x.atUs));
  });

  test("bad options are refused", () => {
    expect(() => arrivals("1", [])).toThrow("invalid template weights");
    expect(() => arrivals("1", [1], -1)).toThrow("invalid job count: -1");
  });
});
