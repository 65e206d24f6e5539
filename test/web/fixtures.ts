/**
 * Sample API documents for the web UI's unit tests, made by the simulator itself (nothing hand-built that the
 * model could disagree with): a small cluster with two jobs of different lengths (one checkpointing to a second
 * binding), the bundled MIG serving scenario, and three compared entries as `GET /api/compare` gives them.
 */
import { loadScenario } from "../../src/scenarios/bundled.ts";
import type { AlternativeResult, ScenarioResult } from "../../src/scenarios/result/index.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";
import type { CompareRun, HoursByCause } from "../../web/types.ts";
import { emptyGpuTime } from "../../src/models/gpu-time.ts";

let cached: ScenarioResult | undefined;

/** Two jobs on a 3-node cluster (one alternative, "cluster"), per-step, about 0.2 h. */
export function sampleResult(): ScenarioResult {
  cached ??= runScenario(
    validateScenario({
      name: "sample",
      description: "a sample",
      fidelity: "per-step",
      cluster: { nodeType: "p5.48xlarge", pools: [{ name: "gpu", nodes: 3 }] },
      storage: {
        data: { preset: "fsx-lustre", capacity: "4TB" },
        ckpt: { preset: "fsx-lustre", capacity: "4TB" },
      },
      jobs: [
        {
          name: "a",
          gpus: 8,
          steps: 1500,
          compute: { stepTime: "300ms" },
          data: { storage: "data", samplesPerStep: 4, sampleSize: "50MB", datasetSize: "1TB" },
          checkpoint: { storage: "ckpt", size: "50GB", interval: "2m", mode: "async" },
        },
        {
          name: "b",
          gpus: 16,
          steps: 800,
          compute: { stepTime: "300ms" },
          data: { storage: "data", samplesPerStep: 2, sampleSize: "20MB", datasetSize: "1TB" },
        },
      ],
    }),
  );
  return cached;
}

/** The sample's only alternative. */
export const sampleAlternative = (): AlternativeResult => sampleResult().alternatives[0]!;

/** The MIG serving alternative of the bundled `inference-mig-cold-start`. */
export async function servingAlternative(): Promise<AlternativeResult> {
  const r = runScenario(validateScenario((await loadScenario("inference-mig-cold-start")).data));
  return r.alternatives[0]!;
}

const hours = (compute: number, dataWait: number, checkpointWait: number, recovery = 0, lostWork = 0, idle = 0) =>
  ({ ...emptyGpuTime(), compute, dataWait, checkpointWait, recovery, lostWork, idle }) as HoursByCause;

export function sampleCompare(): CompareRun[] {
  const run = (id: string, label: string, utilisation: number, totalUsd: number, dataWait: number): CompareRun => {
    const byCause = hours(100 * utilisation, dataWait, 3, 1, 0.5, 100 - 100 * utilisation - dataWait - 4.5);
    return {
      id,
      name: "llm-pretrain",
      alternative: "llama-70b",
      label,
      seed: 1,
      replications: 1,
      utilisation,
      totalUsd,
      gpuHours: 100,
      byCause,
      gpuUsdByCause: Object.fromEntries(Object.entries(byCause).map(([c, h]) => [c, h * 4])) as HoursByCause,
      wallHours: 12.5,
      perMonthUsd: totalUsd * 58.4,
      idlePerYearUsd: (1 - utilisation) * 100 * 4 * 700.8,
    };
  };
  return [
    run("r00000001", "storage.checkpoints.preset=ebs-gp3", 0.72, 3200, 20),
    run("r00000002", "storage.checkpoints.preset=fsx-lustre, seed 1", 0.9, 2900, 4),
    run("r00000003", "storage.checkpoints.preset=fsx-lustre, seed 2", 0.88, 2950, 5),
  ];
}
