/**
 * Phase arithmetic of the bulk-advance fidelity (bulk.ts), as pure functions of the job and where it stands:
 * the batch bytes a rank reads from storage at a position (cache hits excluded), and how many steps the
 * steady state lasts before the next change (the end, a cache hit-ratio change of 0.1% or more, a checkpoint
 * due at a step boundary, and with kernel readahead every 5 % of an epoch).
 *
 * With readahead (sample-reads.ts) the device share of a read falls over each epoch, so a phase ends at every
 * 20th of an epoch (fewer parts when an epoch has under 20 steps: a part is at least one step; epoch ends are
 * always part ends) and its batch bytes are a cold batch's device bytes × the mean cached share over the part.
 *
 * Units: steps (possibly fractional), bytes, µs.
 */
import { cacheHitRatio, nextHitRatioChange } from "./cache.ts";
import type { TrainingJob } from "./job.ts";
import { hasOverReads, meanCachedDeviceShare, type SampleReads } from "./sample-reads.ts";

const EPS = 1e-9;

/** Sample reads that over-read (readahead): their pattern is known. */
export type ReadaheadReads = SampleReads & { readonly pattern: NonNullable<SampleReads["pattern"]> };

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
  /** How the job's sample reads reach the device (sample-reads.ts); absent: as without readahead. */
  readonly reads?: SampleReads | undefined;
}

/** Parts of an epoch a readahead job's phases end at: 20, or the epoch's whole steps when fewer (at least 1). */
export function readaheadParts(job: TrainingJob, samplesPerRankEpoch: number): number {
  return Math.min(20, Math.max(1, Math.floor(samplesPerRankEpoch / job.data.samplesPerStep)));
}

/** Where `stepPos` is in its epoch's readahead part: the epoch, the part's span [f0, f1], its end in samples. */
function readaheadPart(job: TrainingJob, stepPos: number, samplesPerRankEpoch: number) {
  const x = stepPos * job.data.samplesPerStep;
  const epoch = Math.floor((x + EPS) / samplesPerRankEpoch);
  const parts = readaheadParts(job, samplesPerRankEpoch);
  const within = Math.max(0, x - epoch * samplesPerRankEpoch);
  const part = Math.min(parts - 1, Math.floor(((within + EPS) * parts) / samplesPerRankEpoch));
  return {
    epoch,
    f0: within / samplesPerRankEpoch,
    f1: (part + 1) / parts,
    endSamples: epoch * samplesPerRankEpoch + ((part + 1) * samplesPerRankEpoch) / parts,
  };
}

/**
 * Batch bytes a rank reads from storage per step at `stepPos` (cache hits excluded). With readahead
 * (`reads.pattern` defined): device bytes, at the mean cached share from `stepPos` to the end of its part of the
 * epoch, for a node of `min(gpusPerNode, gpus)` ranks (the fullest node, the slowest).
 */
export function batchBytesAt(
  job: TrainingJob,
  stepPos: number,
  samplesPerRankEpoch: number,
  nodes: number,
  reads?: SampleReads,
): number {
  const d = job.data;
  if (d.inMemory === true) return 0;
  if (reads === undefined || !hasOverReads(reads)) {
    const epoch = Math.floor((stepPos * d.samplesPerStep + EPS) / samplesPerRankEpoch);
    return d.samplesPerStep * d.sampleBytes * (1 - cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, nodes));
  }
  const { epoch, f0, f1 } = readaheadPart(job, stepPos, samplesPerRankEpoch);
  const miss = 1 - cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, nodes);
  return readaheadBatchBytes(job, reads, samplesPerRankEpoch, miss, f0, f1);
}

/**
 * A rank's device bytes per step with readahead over the span [f0, f1] of an epoch whose miss ratio is `miss`: a
 * cold batch's device bytes × the mean cached share over the span, for the fullest node (`min(gpusPerNode, gpus)`
 * ranks). The one definition the bulk-advance phases (above) and the run estimate (run-estimate.ts) share.
 */
export function readaheadBatchBytes(
  job: TrainingJob,
  reads: ReadaheadReads,
  samplesPerRankEpoch: number,
  miss: number,
  f0: number,
  f1: number,
): number {
  const d = job.data;
  const cold = Math.min(job.gpusPerNode, job.gpus) * samplesPerRankEpoch * miss * reads.deviceBytes;
  const share = meanCachedDeviceShare(reads.pattern, f0, f1, cold, d.cacheBytesPerNode);
  return d.samplesPerStep * reads.deviceBytes * miss * share;
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
  if (s.reads?.pattern !== undefined) {
    // The readahead share falls over the epoch: end the phase with its part (5 % of an epoch).
    const { endSamples } = readaheadPart(job, s.stepPos, s.samplesPerRankEpoch);
    steps = Math.min(steps, endSamples / d.samplesPerStep - s.stepPos);
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
