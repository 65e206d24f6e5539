/**
 * Phase arithmetic of the bulk-advance fidelity (bulk.ts), as pure functions of the job and where it stands:
 * the batch bytes a rank reads from storage at a position (cache hits excluded), and how many steps the
 * steady state lasts before the next change (the end, a cache hit-ratio change of 0.1% or more, a checkpoint
 * due at a step boundary).
 *
 * Units: steps (possibly fractional), bytes, µs.
 */
import { cacheHitRatio, nextHitRatioChange } from "./cache.ts";
import type { TrainingJob } from "./job.ts";

const EPS = 1e-9;

/** Where a bulk-advance job stands when it plans a phase. */
export interface PhaseState {
  /** Steps done (fractional inside a phase). */
  readonly stepPos: number;
  /** Steady-state step time of the phase, µs. */
  readonly stepUs: number;
  readonly nowUs: number;
  /** When the last checkpoint (or the start, or a recovery) was, µs. */
  readonly lastCheckpointAtUs: number;
  /** Checkpoint interval in time, µs (undefined: none, or one in steps). */
  readonly intervalUs: number | undefined;
  /** Samples a rank reads per epoch. */
  readonly samplesPerRankEpoch: number;
  /** Nodes of the job (the cache model's reshuffle spreads the dataset over them). */
  readonly nodes: number;
}

/** Batch bytes a rank reads from storage per step at `stepPos` (cache hits excluded). */
export function batchBytesAt(job: TrainingJob, stepPos: number, samplesPerRankEpoch: number, nodes: number): number {
  const d = job.data;
  const epoch = Math.floor((stepPos * d.samplesPerStep + EPS) / samplesPerRankEpoch);
  return d.samplesPerStep * d.sampleBytes * (1 - cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, nodes));
}

/** Steps (possibly fractional, ≥ 0) from `s.stepPos` to the next change. */
export function stepsToNextChange(job: TrainingJob, s: PhaseState): number {
  const d = job.data;
  let steps = job.steps - s.stepPos;
  if (d.cacheBytesPerNode > 0) {
    // The hit ratio changes with the epoch; group epochs whose ratios differ by less than 0.1%.
    const epoch = Math.floor((s.stepPos * d.samplesPerStep + EPS) / s.samplesPerRankEpoch);
    const next = nextHitRatioChange(epoch, d.cacheBytesPerNode, d.datasetBytes, s.nodes, 1e-3);
    steps = Math.min(steps, (next * s.samplesPerRankEpoch) / d.samplesPerStep - s.stepPos);
  }
  const ck = job.checkpoint;
  if (ck !== undefined) {
    const firstBoundary = Math.ceil(s.stepPos - EPS) - s.stepPos; // 0 when on a boundary
    if (ck.interval.kind === "steps") {
      const k = ck.interval.steps;
      steps = Math.min(steps, (Math.floor(s.stepPos / k + EPS) + 1) * k - s.stepPos);
    } else if (s.intervalUs !== undefined) {
      const due = s.lastCheckpointAtUs + s.intervalUs;
      const wait = (due - s.nowUs) / s.stepUs; // steps until due
      const first = firstBoundary > EPS ? firstBoundary : 1;
      const k = wait <= first ? first : first + Math.ceil(wait - first - EPS);
      steps = Math.min(steps, k);
    }
  }
  return Math.max(steps, 0);
}
