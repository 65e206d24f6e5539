/**
 * Run cost: GPUs split by cause of GPU time, storage prorated from monthly prices, egress, and the run rate per
 * month and per year. The hand case is 8 GPUs × 10 h × 4 USD/GPU-h = 320 USD.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { runCost, type RunCostInput } from "../../../src/models/cost/run-cost.ts";
import { emptyGpuTime, IDLE_CAUSES, type GpuTime } from "../../../src/models/gpu-time.ts";
import { US_PER_HOUR } from "../../../src/sim/time.ts";

const GPUS = 8;
const WALL_US = 10 * US_PER_HOUR; // 10 h = 3.6 × 10^10 µs
const TOTAL = GPUS * WALL_US; // 80 GPU-h = 2.88 × 10^11 GPU-µs

/** 55% compute, 25% dataWait, 10% checkpointWait, 5% recovery, 2.5% lostWork, 2.5% idle of 80 GPU-h. */
const GPU_TIME: GpuTime = {
  ...emptyGpuTime(),
  compute: 0.55 * TOTAL, // 44 GPU-h
  dataWait: 0.25 * TOTAL, // 20 GPU-h
  checkpointWait: 0.1 * TOTAL, // 8 GPU-h
  recovery: 0.05 * TOTAL, // 4 GPU-h
  lostWork: 0.025 * TOTAL, // 2 GPU-h
  idle: 0.025 * TOTAL, // 2 GPU-h
  unallocated: 0,
};

const BASE: RunCostInput = {
  wallUs: WALL_US,
  gpus: GPUS,
  gpuUsdPerHour: 4,
  gpuTime: GPU_TIME,
  storage: [{ name: "ebs-gp3", monthlyUsd: 730 }],
  egressBytes: 1e12, // 1 TB
  egressUsdPerGb: 0.01,
};

describe("runCost, 8 GPUs × 10 h × 4 USD/GPU-h", () => {
  const cost = runCost(BASE);

  test("the GPUs cost 320 USD: 44 GPU-h of compute (176 USD) and 36 GPU-h idle (144 USD)", () => {
    expect(cost.gpuUsd).toBeCloseTo(320, 9);
    expect(cost.computeUsd).toBeCloseTo(176, 9);
    expect(cost.idleUsd).toBeCloseTo(144, 9);
  });

  test.for([
    { cause: "dataWait", usd: 80 }, // 25% × 80 GPU-h × 4
    { cause: "checkpointWait", usd: 32 }, // 10%
    { cause: "recovery", usd: 16 }, // 5%
    { cause: "lostWork", usd: 8 }, // 2.5%
    { cause: "idle", usd: 8 }, // 2.5%
  ] as const)("idleUsdByCause.$cause = $usd USD", ({ cause, usd }) => {
    expect(cost.idleUsdByCause[cause]).toBeCloseTo(usd, 9);
  });

  test("lists every non-compute cause and nothing else", () => {
    expect(Object.keys(cost.idleUsdByCause)).toEqual([...IDLE_CAUSES]);
    expect(IDLE_CAUSES).toEqual([
      "dataWait",
      "dataPrep",
      "checkpointWait",
      "recovery",
      "lostWork",
      "modelLoad",
      "startup",
      "idleWarm",
      "idle",
      "unallocated",
    ]);
  });

  test("storage is prorated: a 730 USD/month volume held 10 h costs 10 USD", () => {
    expect(cost.storageUsd).toBeCloseTo(10, 9);
    expect(cost.storageUsdByName).toEqual({ "ebs-gp3": expect.closeTo(10, 9) });
  });

  test("egress of 1 TB at 0.01 USD/GB costs 10 USD", () => {
    expect(cost.egressUsd).toBeCloseTo(10, 9);
  });

  test("the total is 320 + 10 + 10 = 340 USD", () => {
    expect(cost.totalUsd).toBeCloseTo(340, 9);
  });

  test.for([
    // 730 h / 10 h = 73 runs' worth: 340 × 73, 320 × 73, 144 × 73.
    { period: "perMonth", total: 24_820, gpu: 23_360, idle: 10_512 },
    // 8,760 h / 10 h = 876: 340 × 876, 320 × 876, 144 × 876.
    { period: "perYear", total: 297_840, gpu: 280_320, idle: 126_144 },
  ] as const)("$period run rate: $total USD in all, $gpu on GPUs, $idle idle", ({ period, total, gpu, idle }) => {
    expect(cost[period].totalUsd).toBeCloseTo(total, 6);
    expect(cost[period].gpuUsd).toBeCloseTo(gpu, 6);
    expect(cost[period].idleUsd).toBeCloseTo(idle, 6);
  });

  test("per month, storage costs its monthly price again: 24,820 − 23,360 − 10 × 73 egress = 730", () => {
    expect(cost.perMonth.totalUsd - cost.perMonth.gpuUsd - cost.egressUsd * 73).toBeCloseTo(730, 6);
  });
});

describe("runCost storage charges", () => {
  test("charges with the same name are added; others kept apart", () => {
    const cost = runCost({
      ...BASE,
      storage: [
        { name: "checkpoints", monthlyUsd: 730 },
        { name: "dataset", monthlyUsd: 146 },
        { name: "checkpoints", monthlyUsd: 73 },
      ],
    });
    // (730 + 73) × 10 / 730 = 11; 146 × 10 / 730 = 2.
    expect(cost.storageUsdByName).toEqual({ checkpoints: expect.closeTo(11, 9), dataset: expect.closeTo(2, 9) });
    expect(cost.storageUsd).toBeCloseTo(13, 9);
  });
});

describe("runCost rejects inconsistent input", () => {
  test("causes that do not sum to gpus × wall time throw", () => {
    expect(() =>
      runCost({
        ...BASE,
        wallUs: 1,
        gpus: 8,
        gpuTime: { ...GPU_TIME, compute: 7, dataWait: 0, checkpointWait: 0, recovery: 0, lostWork: 0, idle: 0 },
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: gpu time by cause sums to 7 GPU-us, expected gpus × wall = 8 × 1us = 8 GPU-us]`,
    );
  });

  test("a sum within 1e-6 relative is accepted", () => {
    const gpuTime = { ...GPU_TIME, idle: GPU_TIME.idle + 1e-7 * TOTAL };
    expect(runCost({ ...BASE, gpuTime }).gpuUsd).toBeCloseTo(320, 9);
  });

  test.for([
    { case: "a zero wall time", patch: { wallUs: 0 }, message: "invalid wall time: 0us" },
    { case: "negative GPUs", patch: { gpus: -1 }, message: "invalid gpus: -1" },
    { case: "a NaN GPU price", patch: { gpuUsdPerHour: NaN }, message: "invalid gpu usd per hour: NaN" },
    { case: "negative egress", patch: { egressBytes: -1 }, message: "invalid egress bytes: -1" },
    {
      case: "an Infinity egress price",
      patch: { egressUsdPerGb: Infinity },
      message: "invalid egress usd per gb: Infinity",
    },
    {
      case: "a negative storage price",
      patch: { storage: [{ name: "ebs-gp3", monthlyUsd: -1 }] },
      message: "invalid monthly usd of ebs-gp3: -1",
    },
    {
      case: "a negative cause",
      patch: { gpuTime: { ...GPU_TIME, dataWait: -5, compute: GPU_TIME.compute + 5 } },
      message: "invalid gpu time: dataWait = -5 GPU-us",
    },
  ] as const)("$case throws", ({ patch, message }) => {
    expect(() => runCost({ ...BASE, ...patch })).toThrow(new RangeError(message));
  });
});

/** |a − b| within `rel` of the larger magnitude (or of 1 near zero). */
const near = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe("runCost properties", () => {
  const input = fc
    .record({
      gpus: fc.integer({ min: 0, max: 1_024 }),
      wallUs: fc.integer({ min: 1, max: 1e12 }),
      // Weights of the five non-compute causes and of compute; integer GPU-µs keep the sum exact.
      weights: fc.array(fc.nat({ max: 1_000 }), { minLength: 6, maxLength: 6 }),
      gpuUsdPerHour: fc.integer({ min: 0, max: 10_000 }).map((cents) => cents / 100), // no subnormal prices
      storage: fc.array(
        fc.record({
          name: fc.constantFrom("ebs-gp3", "fsx-lustre", "checkpoints"),
          monthlyUsd: fc.double({ min: 0, max: 1e5, noNaN: true }),
        }),
        { maxLength: 4 },
      ),
      egressBytes: fc.integer({ min: 0, max: 1e15 }),
      egressUsdPerGb: fc.double({ min: 0, max: 0.2, noNaN: true }),
    })
    .map(({ gpus, wallUs, weights, ...rest }): RunCostInput => {
      const total = gpus * wallUs;
      const sum = weights.reduce((a, b) => a + b, 0);
      const part = (i: number) => (sum === 0 ? 0 : Math.floor((total * (weights[i] ?? 0)) / sum));
      const idle = IDLE_CAUSES.map((c, i) => [c, part(i)] as const);
      const compute = total - idle.reduce((a, [, x]) => a + x, 0);
      return { ...rest, gpus, wallUs, gpuTime: { compute, ...Object.fromEntries(idle) } as GpuTime };
    });

  fcTest.prop([input], { seed: 20_260_101, numRuns: 300 })(
    "total = gpu + storage + egress, gpu = compute + idle, and idle ≤ gpu",
    (x) => {
      const cost = runCost(x);
      expect(near(cost.totalUsd, cost.gpuUsd + cost.storageUsd + cost.egressUsd)).toBe(true);
      expect(near(cost.gpuUsd, cost.computeUsd + cost.idleUsd)).toBe(true);
      expect(cost.idleUsd).toBeLessThanOrEqual(cost.gpuUsd * (1 + 1e-12));
      const byName = Object.values(cost.storageUsdByName).reduce((a, b) => a + b, 0);
      expect(near(cost.storageUsd, byName)).toBe(true);
      expect(near(cost.perYear.totalUsd, (cost.perMonth.totalUsd * 8_760) / 730)).toBe(true);
    },
  );
});
