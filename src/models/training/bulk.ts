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
 */
import type { Engine, EventHandle } from "../../sim/engine.ts";
import type { Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { StorageFabric } from "../storage/fabric.ts";
import { streamCap } from "../storage/request.ts";
import { cacheHitRatio, nextHitRatioChange } from "./cache.ts";
import { expectedMaxNormal } from "./expected-max.ts";
import type { TrainingJob } from "./job.ts";
import { jobPaths, readOutstanding } from "./policy.ts";
import { TrainingActor } from "./training-actor.ts";

const EPS = 1e-9;
const ENDLESS = 1e18; // bytes of a reader flow: it never finishes, it is aborted

/** Bulk-advance simulation of one training job (one job per fluid network). */
export class BulkTraining extends TrainingActor {
  private readonly readCap: number;
  private readonly w0: number;
  private readonly samplesPerRankEpoch: number;
  private readers: (Flow | undefined)[] = [];
  private stepPos = 0;
  private computed = 0;
  private phaseAt = 0;
  private stepUs = 0;
  private wake: EventHandle | undefined;
  private needsFill = true;
  private filling = false;
  /** Batches per rank prefetched during a pause (checkpoint), spent at the start of the next phase. */
  private credit = 0;
  private pauseReaders: Flow[] = [];
  /** Steady-state step time of the last phase, µs (before any credit). */
  private steadyStepUs = 0;

  constructor(engine: Engine, net: FluidNetwork, fabric: StorageFabric, job: TrainingJob) {
    super(engine, net, fabric, job);
    const d = job.data;
    const readahead = d.access === "sequential" ? Math.max(d.maxRequestBytes, d.sampleBytes) : d.maxRequestBytes;
    this.readCap = streamCap(job.dataStorage.latency.read, d.sampleBytes, readahead, readOutstanding(job));
    const c = job.compute;
    this.w0 = c.jitterCv > 0 ? expectedMaxNormal(c.stepUs, c.jitterCv * c.stepUs, job.gpus) : c.stepUs;
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
  }

  // ---- hooks ----

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
    this.stopReaders();
    for (const f of this.pauseReaders) this.net.abort(f);
    this.pauseReaders = [];
    this.credit = 0;
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
    const d = this.job.data;
    const epoch = Math.floor((this.stepPos * d.samplesPerStep + EPS) / this.samplesPerRankEpoch);
    return (
      d.samplesPerStep * d.sampleBytes * (1 - cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, this.nodes))
    );
  }

  /** Per-rank read rate of the slowest node with readers capped at `perRankCap` bytes/s. */
  private readRate(b: number, perRankCap: number): number {
    const d = this.job.data;
    let slowest = Infinity;
    for (let n = 0; n < this.nodes; n++) {
      const ranks = this.ranksOn[n]!;
      const cap = ranks * Math.min(d.workers * this.readCap, perRankCap);
      let f = this.readers[n];
      if (f === undefined) {
        const path = jobPaths(this.job, this.fabric, this.job.dataStorage, n).read;
        f = this.net.start(ENDLESS, path, { weight: ranks * d.workers, cap, tag: "bulk-read", meter: this.rec.reads });
        this.readers[n] = f;
      } else this.net.setFlowCap(f, cap);
    }
    for (let n = 0; n < this.nodes; n++)
      slowest = Math.min(slowest, this.net.rate(this.readers[n]!) / this.ranksOn[n]!);
    return b > 0 ? slowest : Infinity;
  }

  private stopReaders(): void {
    for (const f of this.readers) if (f !== undefined) this.net.abort(f);
    this.readers = [];
  }

  /**
   * GPUs pause (checkpoint) while loaders keep prefetching: each node fills its ranks' buffers (P batches
   * per rank) at the uncapped rate, then stops.
   */
  private pauseReading(): void {
    this.stopReaders();
    const d = this.job.data;
    const b = this.batchBytes();
    if (b <= 0) return;
    // In steady state a storage-bound rank already holds W0/T of the next batch when a step ends, and a
    // compute-bound one a full buffer: only the rest of the buffer fills during the pause.
    const lead = this.steadyStepUs > this.w0 ? this.w0 / this.steadyStepUs : d.prefetchSteps;
    const room = Math.max(0, d.prefetchSteps - this.credit - lead);
    for (let n = 0; n < this.nodes; n++) {
      const ranks = this.ranksOn[n]!;
      const path = jobPaths(this.job, this.fabric, this.job.dataStorage, n).read;
      const bytes = ranks * room * b;
      if (bytes <= 0) continue;
      this.pauseReaders.push(
        this.net.start(bytes, path, {
          weight: ranks * d.workers,
          cap: ranks * d.workers * this.readCap,
          tag: "bulk-prefetch",
          meter: this.rec.reads,
        }),
      );
    }
  }

  /** The pause ends: what was prefetched becomes credit (whole-job minimum over nodes, in batches per rank). */
  private resumeReading(): void {
    const b = this.batchBytes();
    if (this.pauseReaders.length === 0 || b <= 0) return;
    let batches = Infinity;
    this.pauseReaders.forEach((f, n) => {
      const moved = f.active ? this.net.abort(f) : f.bytes;
      batches = Math.min(batches, moved / this.ranksOn[n]! / b);
    });
    this.pauseReaders = [];
    this.credit = Math.min(this.job.data.prefetchSteps, this.credit + batches);
  }

  private beginPhase(): void {
    this.state = "train";
    const b = this.batchBytes();
    if (this.needsFill) {
      // Empty prefetch buffer: the first step waits for a batch at the uncapped rate.
      this.needsFill = false;
      const x = b > 0 ? this.readRate(b, Infinity) : Infinity;
      const fill = b > 0 ? Math.ceil((b / x) * 1e6) : 0;
      if (fill > 0) {
        this.filling = true;
        this.phaseAt = this.engine.now;
        const gen = this.gen;
        this.wake = this.engine.schedule(fill, Priority.COMPLETE, () => {
          if (gen !== this.gen) return;
          this.wake = undefined;
          this.endFill();
          this.beginPhase();
        });
        return;
      }
    }
    if (this.firstStepIo < 0) this.firstStepIo = 0;
    const x = b > 0 ? this.readRate(b, b / (this.w0 / 1e6)) : Infinity;
    this.stepUs = Math.max(this.w0, b > 0 ? (b / x) * 1e6 : 0);
    this.steadyStepUs = this.stepUs;
    this.phaseAt = this.engine.now;
    let steps: number;
    if (this.credit > EPS && this.stepUs > this.w0 * (1 + EPS)) {
      // Prefetched batches: steps run at W0 while the buffer drains (reading continues at X), which takes
      // credit / (1 − W0/T) steps — saving one storage-bound step time per prefetched batch.
      const drain = this.credit / (1 - this.w0 / this.stepUs);
      this.stepUs = this.w0;
      steps = Math.min(drain, this.stepsToNextChange());
      this.credit -= steps * (1 - this.w0 / ((b / x) * 1e6));
      if (this.credit < EPS) this.credit = 0;
    } else {
      this.credit = 0;
      steps = this.stepsToNextChange();
    }
    const gen = this.gen;
    this.wake = this.engine.schedule(Math.max(0, Math.round(steps * this.stepUs)), Priority.COMPLETE, () => {
      if (gen !== this.gen) return;
      this.wake = undefined;
      this.advance(steps);
      this.atBoundary();
    });
  }

  /** Steps (possibly fractional) from the current position to the next change. */
  private stepsToNextChange(): number {
    const d = this.job.data;
    let steps = this.job.steps - this.stepPos;
    if (d.cacheBytesPerNode > 0) {
      // The hit ratio changes with the epoch; group epochs whose ratios differ by less than 0.1%.
      const epoch = Math.floor((this.stepPos * d.samplesPerStep + EPS) / this.samplesPerRankEpoch);
      const next = nextHitRatioChange(epoch, d.cacheBytesPerNode, d.datasetBytes, this.nodes, 1e-3);
      steps = Math.min(steps, (next * this.samplesPerRankEpoch) / d.samplesPerStep - this.stepPos);
    }
    const ck = this.job.checkpoint;
    if (ck !== undefined) {
      const firstBoundary = Math.ceil(this.stepPos - EPS) - this.stepPos; // 0 when on a boundary
      if (ck.interval.kind === "steps") {
        const k = ck.interval.steps;
        steps = Math.min(steps, (Math.floor(this.stepPos / k + EPS) + 1) * k - this.stepPos);
      } else if (this.intervalUs !== undefined) {
        const due = this.lastCheckpointAt + this.intervalUs;
        const wait = (due - this.engine.now) / this.stepUs; // steps until due
        const first = firstBoundary > EPS ? firstBoundary : 1;
        const k = wait <= first ? first : first + Math.ceil(wait - first - EPS);
        steps = Math.min(steps, k);
      }
    }
    return Math.max(steps, 0);
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

  /** Charges the time spent filling the empty prefetch buffer as data wait. */
  private endFill(): void {
    const waited = this.job.gpus * (this.engine.now - this.phaseAt);
    this.gpu.charge("dataWait", waited, this.phaseAt, this.engine.now);
    if (this.firstStepIo < 0) this.firstStepIo = waited;
    this.filling = false;
  }

  /** Progress of the current phase up to now, when something interrupts it. */
  private settlePhase(): void {
    if (this.state !== "train" || this.wake === undefined) return;
    this.engine.cancel(this.wake);
    this.wake = undefined;
    if (this.filling) {
      this.endFill();
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
