/**
 * Sample sweep documents for the Sweep tab's unit tests, in the shape `stallsim sweep --json` writes
 * (src/studies/sweep/output.ts): presets (text) by loader workers (numbers), 2 × 3 points, and the same
 * grid with the parameters the other way round, so the first one is numeric.
 */
import type { SweepDocument } from "../../web/sweep-doc.ts";

const PRESETS = ["ebs-gp3", "ebs-io2"];
const WORKERS = [2, 4, 8];

function summary(preset: number, workers: number, replications: number) {
  const utilisation = 0.5 + 0.1 * preset + 0.05 * workers;
  return {
    utilisation,
    au: { resnet50: utilisation + 0.01 },
    wallHours: 2 / utilisation,
    gpuHours: 16 / utilisation,
    totalUsd: 40 / utilisation + 10 * preset,
    idlePerYearUsd: (1 - utilisation) * 100_000,
    ...(replications > 1
      ? { halfWidth: { utilisation: 0.01, au: { resnet50: 0.01 }, wallHours: 0.05, totalUsd: 1.5 } }
      : {}),
  };
}

/** `storage.imagenet.preset` (text) × `jobs[0].data.workers` (numbers), or the other order with `workersFirst`. */
export function sampleSweep(options: { workersFirst?: boolean; replications?: number } = {}): SweepDocument {
  const replications = options.replications ?? 1;
  const preset = { path: "storage.imagenet.preset", values: PRESETS };
  const workers = { path: "jobs[0].data.workers", values: WORKERS };
  const params = options.workersFirst ? [workers, preset] : [preset, workers];
  const points = [];
  for (let i = 0; i < params[0]!.values.length; i++) {
    for (let j = 0; j < params[1]!.values.length; j++) {
      const [p, w] = options.workersFirst ? [j, i] : [i, j];
      points.push({
        index: points.length,
        params: { [params[0]!.path]: params[0]!.values[i]!, [params[1]!.path]: params[1]!.values[j]! },
        summary: { alternatives: [{ name: "resnet50", ...summary(p, w, replications) }] },
      });
    }
  }
  return {
    sweep: {
      scenario: "vision-resnet50-gp3",
      hash: `sha256:${"0".repeat(64)}`,
      params,
      seed: null,
      replications,
      fidelity: "bulk",
      points: points.length,
    },
    points,
  };
}
