/**
 * The binned series (src/models/timeline/binned-series.ts): amounts spread over intervals land in bins in
 * proportion to the overlap, the width doubles (merging pairs) when a run outlives the range and totals are
 * kept, narrower series coarsen exactly onto wider ones, and memory stays fixed. fast-check properties over
 * random intervals.
 *
 * Units: µs and whatever is added (here plain numbers).
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { BinnedSeries } from "../../../src/models/timeline/binned-series.ts";

const close = (a: number, b: number, rel = 1e-9): void =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(a), Math.abs(b)));

describe("BinnedSeries", () => {
  test("an interval is split at bin edges in proportion to its overlap with each bin", () => {
    const s = new BinnedSeries(1, 8);
    s.coarsenTo(16); // bins [0, 16), [16, 32), …
    s.add(0, 100, 8, 48); // 40 µs: 8 in bin 0, 16 in bin 1, 16 in bin 2
    expect(s.values(0, 4)).toEqual([20, 40, 40, 0]);
    expect(s.sum(0)).toBe(100);
  });

  test("a run beyond the range doubles the width, merging adjacent bins, and keeps the totals", () => {
    const s = new BinnedSeries(2, 4);
    s.add(0, 1, 0, 1);
    s.add(0, 2, 1, 2);
    s.add(1, 5, 3, 4);
    expect(s.widthUs).toBe(1);
    expect(s.values(0)).toEqual([1, 2, 0, 0]);
    s.add(0, 4, 4, 5); // needs [0, 5): width 2
    expect(s.widthUs).toBe(2);
    expect(s.values(0)).toEqual([3, 0, 4, 0]);
    expect(s.values(1)).toEqual([0, 5, 0, 0]);
    s.add(1, 8, 100, 101); // width 32
    expect(s.widthUs).toBe(32);
    expect(s.values(0)).toEqual([7, 0, 0, 0]);
    expect(s.values(1)).toEqual([5, 0, 0, 8]);
  });

  test("a zero-length interval at t counts in the µs before t (the first µs at t = 0)", () => {
    const s = new BinnedSeries(1, 4);
    s.add(0, 1, 2, 2);
    s.add(0, 10, 0, 0);
    expect(s.values(0)).toEqual([10, 1, 0, 0]);
  });

  test("memory is fixed: a 285-year range still has the same bins", () => {
    const s = new BinnedSeries(1);
    s.add(0, 1, 0, Number.MAX_SAFE_INTEGER);
    expect(s.bins).toBe(256);
    expect(s.spanUs).toBeGreaterThanOrEqual(Number.MAX_SAFE_INTEGER);
    close(s.sum(0), 1);
  });

  test("bad channel counts, bin counts, intervals and widths are refused", () => {
    expect(() => new BinnedSeries(0)).toThrow("invalid channel count: 0");
    expect(() => new BinnedSeries(1, 7)).toThrow("invalid bin count: 7 (an even number ≥ 2)");
    const s = new BinnedSeries(1);
    expect(() => s.add(0, 1, 5, 4)).toThrow("invalid interval: [5, 4)us");
    expect(() => s.add(0, 1, 0.5, 4)).toThrow("invalid interval: [0.5, 4)us");
    expect(() => s.add(1, 1, 0, 4)).toThrow("invalid channel: 1");
    s.coarsenTo(4);
    expect(() => s.coarsenTo(6)).toThrow("invalid bin width: 6us (bins are 4us wide)");
    expect(() => s.addChannel(0, new BinnedSeries(1, 8), 0)).toThrow("bin counts differ: 8 vs 256");
  });

  const interval = fc
    .record({ from: fc.integer({ min: 0, max: 2 ** 40 }), len: fc.integer({ min: 0, max: 2 ** 40 }) })
    .map(({ from, len }) => ({ from, to: from + len }));
  const adds = fc.array(
    fc.record({
      channel: fc.integer({ min: 0, max: 2 }),
      amount: fc.double({ min: -1e6, max: 1e9, noNaN: true }),
      interval,
    }),
    { maxLength: 60 },
  );

  propTest.prop([adds], { seed: 7, numRuns: 200 })(
    "each channel's bins sum to what was added, however often the width doubled",
    (list) => {
      const s = new BinnedSeries(3, 16);
      const totals = [0, 0, 0];
      for (const { channel, amount, interval: iv } of list) {
        s.add(channel, amount, iv.from, iv.to);
        totals[channel]! += amount;
        if (amount !== 0) expect(s.spanUs).toBeGreaterThanOrEqual(iv.to);
        expect(Math.log2(s.widthUs) % 1).toBe(0);
      }
      const scale = list.reduce((a, x) => a + Math.abs(x.amount), 0);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(s.sum(c) - totals[c]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
    },
  );

  propTest.prop([adds, fc.integer({ min: 0, max: 12 })], { seed: 11, numRuns: 150 })(
    "coarsening is exact: a series coarsened to a width equals one recorded at that width",
    (list, extra) => {
      const fine = new BinnedSeries(3, 16);
      for (const { channel, amount, interval: iv } of list) fine.add(channel, amount, iv.from, iv.to);
      const width = fine.widthUs * 2 ** extra;
      const coarse = new BinnedSeries(3, 16);
      coarse.coarsenTo(width);
      for (const { channel, amount, interval: iv } of list) coarse.add(channel, amount, iv.from, iv.to);
      fine.coarsenTo(width);
      const scale = list.reduce((a, x) => a + Math.abs(x.amount), 0);
      for (let c = 0; c < 3; c++)
        for (let b = 0; b < 16; b++)
          expect(Math.abs(fine.value(c, b) - coarse.value(c, b))).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
    },
  );

  test("addChannel merges series of different widths onto the wider one", () => {
    const a = new BinnedSeries(1, 4);
    a.add(0, 4, 0, 4); // width 1: [1, 1, 1, 1]
    const b = new BinnedSeries(2, 4);
    b.add(1, 16, 0, 16); // width 4: [4, 4, 4, 4]
    a.addChannel(0, b, 1);
    expect(a.widthUs).toBe(4);
    expect(a.values(0)).toEqual([8, 4, 4, 4]);
    const c = new BinnedSeries(1, 4);
    c.addChannel(0, a, 0, -1);
    expect(c.values(0)).toEqual([-8, -4, -4, -4]);
  });
});
