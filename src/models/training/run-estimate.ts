/**
 * A cheap estimate of a training run without simulating it: the steady-state step time, wall time,
 * checkpoints and failures to expect, and how many engine events each fidelity would take. Used to refuse
 * runs that would take too long and to weight progress bars; it is not a result.
 *
 * Step time: the job's read flows are set up on a throwaway fluid network and fabric (one flow per node, as
 * bulk-advance does) and max-min gives each rank's read rate X; a step takes max(W0, b/X) for batch bytes b
 * after the mean cache hit ratio over the run (with kernel readahead, the mean over each part of each epoch of
 * max(W0, b/X) with b in device bytes and one stream's cap for a cold read: sample-reads.ts). Checkpoints
 * follow the policy (its cost as estimated for Young/Daly); failures are Poisson at GPUs / GPU-MTBF, each
 * costing the recovery downtime and, on average, half a checkpoint interval of lost work (half the run so far
 * when checkpoints do not survive).
 *
 * Events, per-step: each rank's compute end and cache hit is an event; reads that complete together share a
 * completion and a reallocation event, about `samplesPerStep × (1 − hit) / workers` of each per step per
 * group of ranks in lockstep. Steps start on every rank at once, so ranks stay in lockstep (jitter does not
 * change that); random cache hits set them apart, about in proportion to 2·hit·(1 − hit).
 * Bulk-advance: two events (a wake and a reallocation) per phase; a phase per checkpoint (sync) or three
 * (async: snapshot, background write, its end), a few per failure, one per change of the cache hit ratio,
 * and with readahead one per part of an epoch (bulk-phase.ts).
 * Checked against engine event counts in test/scenarios/work.test.ts (within a factor of 3).
 *
 * Units: µs, bytes, events.
 */
import { Engine } from "../../sim/engine.ts";
import { FluidNetwork } from "../../sim/fluid-network.ts";
import { StorageFabric } from "../storage/fabric.ts";
import { readaheadBatchBytes, readaheadParts, type ReadaheadReads } from "./bulk-phase.ts";
import { cacheHitRatio, nextHitRatioChange } from "./cache.ts";
import { expectedMaxNormal } from "./expected-max.ts";
import { nodeClasses, nodesOf, type TrainingJob } from "./job.ts";
import { checkpointIntervalUs, estimateCheckpointCostUs, jobPaths, recoveryDowntimeUs } from "./policy.ts";
import { hasOverReads, sampleReads } from "./sample-reads.ts";

/** What a run of a job is expected to take. */
export interface RunEstimate {
  /** Steady-state step time, µs. */
  readonly stepUs: number;
  /** Wall time, µs (start-up, checkpoints, failures included). */
  readonly wallUs: number;
  readonly checkpoints: number;
  readonly failures: number;
  /** Steps computed, lost ones included. */
  readonly stepsComputed: number;
  /** Nodes of the job. */
  readonly nodes: number;
  /** Per-step fidelity: engine events, sample reads from storage (flows), rate reallocations. */
  readonly perStep: { readonly events: number; readonly reads: number; readonly reallocations: number };
  /** Bulk-advance: engine events (each reallocates one flow per node). */
  readonly bulk: { readonly events: number };
}

/** Epochs of the cache model summed exactly; beyond, the hit ratio is taken at its final value. */
const EXACT_EPOCHS = 10_000;

/** Mean cache hit ratio over `epochs` epochs. */
function meanHitRatio(job: TrainingJob, epochs: number, nodes: number): number {
  const d = job.data;
  if (!(d.cacheBytesPerNode > 0) || epochs <= 0) return 0;
  const n = Math.min(Math.ceil(epochs), EXACT_EPOCHS);
  let sum = 0;
  for (let e = 0; e < n; e++) sum += cacheHitRatio(e, d.cacheBytesPerNode, d.datasetBytes, nodes);
  const final = Math.min(1, d.cacheBytesPerNode / d.datasetBytes);
  return (sum + Math.max(0, epochs - n) * final) / Math.max(epochs, n);
}

/** Changes of the hit ratio by 0.1% or more within `epochs` epochs (bulk-advance starts a phase at each). */
function hitRatioChanges(job: TrainingJob, epochs: number, nodes: number): number {
  const d = job.data;
  if (!(d.cacheBytesPerNode > 0)) return 0;
  let count = 0;
  for (let e = 0; e < epochs && count < 10_000; count++) {
    e = nextHitRatioChange(e, d.cacheBytesPerNode, d.datasetBytes, nodes, 1e-3);
  }
  return count;
}

/** Epochs of the readahead share summed exactly; beyond, the cache hit ratio is taken at its final value. */
const EXACT_READAHEAD_EPOCHS = 64;

/**
 * With readahead, the mean step time over the run, µs: the device share of a read falls over each epoch, so
 * each part of each epoch (bulk-phase.ts) takes max(W0, b/X) with its batch's device bytes b — its miss ratio ×
 * a cold batch × the mean cached share over the part (sample-reads.ts), for a node of `min(gpusPerNode, gpus)`
 * ranks as bulk-advance plans — and X the per-rank read rate (bytes/s).
 */
function readaheadStepUs(
  job: TrainingJob,
  reads: ReadaheadReads,
  epochs: number,
  nodes: number,
  samplesPerRankEpoch: number,
  w0: number,
  x: number,
): number {
  const d = job.data;
  const parts = readaheadParts(job, samplesPerRankEpoch);
  /** Step time summed over `span` (0–1) of an epoch whose miss ratio is `miss`, µs × epochs. */
  const epochUs = (miss: number, span: number): number => {
    let sum = 0;
    for (let p = 0; p < parts && p / parts < span; p++) {
      const f1 = Math.min(span, (p + 1) / parts);
      const b = readaheadBatchBytes(job, reads, samplesPerRankEpoch, miss, p / parts, f1);
      sum += (f1 - p / parts) * Math.max(w0, b > 0 ? (b / x) * 1e6 : 0);
    }
    return sum;
  };
  const n = Math.min(Math.ceil(epochs), EXACT_READAHEAD_EPOCHS);
  let sum = 0;
  for (let e = 0; e < n; e++) {
    sum += epochUs(1 - cacheHitRatio(e, d.cacheBytesPerNode, d.datasetBytes, nodes), Math.min(1, epochs - e));
  }
  if (epochs > n) {
    const final = d.cacheBytesPerNode > 0 ? Math.min(1, d.cacheBytesPerNode / d.datasetBytes) : 0;
    sum += (epochs - n) * epochUs(1 - final, 1);
  }
  return sum / epochs;
}

/**
 * Per-rank read rate (bytes/s) of the slowest node with every loader reading, by max-min on the fabric, with
 * one loader stream capped at `perStream` bytes/s. The job's nodes are two classes — full nodes and, when the
 * GPUs do not fill the last node, one partial node — so the fabric has one node per class, standing for its
 * members (`FabricOptions.multiplicity`): the same rates as one flow per node, in constant time and memory
 * whatever the GPU count. `exact` builds every node instead (for tests).
 */
export function readRate(job: TrainingJob, nodes: number, perStream: number, exact = false): number {
  const d = job.data;
  const classes = exact
    ? Array.from({ length: nodes }, (_, n) => ({
        ranks: Math.min(job.gpusPerNode, job.gpus - n * job.gpusPerNode),
        m: 1,
      }))
    : nodeClasses(job);
  const net = new FluidNetwork(new Engine(), "estimate");
  const fabric = new StorageFabric(net, {
    nodes: classes.length,
    nicBytesPerSecond: job.nicBytesPerSecond,
    remoteDiskBytesPerSecond: job.remoteDiskBytesPerSecond,
    multiplicity: classes.map((c) => c.m),
  });
  // `workers: 0` (pytorch) reads in the training process: one stream per rank, as bulk.ts's readers.
  const streams = Math.max(1, d.workers);
  const flows = classes.map(({ ranks, m }, n) => {
    const path = jobPaths(job, fabric, job.dataStorage, n).read;
    const cap = m * ranks * streams * perStream;
    if (path.length === 0 && cap === Infinity) return { ranks: m * ranks, flow: undefined };
    return { ranks: m * ranks, flow: net.start(1e18, path, { weight: m * ranks * streams, cap }) };
  });
  let slowest = Infinity;
  for (const { ranks, flow } of flows) if (flow !== undefined) slowest = Math.min(slowest, net.rate(flow) / ranks);
  return slowest;
}

/** The checkpoint interval, µs; Infinity where the run would reject it (Young/Daly without failures). */
function intervalOrNone(job: TrainingJob, costUs: number): number {
  try {
    return checkpointIntervalUs(job.checkpoint!, costUs, job) ?? Infinity;
  } catch {
    return Infinity;
  }
}

/** Estimates a run of `job` without simulating it. Cheap: one max-min on the job's fabric. */
export function estimateRun(job: TrainingJob): RunEstimate {
  const d = job.data;
  const nodes = nodesOf(job);
  const c = job.compute;
  const w0 = c.jitterCv > 0 ? expectedMaxNormal(c.stepUs, c.jitterCv * c.stepUs, job.gpus) : c.stepUs;
  const samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
  const epochs = (job.steps * d.samplesPerStep) / samplesPerRankEpoch;
  const hit = meanHitRatio(job, epochs, nodes);
  const reads = sampleReads(job);
  const batch = d.samplesPerStep * d.sampleBytes * (1 - hit);
  const x = batch > 0 ? readRate(job, nodes, reads.streamCap) : Infinity;
  const stepUs =
    hasOverReads(reads) && x < Infinity
      ? Math.max(1, readaheadStepUs(job, reads, epochs, nodes, samplesPerRankEpoch, w0, x))
      : Math.max(w0, x > 0 ? (batch / x) * 1e6 : Infinity, 1);
  const trainUs = job.steps * stepUs;

  let checkpoints = 0;
  let ckCostUs = 0;
  let intervalUs = Infinity;
  const ck = job.checkpoint;
  if (ck !== undefined) {
    // One fabric node per class of identical nodes (sharded writes), or the one writer node.
    const classes = ck.sharded ? nodeClasses(job) : [{ ranks: Math.min(job.gpus, job.gpusPerNode), m: 1 }];
    const fabric = new StorageFabric(new FluidNetwork(new Engine(), "estimate"), {
      nodes: classes.length,
      nicBytesPerSecond: job.nicBytesPerSecond,
      remoteDiskBytesPerSecond: job.remoteDiskBytesPerSecond,
      multiplicity: classes.map((c) => c.m),
    });
    ckCostUs = estimateCheckpointCostUs(job, fabric, ck.sharded ? classes : undefined);
    intervalUs = ck.interval.kind === "steps" ? ck.interval.steps * stepUs : intervalOrNone(job, ckCostUs);
    checkpoints = trainUs / Math.max(intervalUs - ckCostUs, stepUs);
  }
  const wall0 = (job.startupUs ?? 0) + trainUs + checkpoints * ckCostUs;

  let failures = 0;
  let lostUs = 0;
  const mtbf = job.failures?.gpuMtbfUs ?? Infinity;
  if (mtbf < Infinity) {
    const survives = ck !== undefined && ck.storage.survivesNodeLoss;
    const lostPer = survives ? Math.min(intervalUs, wall0) / 2 : wall0 / 2;
    const per = recoveryDowntimeUs(job) + ckCostUs + lostPer;
    failures = Math.min((job.gpus * wall0) / mtbf, 1e6);
    failures = Math.min((job.gpus * (wall0 + failures * per)) / mtbf, 1e6);
    lostUs = failures * lostPer;
  }
  const wallUs = wall0 + failures * (recoveryDowntimeUs(job) + ckCostUs) + lostUs;
  const stepsComputed = job.steps + lostUs / stepUs;

  // Per-step: compute ends and cache hits per rank; shared completion + reallocation instants per group.
  const lockstep = 1 + (job.gpus - 1) * 2 * hit * (1 - hit);
  const instants = stepsComputed * lockstep * Math.max(1, (d.samplesPerStep * (1 - hit)) / Math.max(1, d.workers));
  const perStep =
    stepsComputed * job.gpus * (1 + d.samplesPerStep * hit) + 2 * instants + 6 * checkpoints + 10 * failures;
  // Bulk-advance: two events per phase.
  const phasesPerCheckpoint = ck?.mode === "async" ? 4 : 2;
  const readaheadPhases =
    reads.pattern !== undefined ? Math.ceil(epochs * readaheadParts(job, samplesPerRankEpoch)) : 0;
  const phases =
    2 + checkpoints * phasesPerCheckpoint + 4 * failures + hitRatioChanges(job, epochs, nodes) + readaheadPhases;
  return {
    stepUs,
    wallUs,
    checkpoints,
    failures,
    stepsComputed,
    nodes,
    perStep: {
      events: Math.ceil(perStep),
      reads: Math.ceil(stepsComputed * job.gpus * d.samplesPerStep * (1 - hit)),
      reallocations: Math.ceil(instants),
    },
    bulk: { events: Math.ceil(2 * phases) },
  };
}
