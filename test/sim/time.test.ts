import { describe, expect, test } from "vitest";
import {
  days,
  formatTime,
  hours,
  minutes,
  ms,
  s,
  toHours,
  toMs,
  toSeconds,
  us,
  type SimTime,
} from "../../src/sim/time.ts";

describe("time helpers", () => {
  test.for([
    { name: "us", fn: us, input: 7, want: 7 },
    { name: "us rounds half away from zero", fn: us, input: 2.5, want: 3 },
    { name: "us rounds negative half away from zero", fn: us, input: -2.5, want: -3 },
    { name: "ms", fn: ms, input: 1.5, want: 1_500 },
    { name: "s", fn: s, input: 2, want: 2_000_000 },
    { name: "s rounds sub-µs", fn: s, input: 1e-7, want: 0 },
    { name: "minutes", fn: minutes, input: 1, want: 60_000_000 },
    { name: "hours", fn: hours, input: 1, want: 3_600_000_000 },
    { name: "days", fn: days, input: 30, want: 2_592_000_000_000 },
  ] as const)("$name($input) = $want µs", ({ fn, input, want }) => {
    expect(fn(input)).toBe(want);
  });

  test("conversions back to floats are exact inverses for whole units", () => {
    expect(toSeconds(s(90))).toBe(90);
    expect(toMs(ms(250))).toBe(250);
    expect(toHours(hours(36))).toBe(36);
  });

  test("a year of simulated time in µs is still an exact integer", () => {
    const year = days(365);
    expect(Number.isSafeInteger(year + 1)).toBe(true);
    expect(year + 1 - year).toBe(1);
  });

  test("non-finite and out-of-range inputs throw RangeError naming the value", () => {
    expect(() => s(Number.NaN)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid time: NaN s is not representable in µs]`,
    );
    expect(() => days(1e12)).toThrow(RangeError);
    expect(() => us(Infinity)).toThrow(/invalid time: Infinity us/);
  });

  test.for([
    { t: 12, want: "12us" },
    { t: 250_000, want: "250ms" },
    { t: 90_000_000, want: "1m 30s" },
    { t: 3_723_500_000, want: "1h 2m 3.5s" },
    { t: 86_400_000_000, want: "1d" },
    { t: -5, want: "-5us" },
  ] as const)("formatTime($t) is $want", ({ t, want }) => {
    expect(formatTime(t as SimTime)).toBe(want);
  });
});
