/**
 * Finance helpers: GPU-hours, the yearly cost of idle GPUs, and payback months.
 */
import { describe, expect, test } from "vitest";
import { gpuHours, idleCostPerYear, paybackMonths } from "../../../src/models/cost/finance.ts";

describe("gpuHours", () => {
  test.for([
    { gpuUs: 3.6e9, want: 1 }, // one GPU for one hour
    { gpuUs: 2.88e11, want: 80 }, // 8 GPUs × 10 h
    { gpuUs: 1.8e9, want: 0.5 },
    { gpuUs: 0, want: 0 },
  ] as const)("$gpuUs GPU-µs is $want GPU-h", ({ gpuUs, want }) => {
    expect(gpuHours(gpuUs)).toBe(want);
  });
});

describe("idleCostPerYear", () => {
  test.for([
    // 1,000 GPUs × 8,760 h × 2 USD × 10% = 1,752,000 USD/year.
    { case: "always on", gpus: 1_000, price: 2, idle: 0.1, hours: undefined, want: 1_752_000 },
    // 1,000 × 6,000 h × 2 × 10% = 1,200,000.
    { case: "6,000 h a year", gpus: 1_000, price: 2, idle: 0.1, hours: 6_000, want: 1_200_000 },
    // 8 × 8,760 × 4 × 25% = 70,080.
    { case: "8 GPUs a quarter idle", gpus: 8, price: 4, idle: 0.25, hours: undefined, want: 70_080 },
    { case: "no idle time", gpus: 8, price: 4, idle: 0, hours: undefined, want: 0 },
  ] as const)("$case: $want USD", ({ gpus, price, idle, hours, want }) => {
    const usd = idleCostPerYear({ gpus, usdPerGpuHour: price, idleFraction: idle, utilisationHoursPerYear: hours });
    expect(usd).toBeCloseTo(want, 6);
  });

  test.for([
    { case: "an idle fraction above 1", patch: { idleFraction: 1.5 }, message: "invalid idle fraction: 1.5" },
    { case: "a NaN idle fraction", patch: { idleFraction: NaN }, message: "invalid idle fraction: NaN" },
    {
      case: "more hours than a year",
      patch: { utilisationHoursPerYear: 9_000 },
      message: "invalid utilisation hours per year: 9000",
    },
    { case: "negative GPUs", patch: { gpus: -1 }, message: "invalid gpus: -1" },
    { case: "an Infinity price", patch: { usdPerGpuHour: Infinity }, message: "invalid usd per gpu hour: Infinity" },
  ] as const)("$case throws", ({ patch, message }) => {
    expect(() => idleCostPerYear({ gpus: 8, usdPerGpuHour: 4, idleFraction: 0.25, ...patch })).toThrow(
      new RangeError(message),
    );
  });
});

describe("paybackMonths", () => {
  test.for([
    // 12,000 / (4,000 − 1,000) = 4 months.
    { case: "upfront repaid by net saving", upfront: 12_000, extra: 1_000, saving: 4_000, want: 4 },
    // 5,000 / 2,000 = 2.5 months.
    { case: "no extra monthly cost", upfront: 5_000, extra: 0, saving: 2_000, want: 2.5 },
    { case: "no upfront, net saving positive", upfront: 0, extra: 1_000, saving: 4_000, want: 0 },
    { case: "saving equal to the extra cost", upfront: 0, extra: 1_000, saving: 1_000, want: Infinity },
    { case: "saving below the extra cost", upfront: 100, extra: 1_000, saving: 500, want: Infinity },
    { case: "no saving", upfront: 100, extra: 0, saving: 0, want: Infinity },
    { case: "a loss", upfront: 0, extra: 0, saving: -50, want: Infinity },
  ] as const)("$case: $want months", ({ upfront, extra, saving, want }) => {
    expect(paybackMonths({ upfrontUsd: upfront, extraMonthlyUsd: extra, monthlySavingUsd: saving })).toBe(want);
  });

  test("upfront defaults to 0", () => {
    expect(paybackMonths({ extraMonthlyUsd: 100, monthlySavingUsd: 400 })).toBe(0);
  });

  test.for([
    { case: "a negative upfront", patch: { upfrontUsd: -1 }, message: "invalid upfront usd: -1" },
    { case: "a NaN extra cost", patch: { extraMonthlyUsd: NaN }, message: "invalid extra monthly usd: NaN" },
    {
      case: "an Infinity saving",
      patch: { monthlySavingUsd: Infinity },
      message: "invalid monthly saving usd: Infinity",
    },
  ] as const)("$case throws", ({ patch, message }) => {
    expect(() => paybackMonths({ extraMonthlyUsd: 0, monthlySavingUsd: 1, ...patch })).toThrow(new RangeError(message));
  });
});
