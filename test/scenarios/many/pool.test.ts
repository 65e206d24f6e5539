/**
 * runPoints: results in point order and byte-identical whether run serially in this thread or on worker
 * threads (the bootstrap registers tsx in each thread, so this runs the TypeScript sources under vitest too);
 * progress that only grows and ends at (total, total); the lowest failing point reported either way.
 */
import { afterAll, describe, expect, test } from "vitest";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import { isScenarioError } from "../../../src/scenarios/errors.ts";
import type { ScenarioConfig } from "../../../src/scenarios/schema/scenario.ts";
import { PointPool, PointRunError, runPoints, type SimPoint } from "../../../src/scenarios/many/pool.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";

const load = async (name: string): Promise<ScenarioConfig> => {
  const { data, source } = await loadScenario(name);
  return validateScenario(data, source);
};
const vision = await load("vision-resnet50-gp3");
const ckpt = await load("checkpoint-vs-reads");
const withThroughput = (c: ScenarioConfig, bytesPerSecond: number): ScenarioConfig => ({
  ...c,
  storage: Object.fromEntries(Object.entries(c.storage).map(([k, b]) => [k, { ...b, throughput: bytesPerSecond }])),
});

// The slowest point first, so threads finish out of order.
const POINTS: SimPoint[] = [
  { config: ckpt, fidelity: "bulk" },
  ...[125, 250, 500].map((m) => ({ config: withThroughput(vision, m * 2 ** 20), fidelity: "bulk" as const })),
  { config: vision, seed: 5, fidelity: "bulk" },
  { config: vision, replications: 3, fidelity: "bulk" },
];
// Validates, but its run throws (gp3 tops out at 1,000 MiB/s).
const BAD: SimPoint = { config: withThroughput(vision, 100e9), fidelity: "bulk" };

const pool = new PointPool(2);
afterAll(() => pool.close());

const progressLog = () => {
  const calls: [number, number][] = [];
  return { calls, onProgress: (d: number, t: number) => void calls.push([d, t]) };
};

describe("runPoints", () => {
  test("gives byte-identical results on 1 thread and on 2 worker threads, in point order", async () => {
    const serial = await runPoints(POINTS, { workers: 1 });
    const parallel = await runPoints(POINTS, { workers: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
    expect(serial.map((r) => r.scenario)).toEqual([ckpt.name, ...Array(5).fill(vision.name)]);
    expect(serial[4]!.seed).toBe(5);
    expect(serial[5]!.replications).toBe(3);
  });

  test.for([
    ["in this thread", () => ({ workers: 1 })],
    ["on a pool", () => ({ pool })],
  ] as const)("reports growing progress ending at (total, total) %s", async ([, opts]) => {
    const log = progressLog();
    await runPoints(POINTS, { ...opts(), onProgress: log.onProgress });
    const done = log.calls.map(([d]) => d);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1]!)).toBe(true);
    expect(log.calls.at(-1)).toEqual([POINTS.length, POINTS.length]);
    expect(log.calls.every(([, t]) => t === POINTS.length)).toBe(true);
  });

  test.for([
    ["in this thread", () => ({ workers: 1 })],
    ["on a pool", () => ({ pool })],
  ] as const)("rejects with the lowest failing point %s", async ([, opts]) => {
    const points = [POINTS[1]!, BAD, POINTS[2]!, BAD];
    const e = await runPoints(points, opts()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PointRunError);
    expect((e as PointRunError).index).toBe(1);
    expect(isScenarioError((e as PointRunError).cause)).toBe(true);
    expect((e as Error).message).toMatch(/^point 1: .*ebs-gp3 gives per volume/);
  });

  test("a pool keeps working after a failure and across calls", async () => {
    const again = await runPoints(POINTS.slice(1, 4), { pool });
    expect(again.map((r) => r.alternatives[0]!.storage[0]!.bytesPerSecond)).toEqual(
      [125, 250, 500].map((m) => m * 2 ** 20),
    );
  });

  test("an empty list resolves at once; a bad worker count and an aborted signal reject", async () => {
    expect(await runPoints([], { workers: 3 })).toEqual([]);
    await expect(runPoints(POINTS, { workers: 0 })).rejects.toThrow("invalid workers: 0");
    const aborted = AbortSignal.abort(new Error("stop"));
    await expect(runPoints(POINTS, { workers: 1, signal: aborted })).rejects.toThrow("stop");
  });
});
