/**
 * The work estimate (src/scenarios/work.ts, src/models/training/run-estimate.ts): it orders scenarios
 * sensibly (more steps, GPUs, nodes or checkpoints: more work; replications multiply), picks fidelities as
 * the run does, stays within a factor of 3 of the engine events a run really takes, and is cheap.
 */
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../src/scenarios/bundled.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import { simulateJob } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";
import { estimateScenarioWork, jobWork } from "../../src/scenarios/work.ts";
import { hours, minutes, s } from "../../src/sim/time.ts";
import { syntheticStorage, unet3dJob } from "../helpers/training.ts";

const scenario = (job: Partial<ScenarioSpec["jobs"][number]> = {}): ScenarioSpec => ({
  name: "w",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { data: { preset: "fsx-lustre", capacity: "4TB" } },
  jobs: [
    {
      name: "train",
      gpus: 8,
      steps: 1000,
      compute: { stepTime: "300ms" },
      data: { storage: "data", samplesPerStep: 4, sampleSize: "50MB", datasetSize: "1TB" },
      ...job,
    },
  ],
});
const units = (spec: ScenarioSpec, opts = {}) => estimateScenarioWork(validateScenario(spec), opts).units;

describe("estimateScenarioWork orders scenarios sensibly", () => {
  test("a per-step job with more steps or more GPUs estimates more", () => {
    const base = units(scenario());
    expect(units(scenario({ steps: 4000 }))).toBeGreaterThan(3 * base);
    expect(units(scenario({ gpus: 64 }))).toBeGreaterThan(4 * base);
    expect(estimateScenarioWork(validateScenario(scenario())).perJob[0]!.fidelity).toBe("per-step");
  });

  test("a bulk job with more nodes or more checkpoints estimates more; bulk is far cheaper than per-step", () => {
    const big = (gpus: number, interval: string) =>
      scenario({ gpus, duration: "720h", steps: undefined, checkpoint: { storage: "data", size: "100GB", interval } });
    const small = units(big(256, "1h"));
    expect(estimateScenarioWork(validateScenario(big(256, "1h"))).perJob[0]!.fidelity).toBe("bulk");
    expect(units(big(4096, "1h"))).toBeGreaterThan(4 * small);
    expect(units(big(256, "10m"))).toBeGreaterThan(3 * small);
    expect(units(scenario(), { fidelity: "bulk" })).toBeLessThan(units(scenario()) / 100);
  });

  test("replications multiply; the fidelity override is the run's", () => {
    const one = estimateScenarioWork(validateScenario(scenario()));
    const three = estimateScenarioWork(validateScenario(scenario()), { replications: 3 });
    expect(three.units).toBe(3 * one.units);
    expect(three.perJob[0]!.events).toBe(3 * one.perJob[0]!.events);
    expect(estimateScenarioWork(validateScenario(scenario()), { fidelity: "bulk" }).perJob[0]!.fidelity).toBe("bulk");
    expect(() => estimateScenarioWork(validateScenario(scenario()), { replications: 0 })).toThrow(
      "invalid replications: 0",
    );
  });

  test("it is cheap: a 16,384-GPU, 30-day scenario is estimated in well under a second", () => {
    const spec = scenario({
      gpus: 16_384,
      steps: undefined,
      duration: "720h",
      // Small samples: with 50 MB ones a 4 TB Lustre makes each step wait 15 minutes (refused: 496 years).
      data: { storage: "data", samplesPerStep: 4, sampleSize: "50KB", datasetSize: "1TB" },
      checkpoint: { storage: "data", size: "5.7TB", interval: "young" },
      failures: {},
    });
    const t0 = performance.now();
    const w = estimateScenarioWork(validateScenario(spec));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(w.perJob[0]!.fidelity).toBe("bulk");
    expect(w.units).toBeGreaterThan(0);
  });
});

describe("the estimate is within a factor of 3 of the engine events a run takes", async () => {
  const D = (7 * 146.6e6) / 0.323;
  const cases: { label: string; job: ReturnType<typeof unet3dJob>; fidelity: "per-step" | "bulk" }[] = [];
  for (const [name, fidelity] of [
    ["mlperf-unet3d-h100", "per-step"],
    ["llm-pretrain-lustre", "bulk"],
    ["node-failure-rwo-vs-rwx", "bulk"],
    ["fleet-idle-spend", "bulk"],
  ] as const) {
    const { data } = await loadScenario(name);
    const job = resolveScenario(validateScenario(data)).jobs[0]!;
    cases.push({ label: `${name}/${job.name}`, job, fidelity });
  }
  cases.push({
    label: "per-step, 16 GPUs, page cache warming",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D }), {
      gpus: 16,
      steps: 300,
      data: { ...unet3dJob(syntheticStorage({})).data, datasetBytes: 146.6e6 * 7 * 16 * 20, cacheBytesPerNode: 8e11 },
    }),
    fidelity: "per-step",
  });
  cases.push({
    label: "per-step, failures and checkpoints",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 }), {
      steps: 4000,
      checkpoint: {
        bytes: 1e9,
        interval: { kind: "fixed", us: minutes(10) },
        mode: "sync",
        sharded: true,
        retention: 2,
        weight: 1,
        rateLimitBytesPerSecond: Infinity,
        writeRequestBytes: 4 * 2 ** 20,
        storage: syntheticStorage({ name: "ck", readBytesPerSecond: 20e9, writeBytesPerSecond: 10e9 }),
      },
      failures: {
        gpuMtbfUs: hours(2),
        detectUs: s(50),
        tolerationUs: s(300),
        forceDetachUs: minutes(6),
        outOfServiceTaint: false,
        rescheduleUs: s(30),
        zonePinnedWaitUs: 0,
        imagePullUs: s(60),
      },
    }),
    fidelity: "per-step",
  });

  test.for(cases)("$label ($fidelity)", ({ job, fidelity }) => {
    const { events } = simulateJob(job, fidelity, 1);
    const estimated = jobWork(job, fidelity).events;
    expect(estimated / events).toBeGreaterThan(1 / 3);
    expect(estimated / events).toBeLessThan(3);
  });
});
