/**
 * The engine against queueing theory: mean waits of simulated queues within 2% of the closed forms at
 * 10^6 customers, with fixed seeds.
 */
import { describe, expect, test } from "vitest";
import { md1Wait, mmcWait, simulateQueueCallbacks, simulateQueueProcesses } from "../helpers/queues.ts";

const N = 1_000_000;
const relErr = (got: number, want: number): number => Math.abs(got - want) / want;

describe("closed-form queueing results at 10^6 customers", () => {
  test("M/M/1 (ρ = 0.6, callbacks) mean wait is within 2% of ρ/(μ−λ)", () => {
    const lambda = 0.6;
    const mu = 1;
    const run = simulateQueueCallbacks({ customers: N, lambda, mu, seed: 1 });
    expect(run.customers).toBe(N);
    expect(relErr(run.meanWait, mmcWait(lambda, mu, 1))).toBeLessThan(0.02);
    expect(mmcWait(lambda, mu, 1)).toBeCloseTo(lambda / mu / (mu - lambda), 12);
  });

  test("M/M/3 (ρ = 0.7, generator processes) mean wait is within 2% of Erlang C", () => {
    const lambda = 2.1;
    const mu = 1;
    const run = simulateQueueProcesses({ customers: N, lambda, mu, servers: 3, seed: 2 });
    expect(relErr(run.meanWait, mmcWait(lambda, mu, 3))).toBeLessThan(0.02);
  });

  test("M/D/1 (ρ = 0.7) mean wait is within 2% of Pollaczek–Khinchine", () => {
    const lambda = 0.7;
    const mu = 1;
    const run = simulateQueueCallbacks({ customers: N, lambda, mu, seed: 3, service: "deterministic" });
    expect(relErr(run.meanWait, md1Wait(lambda, mu))).toBeLessThan(0.02);
  });

  test("the callback and generator-process versions of one queue give identical waits for one seed", () => {
    const params = { customers: 20_000, lambda: 2.5, mu: 1, servers: 3, seed: 9 };
    const a = simulateQueueCallbacks(params);
    const b = simulateQueueProcesses(params);
    expect(b.meanWait).toBe(a.meanWait);
    expect(b.simSeconds).toBe(a.simSeconds);
  });

  test("Erlang C matches a hand-computed value", () => {
    // c = 2, a = 1: C = (a^2/2!)/(1-ρ) / (1 + a + (a^2/2!)/(1-ρ)) = 1/(1+1+1) = 1/3.
    expect(mmcWait(1, 1, 2)).toBeCloseTo(1 / 3 / (2 - 1), 12);
  });
});
