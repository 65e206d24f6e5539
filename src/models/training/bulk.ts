/**
 * Bulk-advance fidelity: while nothing changes, the steady-state step time is computed and the clock jumps
 * to the next change (a checkpoint, a failure, an epoch boundary with a new cache hit ratio, the end of a
 * background write, the job's end). This is what makes a 30-day run of a 16k-GPU job take seconds.
 *
 * Steady state of a phase: every node's readers are one long-lived fluid flow standing for its
 * `ranks × workers` streams (max-min weight = streams, cap = ranks × min(workers × one stream's rate, the
 * demand b/W0)), so reads take no more than they need and a background checkpoint write gets the rest. With
 * per-rank read rate X, batch bytes b (after cache hits) and mean step compute W0 (the expected maximum of
 * the ranks' jittered computes), a step takes T = max(W0, b/X). After a start or a recovery the prefetch
 * buffer is empty, so the first step also waits b/X_full (the uncapped rate). Checkpoints, failures and
 * recovery follow the per-step model (per-step.ts); the differences are listed in docs/model.md.
 *
 * With kernel readahead (sample-reads.ts) the batch bytes are device bytes at the mean share of the phase's part
 * of the epoch (bulk-phase.ts ends a phase every 5 % of an epoch) and one stream's cap is a cold read's.
 *
 * On a shared fabric (a cluster: other jobs' flows come and go) the job checks its readers' rates after every
 * reallocation; when they moved, the phase is settled at the old rate and a new one planned at the new rate,
 * keeping a partly filled buffer and unspent prefetch credit. Alone on its fabric this never fires.
 */
import type { Engine, EventHandle } from "../../sim/engine.ts";
import type { FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { FabricPaths } from "../storage/fabric.ts";
import { BulkReaders } from "./bulk-readers.ts";
import { batchBytesAt, stepsToNextChange } from "./bulk-phase.ts";
import { expectedMaxNormal } from "./expected-max.ts";
import { bufferBatches, hasLoaderCpu, NO_LOADER_CPU, type TrainingJob } from "./job.ts";
import { jobPaths } from "./policy.ts";
import { sampleReads, type SampleReads } from "./sample-reads.ts";
import { TrainingActor } from "./training-actor.ts";

const EPS = 1e-9;

/** Bulk-advance simulation of one training job (alone on its fabric, or on a shared cluster's). */
export class BulkTraining extends TrainingActor {
  private readonly reads: SampleReads;
  private readonly w0: number;
  private readonly samplesPerRankEpoch: number;
  private readonly readers: BulkReaders;
  private unwatch: (() => void) | undefined;
  private stepPos = 0;
  private computed = 0;
  private phaseAt = 0;
  private stepUs = 0;
  private wake: EventHandle | undefined;
  private needsFill = true;
  private filling = false;
  /** Share of the first batch still to read after a re-plan cut a fill short (else 1), and the fill's µs. */
  private fillLeft = 1;
  private fillUs = 0;
  /** Data wait of fills cut short by re-plans, GPU-µs (part of the first step's I/O). */
  private fillIo = 0;
  /** Credit the current phase spends and its planned steps (a re-plan gives back what is unspent). */
  private phaseCredit = 0;
  private phaseSteps = 0;
  /** Batches per rank prefetched during a pause (checkpoint), spent at the start of the next phase. */
  private credit = 0;
  /** Steady-state step time of the last phase, µs (before any credit). */
  private steadyStepUs = 0;
  /**
   * The loader's CPU and kind, when they change the step (undefined: the pool with no CPU time, the step is
   * max(W0, batch read time) as before): worker-side CPU per batch (samples' and collate), the training
   * process's per batch, cores per rank, workers, and whether the training process loads (num_workers 0).
   */
  private readonly loader:
    { workerCpuUs: number; mainUs: number; coresPerRank: number; workers: number; inMain: boolean } | undefined;

  constructor(engine: Engine, net: FluidNetwork, fabric: FabricPaths, job: TrainingJob) {
    super(engine, net, fabric, job);
    const d = job.data;
    this.reads = sampleReads(job);
    const c = job.compute;
    this.w0 = c.jitterCv > 0 ? expectedMaxNormal(c.stepUs, c.jitterCv * c.stepUs, job.gpus) : c.stepUs;
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
    this.readers = new BulkReaders(
      net,
      (n) => jobPaths(job, fabric, job.dataStorage, n).read,
      this.ranksOn,
      // num_workers 0 reads with one stream, in the training process.
      Math.max(1, d.workers),
      this.reads.streamCap,
      this.rec.reads,
    );
    const cpu = d.cpu ?? NO_LOADER_CPU;
    const torch = d.loader === "pytorch";
    this.loader =
      torch || hasLoaderCpu(d)
        ? {
            workerCpuUs: d.samplesPerStep * cpu.sampleUs + (torch ? cpu.batchUs : 0),
            mainUs: cpu.mainBatchUs,
            coresPerRank: (job.cpuCoresPerNode ?? Infinity) / Math.min(job.gpusPerNode, job.gpus),
            workers: d.workers,
            inMain: torch && d.workers === 0,
          }
        : undefined;
  }

  /**
   * The steady-state step, µs, with `ioUs` of storage time per batch (at the rank's read rate with all its
   * workers reading) and the loader's CPU (bulk-advance's steady state; per-step simulates the loader itself):
   * - the GPU steps no faster than its compute plus the training process's per-batch CPU;
   * - W workers each read then process their samples one after another, in parallel with each other: a batch
   *   every ioUs + worker CPU ÷ W (exact when reads are latency-bound; an upper bound when bandwidth-bound, where
   *   fewer workers reading at once would each read faster);
   * - the node's cores: every rank on it needs its worker and training-process CPU per step;
   * - num_workers 0: nothing overlaps, the step is the sum.
   */
  /**
   * The per-rank read rate the readers need no more than, bytes/s: a batch per W0 (a compute-bound rank's
   * readers stop when its buffer is full); with the loader's CPU, a batch in the time the workers' CPU leaves
   * of the floor (none: uncapped); num_workers 0 reads as fast as it can.
   */
  private readerCap(b: number): number {
    const l = this.loader;
    if (l === undefined) return b / (this.w0 / 1e6);
    if (l.inMain) return Infinity;
    const leftUs = this.w0 + l.mainUs - l.workerCpuUs / l.workers;
    return leftUs > 0 ? b / (leftUs / 1e6) : Infinity;
  }

  private steadyStep(ioUs: number): { stepUs: number; floorUs: number } {
    const l = this.loader;
    if (l === undefined) return { stepUs: Math.max(this.w0, ioUs), floorUs: this.w0 };
    const floorUs = this.w0 + l.mainUs;
    if (l.inMain) return { stepUs: floorUs + ioUs + l.workerCpuUs, floorUs };
    const producer = ioUs + l.workerCpuUs / l.workers;
    const cores = (l.workerCpuUs + l.mainUs) / l.coresPerRank;
    return { stepUs: Math.max(floorUs, producer, cores), floorUs };
  }

  // ---- hooks ----

  protected override onStart(): void {
    this.unwatch = this.net.watch(() => this.onRates());
  }

  protected override resumeTraining(): void {
    this.beginPhase();
  }

  protected override position(): number {
    return Math.round(this.stepPos);
  }

  protected override rollback(step: number): void {
    this.stepPos = step;
  }

  protected override stepsComputed(): number {
    return this.computed;
  }

  protected override chargeInterrupted(): void {
    this.settlePhase();
  }

  protected override abortReading(): void {
    if (this.wake !== undefined) this.engine.cancel(this.wake);
    this.wake = undefined;
    this.readers.stop();
    this.readers.stopPrefetch();
    this.credit = 0;
    this.fillLeft = 1;
    this.fillIo = 0;
  }

  protected override afterRecovery(): void {
    this.needsFill = true;
  }

  protected override onPause(): void {
    this.pauseReading();
  }

  protected override onResume(): void {
    this.resumeReading();
  }

  /** Read rates change when a background write ends: settle the phase and start a new one. */
  protected override onBackgroundWriteDone(): void {
    if (this.state !== "train") return;
    this.settlePhase();
    this.atBoundary();
  }

  /** A checkpoint is due only on a whole step. */
  protected override checkpointDue(step: number): boolean {
    return Math.abs(this.stepPos - Math.round(this.stepPos)) <= 1e-6 && super.checkpointDue(step);
  }

  // ---- phases ----

  /** Batch bytes a rank reads from storage per step at the current position (cache hits excluded). */
  private batchBytes(): number {
    return batchBytesAt(this.job, this.stepPos, this.samplesPerRankEpoch, this.nodes, this.reads);
  }

  /** Steps (possibly fractional) from the current position to the next change. */
  private stepsToNextChange(): number {
    return stepsToNextChange(this.job, {
      stepPos: this.stepPos,
      stepUs: this.stepUs,
      nowUs: this.engine.now,
      lastCheckpointAtUs: this.lastCheckpointAt,
      intervalUs: this.intervalUs,
      samplesPerRankEpoch: this.samplesPerRankEpoch,
      nodes: this.nodes,
      reads: this.reads,
    });
  }

  /** Per-rank read rate of the slowest node with readers capped at `perRankCap` bytes/s. */
  private readRate(b: number, perRankCap: number): number {
    const slowest = this.readers.rate(perRankCap);
    return b > 0 ? slowest : Infinity;
  }

  /** After a reallocation: re-plan the phase when another job's flows moved this job's read rates. */
  private onRates(): void {
    if (this.state === "done") {
      this.unwatch?.();
      this.unwatch = undefined;
      return;
    }
    if (this.state !== "train" || this.wake === undefined || !this.readers.moved()) return;
    const elapsed = this.engine.now - this.phaseAt;
    if (this.filling) this.fillLeft *= this.fillUs > 0 ? Math.max(0, 1 - elapsed / this.fillUs) : 0;
    else if (this.phaseSteps > 0 && this.stepUs > 0) {
      this.credit += this.phaseCredit * Math.max(0, 1 - elapsed / this.stepUs / this.phaseSteps);
    }
    this.settlePhase(true);
    this.beginPhase();
  }

  /** GPUs pause (checkpoint): the loaders fill the rest of each rank's buffer (bulk-readers.ts). */
  private pauseReading(): void {
    this.readers.stop();
    const d = this.job.data;
    const b = this.batchBytes();
    if (b <= 0) return;
    // In steady state a storage-bound rank already holds W0/T of the next batch when a step ends, and a
    // compute-bound one a full buffer: only the rest of the buffer fills during the pause.
    const floorUs = this.steadyStep(0).floorUs;
    const buffer = bufferBatches(d);
    const lead = this.steadyStepUs > floorUs ? floorUs / this.steadyStepUs : buffer;
    this.readers.prefetch(Math.max(0, buffer - this.credit - lead) * b);
  }

  /** The pause ends: what was prefetched becomes credit (whole-job minimum over nodes, in batches per rank). */
  private resumeReading(): void {
    const b = this.batchBytes();
    if (b <= 0) return;
    const batches = this.readers.endPrefetch(b);
    if (batches !== undefined) this.credit = Math.min(bufferBatches(this.job.data), this.credit + batches);
  }

  private beginPhase(): void {
    this.state = "train";
    const b = this.batchBytes();
    if (this.needsFill) {
      // Empty prefetch buffer: the first step waits for a batch at the uncapped rate.
      this.needsFill = false;
      const x = b > 0 ? this.readRate(b, Infinity) : Infinity;
      const fill = b > 0 ? Math.ceil(((this.fillLeft * b) / x) * 1e6) : 0;
      if (fill > 0) {
        this.filling = true;
        this.fillUs = fill;
        this.phaseAt = this.engine.now;
        const gen = this.gen;
        this.wake = this.engine.schedule(fill, Priority.COMPLETE, () => {
          if (gen !== this.gen) return;
          this.wake = undefined;
          this.endFill(false);
          this.beginPhase();
        });
        return;
      }
      this.fillLeft = 1;
    }
    if (this.firstStepIo < 0) this.firstStepIo = 0;
    // Every sample a cache hit: nothing to read. Readers left running from an earlier phase would go on
    // loading the storage (and the reads meter) at that phase's rate.
    if (b <= 0) this.readers.stop();
    const x = b > 0 ? this.readRate(b, this.readerCap(b)) : Infinity;
    const { stepUs, floorUs } = this.steadyStep(b > 0 ? (b / x) * 1e6 : 0);
    this.stepUs = stepUs;
    this.steadyStepUs = this.stepUs;
    this.phaseAt = this.engine.now;
    let steps: number;
    this.phaseCredit = 0;
    if (this.credit > EPS && this.stepUs > floorUs * (1 + EPS)) {
      // Prefetched batches: steps run at the floor (W0, or W0 and the training process's CPU) while the buffer
      // drains (loading continues), which takes credit / (1 − floor/T) steps — saving one loader-bound step
      // time per prefetched batch.
      const producerUs = this.stepUs;
      const drain = this.credit / (1 - floorUs / producerUs);
      this.stepUs = floorUs;
      steps = Math.min(drain, this.stepsToNextChange());
      this.phaseCredit = steps * (1 - floorUs / producerUs);
      this.credit -= this.phaseCredit;
      if (this.credit < EPS) this.credit = 0;
    } else {
      this.credit = 0;
      steps = this.stepsToNextChange();
    }
    this.phaseSteps = steps;
    const gen = this.gen;
    this.wake = this.engine.schedule(Math.max(0, Math.round(steps * this.stepUs)), Priority.COMPLETE, () => {
      if (gen !== this.gen) return;
      this.wake = undefined;
      this.advance(steps);
      this.atBoundary();
    });
  }

  /** Charges `steps` steps of the current phase. */
  private advance(steps: number): void {
    if (steps <= 0) return;
    const g = this.job.gpus;
    const now = this.engine.now;
    this.gpu.charge("compute", g * this.w0 * steps, this.phaseAt, now);
    this.gpu.charge("dataWait", g * (this.stepUs - this.w0) * steps, this.phaseAt, now);
    this.stepPos += steps;
    this.computed += steps;
  }

  /**
   * Charges the time spent filling the empty prefetch buffer as data wait. A fill cut short by a re-plan
   * (`partial`) goes on later; the first step's I/O is all of it.
   */
  private endFill(partial: boolean): void {
    const waited = this.job.gpus * (this.engine.now - this.phaseAt);
    this.gpu.charge("dataWait", waited, this.phaseAt, this.engine.now);
    if (partial) this.fillIo += waited;
    else {
      if (this.firstStepIo < 0) this.firstStepIo = this.fillIo + waited;
      this.fillIo = 0;
      this.fillLeft = 1;
    }
    this.filling = false;
  }

  /** Progress of the current phase up to now, when something interrupts it (`replan`: a re-plan goes on). */
  private settlePhase(replan = false): void {
    if (this.state !== "train" || this.wake === undefined) return;
    this.engine.cancel(this.wake);
    this.wake = undefined;
    if (this.filling) {
      this.endFill(replan);
      this.needsFill = true;
      return;
    }
    const elapsed = this.engine.now - this.phaseAt;
    if (this.stepUs > 0) this.advance(elapsed / this.stepUs);
  }

  /** At a step boundary or after an interruption: end the job, checkpoint, or start the next phase. */
  private atBoundary(): void {
    if (this.stepPos >= this.job.steps - EPS) return this.finish();
    if (this.checkpointDue(Math.round(this.stepPos))) return this.beginCheckpoint();
    this.beginPhase();
  }
}
