import { fc, test as ftest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import {
  curveBytesPerSecond,
  requestSeconds,
  type ConcurrencyCurve,
} from "../../../src/models/storage/concurrency-curve.ts";
import { streamCap, streamSeconds } from "../../../src/models/storage/request.ts";

const MB = 1e6;
// 4 KiB: 50 µs at QD1 (81.9 MB/s), saturating at 4 outstanding; 1 MiB: 1 ms at QD1, saturating at 2.
const small: ConcurrencyCurve = {
  requestBytes: 4096,
  knots: [
    { outstanding: 1, bytesPerSecond: 81.92 * MB },
    { outstanding: 4, bytesPerSecond: 200 * MB },
  ],
};
const large: ConcurrencyCurve = {
  requestBytes: 1 << 20,
  knots: [
    { outstanding: 1, bytesPerSecond: 1048.576 * MB },
    { outstanding: 2, bytesPerSecond: 1500 * MB },
  ],
};
const curves = [large, small];

describe("curveBytesPerSecond", () => {
  test.for([
    { q: 0.5, want: 40.96 * MB },
    { q: 1, want: 81.92 * MB },
    { q: 2.5, want: (81.92 + (200 - 81.92) / 2) * MB },
    { q: 4, want: 200 * MB },
    { q: 64, want: 200 * MB },
  ] as const)("at $q outstanding: linear through the origin, between knots, flat beyond", ({ q, want }) => {
    expect(curveBytesPerSecond(small, q)).toBeCloseTo(want, 0);
  });

  test("rejects a non-positive concurrency and an empty curve", () => {
    expect(() => curveBytesPerSecond(small, 0)).toThrow(/invalid outstanding: 0/);
    expect(() => curveBytesPerSecond({ requestBytes: 1, knots: [] }, 1)).toThrow(/no knots/);
  });
});

describe("requestSeconds (Little's law over the measured curves)", () => {
  test("at a measured size and concurrency it is q · r / T", () => {
    expect(requestSeconds(curves, 4096, 1)).toBeCloseTo(50e-6, 12);
    expect(requestSeconds(curves, 4096, 8)).toBeCloseTo((8 * 4096) / (200 * MB), 12);
    expect(requestSeconds(curves, 1 << 20, 1)).toBeCloseTo(1e-3, 12);
  });

  test("between sizes it is linear in the request size; outside, the end sizes' rules apply", () => {
    const mid = 4096 + ((1 << 20) - 4096) / 2;
    expect(requestSeconds(curves, mid, 1)).toBeCloseTo((50e-6 + 1e-3) / 2, 12);
    expect(requestSeconds(curves, 512, 1)).toBeCloseTo(50e-6, 12);
    expect(requestSeconds(curves, 4 << 20, 1)).toBeCloseTo(4e-3, 12);
  });

  ftest.prop([fc.integer({ min: 1, max: 8 << 20 }), fc.double({ min: 0.1, max: 256, noNaN: true })])(
    "more outstanding requests never make one request faster; bigger requests never take less time",
    (bytes, q) => {
      expect(requestSeconds(curves, bytes, q * 2)).toBeGreaterThanOrEqual(
        requestSeconds(curves, bytes, q) * (1 - 1e-12),
      );
      expect(requestSeconds(curves, bytes * 2, q)).toBeGreaterThanOrEqual(
        requestSeconds(curves, bytes, q) * (1 - 1e-12),
      );
    },
  );
});

describe("streams over curves", () => {
  const lat = { baseLatencyUs: 1, perStreamBytesPerSecond: Infinity, curves };

  test("q streams of one size together reach the curve's throughput at q", () => {
    for (const q of [1, 2, 3, 4, 16]) {
      expect(q * streamCap(lat, 4096, Infinity, q)).toBeCloseTo(curveBytesPerSecond(small, q), 0);
    }
  });

  test("an object read in several requests pays each request's time", () => {
    expect(streamSeconds(lat, 4 << 20, 1 << 20, 1)).toBeCloseTo(4e-3, 12);
    expect(streamSeconds(lat, (1 << 20) + 4096, 1 << 20, 1)).toBeCloseTo(1e-3 + 50e-6, 12);
  });

  test("without curves the two-parameter model ignores concurrency", () => {
    const plain = { baseLatencyUs: 100, perStreamBytesPerSecond: 1e9 };
    expect(streamSeconds(plain, 1e6, Infinity, 1)).toBe(streamSeconds(plain, 1e6, Infinity, 32));
  });
});
