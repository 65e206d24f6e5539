/**
 * Human-unit parsers: every accepted form with its canonical value (tables), every rejection with its
 * message (one inline snapshot per parser, so the wording is reviewed as a whole), exact decimal
 * scaling, and a round-trip property against `formatTime`.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { formatTime, type SimTime } from "../../src/sim/time.ts";
import {
  parseBytes,
  parseCount,
  parseDuration,
  parseFraction,
  parseRate,
  parseUsd,
  unwrapUnit,
  type UnitInput,
  type UnitParser,
} from "../../src/scenarios/units.ts";

/** What each input turns into: the value, or the failure message. */
const outcomes = (parse: UnitParser, inputs: readonly UnitInput[]): (number | string)[] =>
  inputs.map((input) => {
    const r = parse(input);
    return r.ok ? r.value : r.message;
  });

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe("parseBytes", () => {
  test.for([
    { input: 4096, bytes: 4096 },
    { input: 1.5, bytes: 2 },
    { input: "4096", bytes: 4096 },
    { input: "512B", bytes: 512 },
    { input: "2 bytes", bytes: 2 },
    { input: "40GB", bytes: 40e9 },
    { input: "40 GB", bytes: 40e9 },
    { input: "  40GB  ", bytes: 40e9 },
    { input: "40gB", bytes: 40e9 },
    { input: "1kB", bytes: 1000 },
    { input: "1.1kB", bytes: 1100 },
    { input: "2MB", bytes: 2e6 },
    { input: "3TB", bytes: 3e12 },
    { input: "1PB", bytes: 1e15 },
    { input: "512KiB", bytes: 512 * KiB },
    { input: "125MiB", bytes: 125 * MiB },
    { input: "1.5 GiB", bytes: 1.5 * GiB },
    { input: "1.5 GIB", bytes: 1.5 * GiB },
    { input: "1TiB", bytes: 1024 ** 4 },
    { input: "2PiB", bytes: 2 * 1024 ** 5 },
    { input: "4k", bytes: 4000 },
    { input: "4K", bytes: 4000 },
    { input: "40G", bytes: 40e9 },
    { input: "40Gi", bytes: 40 * GiB },
    { input: "1e9", bytes: 1e9 },
    { input: "1.5e3KB", bytes: 1.5e6 },
    { input: "0", bytes: 0 },
  ] as const)("parseBytes($input) is $bytes bytes", ({ input, bytes }) => {
    expect(parseBytes(input)).toEqual({ ok: true, value: bytes });
  });

  test("rejections name the input and what was wrong", () => {
    expect(
      outcomes(parseBytes, [
        "40 GX",
        "40Gb",
        "40gb",
        "3kib",
        "8b",
        "1Gbit",
        "-3GB",
        -1,
        NaN,
        Infinity,
        "",
        "GB",
        "10PB",
        "1.5.3GB",
        "1EB",
      ]),
    ).toMatchInlineSnapshot(`
      [
        "invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)",
        "invalid size "40Gb": did you mean GB? (b is bits)",
        "invalid size "40gb": did you mean GB? (b is bits)",
        "invalid size "3kib": did you mean KiB? (b is bits)",
        "invalid size "8b": did you mean B? (b is bits)",
        "invalid size "1Gbit": did you mean GB? (b is bits)",
        "invalid size "-3GB": must not be negative",
        "invalid size -1: must not be negative",
        "invalid size NaN: not a finite number",
        "invalid size Infinity: not a finite number",
        "invalid size "": empty (expected a number and a unit, e.g. "40GB")",
        "invalid size "GB": expected a number and a unit, e.g. "40GB"",
        "invalid size "10PB": too large (max 8 PiB)",
        "invalid size "1.5.3GB": unknown unit ".3GB" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)",
        "invalid size "1EB": unknown unit "EB" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)",
      ]
    `);
  });
});

describe("parseRate", () => {
  test.for([
    { input: 5e8, rate: 5e8 },
    { input: "500", rate: 500 },
    { input: "1.5GB/s", rate: 1.5e9 },
    { input: "1.5 GB / s", rate: 1.5e9 },
    { input: "1 GB/sec", rate: 1e9 },
    { input: "125MiB/s", rate: 125 * MiB },
    { input: "100MBps", rate: 1e8 },
    { input: "10Gbps", rate: 1.25e9 },
    { input: "10 Gb/s", rate: 1.25e9 },
    { input: "400Gbit/s", rate: 5e10 },
    { input: "100 Mbit/s", rate: 1.25e7 },
    { input: "1Gibps", rate: GiB / 8 },
    { input: "8bps", rate: 1 },
    { input: "3 B/s", rate: 3 },
  ] as const)("parseRate($input) is $rate bytes/s", ({ input, rate }) => {
    expect(parseRate(input)).toEqual({ ok: true, value: rate });
  });

  test("rejections name the input and what was wrong", () => {
    expect(outcomes(parseRate, ["10G/s", "10G", "100/s", "10GB", "1.5e3GB", "10 GX/s", "1GB/h", "-1GB/s", -5, "fast"]))
      .toMatchInlineSnapshot(`
        [
          "invalid rate "10G/s": ambiguous unit "G/s" (write GB/s for bytes or Gb/s for bits)",
          "invalid rate "10G": ambiguous unit "G" (write GB/s for bytes or Gb/s for bits)",
          "invalid rate "100/s": ambiguous unit "/s" (write B/s for bytes or b/s for bits)",
          "invalid rate "10GB": missing "/s" (e.g. "10GB/s")",
          "invalid rate "1.5e3GB": missing "/s" (e.g. "1.5e3GB/s")",
          "invalid rate "10 GX/s": unknown unit "GX/s" (use B/s, KB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s, TiB/s, or bits: Mb/s, Gb/s, Gbps, Gbit/s)",
          "invalid rate "1GB/h": unknown unit "GB/h" (use B/s, KB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s, TiB/s, or bits: Mb/s, Gb/s, Gbps, Gbit/s)",
          "invalid rate "-1GB/s": must not be negative",
          "invalid rate -5: must not be negative",
          "invalid rate "fast": expected a number and a unit, e.g. "1.5GB/s" or "10Gbps"",
        ]
      `);
  });
});

describe("parseDuration", () => {
  test.for([
    { input: 90, us: 90e6 },
    { input: 0.25, us: 250_000 },
    { input: "90", us: 90e6 },
    { input: "90s", us: 90e6 },
    { input: "90 sec", us: 90e6 },
    { input: "2h", us: 2 * 3600e6 },
    { input: "2 hours", us: 2 * 3600e6 },
    { input: "1.5d", us: 1.5 * 86400e6 },
    { input: "30m", us: 1800e6 },
    { input: "30min", us: 1800e6 },
    { input: "30M", us: 1800e6 },
    { input: "250ms", us: 250_000 },
    { input: "10us", us: 10 },
    { input: "10µs", us: 10 },
    { input: "10μs", us: 10 },
    { input: "1.5us", us: 2 },
    { input: "1h30m", us: 5400e6 },
    { input: "1h 30m", us: 5400e6 },
    { input: "2d12h", us: 2.5 * 86400e6 },
    { input: "1m30.5s", us: 90.5e6 },
    { input: "1h0m0s1ms", us: 3600e6 + 1000 },
    { input: "1e3s", us: 1e9 },
    { input: "0s", us: 0 },
  ] as const)("parseDuration($input) is $us µs", ({ input, us }) => {
    expect(parseDuration(input)).toEqual({ ok: true, value: us });
  });

  test("rejections name the input and what was wrong", () => {
    expect(
      outcomes(parseDuration, [
        "30m1h",
        "1h1h",
        "1h30",
        "1x",
        "5 fortnights",
        "-5s",
        -1,
        "1h-30m",
        "1e20d",
        1e300,
        "abc",
        "",
      ]),
    ).toMatchInlineSnapshot(`
      [
        "invalid duration "30m1h": units must go from largest to smallest, each once",
        "invalid duration "1h1h": units must go from largest to smallest, each once",
        "invalid duration "1h30": missing unit after "30" (e.g. "1h30m")",
        "invalid duration "1x": unknown unit "x" (use us, ms, s, m or min, h, d)",
        "invalid duration "5 fortnights": unknown unit "fortnights" (use us, ms, s, m or min, h, d)",
        "invalid duration "-5s": must not be negative",
        "invalid duration -1: must not be negative",
        "invalid duration "1h-30m": unexpected "-30m" (e.g. "90s", "2h" or "1h30m")",
        "invalid duration "1e20d": too large (max about 285 years)",
        "invalid duration 1e+300: too large (max about 285 years)",
        "invalid duration "abc": expected a number and a unit, e.g. "90s", "2h" or "1h30m"",
        "invalid duration "": empty (expected a number and a unit, e.g. "90s", "2h" or "1h30m")",
      ]
    `);
  });

  propTest.prop([fc.nat({ max: 2 ** 50 })], { seed: 1, numRuns: 500 })(
    "parses every formatTime output back to the same µs",
    (t) => {
      expect(unwrapUnit(parseDuration(formatTime(t as SimTime)))).toBe(t);
    },
  );
});

describe("parseFraction", () => {
  test.for([
    { input: 0.9, fraction: 0.9 },
    { input: 0, fraction: 0 },
    { input: 1, fraction: 1 },
    { input: "0.5", fraction: 0.5 },
    { input: "90%", fraction: 0.9 },
    { input: "90 %", fraction: 0.9 },
    { input: "12.5%", fraction: 0.125 },
    { input: "7%", fraction: 0.07 },
    { input: "100%", fraction: 1 },
  ] as const)("parseFraction($input) is $fraction", ({ input, fraction }) => {
    expect(parseFraction(input)).toEqual({ ok: true, value: fraction });
  });

  test("rejections name the input and what was wrong", () => {
    expect(outcomes(parseFraction, [90, "1.5", "150%", "-1%", -0.1, "0.9x", "most"])).toMatchInlineSnapshot(`
      [
        "invalid fraction 90: must be between 0 and 1 (for a percentage write "90%")",
        "invalid fraction "1.5": must be between 0 and 1 (for a percentage write "1.5%")",
        "invalid fraction "150%": must be at most 100%",
        "invalid fraction "-1%": must not be negative",
        "invalid fraction -0.1: must not be negative",
        "invalid fraction "0.9x": unknown unit "x" (use % or a number from 0 to 1)",
        "invalid fraction "most": expected a number from 0 to 1 or a percentage, e.g. 0.9 or "90%"",
      ]
    `);
  });
});

describe("parseUsd", () => {
  test.for([
    { input: 2.5, usd: 2.5 },
    { input: "2.50", usd: 2.5 },
    { input: "$2.50", usd: 2.5 },
    { input: "$ 2.50", usd: 2.5 },
    { input: "$1,200.50", usd: 1200.5 },
    { input: "5 USD", usd: 5 },
    { input: "$0.000012", usd: 0.000012 },
    { input: "$0", usd: 0 },
  ] as const)("parseUsd($input) is $usd USD", ({ input, usd }) => {
    expect(parseUsd(input)).toEqual({ ok: true, value: usd });
  });

  test("rejections name the input and what was wrong", () => {
    expect(outcomes(parseUsd, ["€5", "5 EUR", "-$5", "$-5", -1, "$2.50/h", "$1,20", "cheap"])).toMatchInlineSnapshot(`
      [
        "invalid amount "€5": only USD amounts are supported",
        "invalid amount "5 EUR": only USD amounts are supported",
        "invalid amount "-$5": must not be negative",
        "invalid amount "$-5": must not be negative",
        "invalid amount -1: must not be negative",
        "invalid amount "$2.50/h": expected a USD amount such as "$2.50" or 2.5",
        "invalid amount "$1,20": expected a USD amount such as "$2.50" or 2.5",
        "invalid amount "cheap": expected a USD amount such as "$2.50" or 2.5",
      ]
    `);
  });
});

describe("parseCount", () => {
  test.for([
    { input: 8, count: 8 },
    { input: "8", count: 8 },
    { input: "16k", count: 16_000 },
    { input: "1.5M", count: 1_500_000 },
    { input: "1.5m", count: 1_500_000 },
    { input: "70B", count: 70e9 },
    { input: "70b", count: 70e9 },
    { input: "7G", count: 7e9 },
    { input: "1T", count: 1e12 },
    { input: "1.1k", count: 1100 },
    { input: "1e6", count: 1e6 },
  ] as const)("parseCount($input) is $count", ({ input, count }) => {
    expect(parseCount(input)).toEqual({ ok: true, value: count });
  });

  test("rejections name the input and what was wrong", () => {
    expect(outcomes(parseCount, ["2.5", 2.5, "1.23456k", "5X", "1e30", -3, "many"])).toMatchInlineSnapshot(`
      [
        "invalid count "2.5": must be a whole number",
        "invalid count 2.5: must be a whole number",
        "invalid count "1.23456k": must be a whole number",
        "invalid count "5X": unknown suffix "X" (use k, M, B or G, T)",
        "invalid count "1e30": too large (max 2^53 - 1)",
        "invalid count -3: must not be negative",
        "invalid count "many": expected a number, optionally with k, M, B or T, e.g. "16k" or "70B"",
      ]
    `);
  });
});

describe("decimal scaling is exact", () => {
  const units = [
    ["KB", 3],
    ["MB", 6],
    ["GB", 9],
  ] as const;
  propTest.prop([fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...units)], {
    seed: 1,
    numRuns: 500,
  })(
    "parseBytes(`${n / 10^d}${unit}`) is n × 10^(unit exponent − d) rounded, with no float residue",
    (n, d, [unit, exponent]) => {
      const text = `${n / 10 ** d}${unit}`;
      expect(parseBytes(text)).toEqual({ ok: true, value: Math.round(Number(`${n}e${exponent - d}`)) });
    },
  );
});

describe("unwrapUnit", () => {
  test("returns the value of a success and throws RangeError with the message of a failure", () => {
    expect(unwrapUnit(parseBytes("1KiB"))).toBe(1024);
    expect(() => unwrapUnit(parseBytes("1 Kb"))).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid size "1 Kb": did you mean KB? (b is bits)]`,
    );
  });
});
