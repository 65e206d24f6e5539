/**
 * A small storage-bound scenario for planner tests: one p5.48xlarge node (8 GPUs) reading 32 MiB samples from a
 * per-node volume, 1 GiB/s wanted, 300 one-second steps, no image pull, bulk fidelity (a run takes milliseconds); plus a
 * memoising runner that counts the designs it simulates.
 */
import type { ScenarioResult } from "../../../src/scenarios/result/index.ts";
import { runScenario, type RunOptions } from "../../../src/scenarios/run.ts";
import type { ScenarioConfig, ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import type { ScenarioRunner } from "../../../src/studies/plan/runner.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";

/** The scenario with `goal` and `search` (and any top-level field) replaced. */
export function smallScenario(extra: Partial<ScenarioSpec> = {}): ScenarioSpec {
  return {
    name: "small-plan",
    seed: 1,
    fidelity: "bulk",
    cluster: { nodeType: "p5.48xlarge" },
    storage: { data: { preset: "ebs-gp3", capacity: "100GB" } },
    jobs: [
      {
        name: "train",
        gpus: 8,
        steps: 300,
        imagePull: "0s",
        compute: { stepTime: "1s" },
        data: { storage: "data", samplesPerStep: 4, sampleSize: "32MiB", datasetSize: "100GB", workers: 4 },
      },
    ],
    goal: { utilisation: "50%" },
    ...extra,
  };
}

/** `smallScenario(extra)` validated. */
export const smallConfig = (extra: Partial<ScenarioSpec> = {}): ScenarioConfig =>
  validateScenario(smallScenario(extra));

/** A serial runner that remembers results by config (across plans) and counts the designs each plan simulates. */
export function memoRunner(): {
  make: (opts: Pick<RunOptions, "seed" | "replications" | "fidelity" | "profiles">) => ScenarioRunner;
  /** Designs simulated since the last `reset()` (cached ones count too: the count is the planner's). */
  count: () => number;
  reset: () => void;
} {
  const cache = new Map<string, ScenarioResult>();
  let n = 0;
  return {
    make: (opts) => async (configs) =>
      configs.map((c) => {
        n++;
        const key = JSON.stringify([c, opts.seed, opts.replications, opts.fidelity]);
        let r = cache.get(key);
        if (r === undefined) cache.set(key, (r = runScenario(c, opts)));
        return r;
      }),
    count: () => n,
    reset: () => void (n = 0),
  };
}
