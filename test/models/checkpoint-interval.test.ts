import { describe, expect, test } from "vitest";
import { dalyIntervalUs, youngIntervalUs } from "../../src/models/training/checkpoint-interval.ts";
import { hours, minutes, toSeconds, type SimTime } from "../../src/sim/time.ts";

const inMinutes = (t: SimTime): number => toSeconds(t) / 60;

describe("optimal checkpoint intervals", () => {
  test.for([
    { mtbf: "24 h", m: hours(24), daly: 117, young: 120 },
    { mtbf: "6 h", m: hours(6), daly: 57, young: 60 },
    { mtbf: "15 min", m: minutes(15), daly: 9.1, young: 12.2 },
  ] as const)("checkpoint 5 min, MTBF $mtbf: Daly ≈ $daly min, Young ≈ $young min", ({ m, daly, young }) => {
    // Daly's worked examples (FGCS 2006) are quoted to the minute (117, 57) or to 0.1 min (9.1).
    const tolerance = daly < 20 ? 0.05 : 0.5;
    expect(Math.abs(inMinutes(dalyIntervalUs(minutes(5), m)) - daly)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(inMinutes(youngIntervalUs(minutes(5), m)) - young)).toBeLessThanOrEqual(0.05);
  });

  test("Young's interval is exactly √(2δM)", () => {
    expect(youngIntervalUs(200, 400)).toBe(400);
    expect(youngIntervalUs(minutes(1), hours(50))).toBe(Math.round(Math.sqrt(2 * 60e6 * 180_000e6)));
  });

  test("Daly falls back to M when the checkpoint costs at least 2M", () => {
    expect(dalyIntervalUs(hours(3), hours(1))).toBe(hours(1));
  });

  test("invalid inputs are RangeErrors naming the value", () => {
    expect(() => youngIntervalUs(0, 1)).toThrow("invalid checkpoint cost: 0us");
    expect(() => dalyIntervalUs(1, -5)).toThrow("invalid mtbf: -5us");
  });
});
