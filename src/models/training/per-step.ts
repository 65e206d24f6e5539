/**
 * Per-step fidelity: every sample read, every rank's compute and every step boundary is an event.
 *
 * Each rank (GPU) has `workers` loaders that each read one sample at a time as a fluid flow across the
 * rank's node paths to the dataset storage (cache hits skip storage), into a prefetch buffer of
 * `prefetchSteps` batches. A step starts on every rank at once (synchronous data parallel); each rank
 * computes when its batch is complete; the step ends when the slowest rank ends. Checkpoints run at step
 * boundaries; failures interrupt everything, lose the work since the last durable checkpoint, and go
 * through recovery (detection, eviction, volume detach/attach, rescheduling, image pull, restore).
 *
 * GPU-time accounting per step of wall time W: every rank is charged `compute` for W0 = the largest
 * compute time of the step (waiting at the all-reduce for a slower rank's compute is part of the step)
 * and `dataWait` for W − W0.
 *
 * Kernel readahead (sample-reads.ts): a missed sample's flow carries what the device moves for it — a cold
 * read's device bytes × the share still read at its place in the rank's epoch, given the node's page cache
 * and what the node has read this epoch — at one stream's cap for a cold read, so it takes that share of
 * the cold read's time. The reads meter (`bytesRead`) then counts device bytes.
 */
import type { Engine } from "../../sim/engine.ts";
import type { Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { RandomStream } from "../../sim/random.ts";
import type { FabricPaths } from "../storage/fabric.ts";
import { readaheadDeviceShare, type OverReadPattern } from "../storage/readahead.ts";
import { cacheHitRatio } from "./cache.ts";
import type { TrainingJob } from "./job.ts";
import { jobPaths } from "./policy.ts";
import { cachedDeviceShare, sampleReads, type SampleReads } from "./sample-reads.ts";
import { TrainingActor } from "./training-actor.ts";

interface Rank {
  readonly index: number;
  readonly node: number;
  /** Samples ready in the buffer. */
  buffered: number;
  /** Samples being read. */
  inflight: number;
  /** Samples handed to workers since the last (re)start, to stop at the job's end. */
  issued: number;
  /** True while the rank waits for its batch in the current step. */
  waiting: boolean;
  /** Flows in progress, to abort on failure. */
  readonly flows: Set<Flow>;
}

/** Per-step simulation of one training job on an engine, a fluid network and a storage fabric. */
export class PerStepTraining extends TrainingActor {
  private readonly ranks: Rank[];
  private readonly batch: number;
  private readonly capacity: number;
  private readonly reads: SampleReads;
  private readonly sampleRng: RandomStream;
  private readonly computeRng: RandomStream;
  private readonly samplesPerRankEpoch: number;
  /**
   * Per node, with readahead: the latest epoch one of its ranks reads in (−1: none yet, or the node restarted)
   * and the device bytes its reads started since that epoch began, for the page-cache term.
   */
  private readonly nodeReads: { epoch: number; bytes: number }[];
  private step = 0;
  /** The step the data pipeline (re)started at; samples issued count from there. */
  private baseStep = 0;
  private computed = 0;
  private stepStart = 0;
  private computeDone = 0;
  private maxCompute = 0;

  constructor(engine: Engine, net: FluidNetwork, fabric: FabricPaths, job: TrainingJob) {
    super(engine, net, fabric, job);
    const d = job.data;
    this.batch = d.samplesPerStep;
    this.capacity = d.prefetchSteps * d.samplesPerStep;
    this.reads = sampleReads(job);
    this.sampleRng = engine.random(`${job.name}/cache`);
    this.computeRng = engine.random(`${job.name}/compute`);
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
    this.nodeReads = Array.from({ length: this.nodes }, () => ({ epoch: -1, bytes: 0 }));
    this.ranks = Array.from({ length: job.gpus }, (_, index) => ({
      index,
      node: Math.floor(index / job.gpusPerNode),
      buffered: 0,
      inflight: 0,
      issued: 0,
      waiting: false,
      flows: new Set<Flow>(),
    }));
  }

  // ---- hooks ----

  protected override onStart(): void {
    for (const r of this.ranks) this.pump(r);
  }

  protected override resumeTraining(): void {
    this.startStep();
  }

  protected override position(): number {
    return this.step;
  }

  protected override rollback(step: number): void {
    this.step = step;
  }

  protected override stepsComputed(): number {
    return this.computed;
  }

  protected override chargeInterrupted(): void {
    this.gpu.charge("lostWork", this.job.gpus * (this.engine.now - this.stepStart), this.stepStart, this.engine.now);
  }

  protected override abortReading(): void {
    for (const r of this.ranks) {
      for (const f of r.flows) this.net.abort(f);
      r.flows.clear();
      r.buffered = 0;
      r.inflight = 0;
      r.waiting = false;
    }
  }

  protected override afterRecovery(): void {
    this.baseStep = this.step;
    for (const n of this.nodeReads) n.epoch = -1; // restarted nodes: cold page caches
    for (const r of this.ranks) {
      r.issued = 0;
      this.pump(r);
    }
  }

  // ---- data pipeline ----

  private pump(r: Rank): void {
    const total = (this.job.steps - this.baseStep) * this.batch;
    while (r.inflight < this.job.data.workers && r.buffered + r.inflight < this.capacity && r.issued < total) {
      r.inflight++;
      r.issued++;
      this.read(r);
    }
  }

  private read(r: Rank): void {
    const d = this.job.data;
    const sample = this.baseStep * this.batch + r.issued - 1;
    const epoch = Math.floor(sample / this.samplesPerRankEpoch);
    const hit = cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, this.nodes);
    const gen = this.gen;
    if (hit > 0 && this.sampleRng.next() < hit) {
      this.engine.post(0, Priority.COMPLETE, () => this.sampleDone(r, gen, undefined));
      return;
    }
    const pattern = this.reads.pattern;
    const bytes = pattern !== undefined ? this.deviceBytes(r, sample, epoch, pattern) : d.sampleBytes;
    const path = jobPaths(this.job, this.fabric, this.job.dataStorage, r.node).read;
    const flow: Flow = this.net.start(bytes, path, {
      cap: this.reads.streamCap,
      onComplete: () => this.sampleDone(r, gen, flow),
      tag: "read",
      meter: this.rec.reads,
    });
    r.flows.add(flow);
  }

  /**
   * Device bytes of a missed read with readahead: the cold read's × `readaheadDeviceShare` at the middle of the
   * sample's slot in the rank's epoch (f = (k + ½) / samples per rank-epoch, so that an epoch's reads sum to
   * the share's integral), × what the page cache keeps of the over-read given the device bytes the node's
   * ranks have read since the first of them began this epoch (a lagging rank's last reads count there too).
   */
  private deviceBytes(r: Rank, sample: number, epoch: number, pattern: OverReadPattern): number {
    const node = this.nodeReads[r.node]!;
    if (epoch > node.epoch) {
      node.epoch = epoch;
      node.bytes = 0;
    }
    const f = (sample - epoch * this.samplesPerRankEpoch + 0.5) / this.samplesPerRankEpoch;
    const share = readaheadDeviceShare(pattern, f);
    const bytes = this.reads.deviceBytes * cachedDeviceShare(share, this.job.data.cacheBytesPerNode, node.bytes);
    node.bytes += bytes;
    return bytes;
  }

  private sampleDone(r: Rank, gen: number, flow: Flow | undefined): void {
    if (gen !== this.gen) return;
    if (flow !== undefined) r.flows.delete(flow);
    r.inflight--;
    r.buffered++;
    if (r.waiting && r.buffered >= this.batch) this.rankReady(r);
    this.pump(r);
  }

  // ---- steps ----

  private startStep(): void {
    this.state = "train";
    this.stepStart = this.engine.now;
    this.computeDone = 0;
    this.maxCompute = 0;
    for (const r of this.ranks) {
      if (r.buffered >= this.batch) this.rankReady(r);
      else r.waiting = true;
    }
  }

  private rankReady(r: Rank): void {
    r.waiting = false;
    r.buffered -= this.batch;
    this.pump(r);
    const c = this.job.compute;
    const us =
      c.jitterCv > 0 ? Math.max(0, Math.round(this.computeRng.normal(c.stepUs, c.jitterCv * c.stepUs))) : c.stepUs;
    if (us > this.maxCompute) this.maxCompute = us;
    const gen = this.gen;
    this.engine.post(us, Priority.COMPLETE, () => this.computeEnded(gen));
  }

  private computeEnded(gen: number): void {
    if (gen !== this.gen) return;
    if (++this.computeDone < this.job.gpus) return;
    const now = this.engine.now;
    const wall = now - this.stepStart;
    const g = this.job.gpus;
    this.gpu.charge("compute", g * this.maxCompute, this.stepStart, now);
    this.gpu.charge("dataWait", g * (wall - this.maxCompute), this.stepStart, now);
    if (this.firstStepIo < 0) this.firstStepIo = g * (wall - this.maxCompute);
    this.step++;
    this.computed++;
    if (this.step >= this.job.steps) return this.finish();
    if (this.checkpointDue(this.step)) this.beginCheckpoint();
    else this.startStep();
  }
}
