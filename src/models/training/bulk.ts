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
import type { RandomStream } from "../../sim/random.ts";
import type { StorageFabric } from "../storage/fabric.ts";
import { streamCap } from "../storage/request.ts";
import { cacheHitRatio } from "./cache.ts";
import { expectedMaxNormal } from "./expected-max.ts";
import { emptyGpuTime, totalGpuTime, type GpuTime } from "./gpu-time.ts";
import { nodesOf, type TrainingJob } from "./job.ts";
import type { TrainingOutcome } from "./outcome.ts";
import { checkpointIntervalUs, estimateCheckpointCostUs, recoveryDowntimeUs, writerStreams } from "./policy.ts";

const EPS = 1e-9;
const ENDLESS = 1e18; // bytes of a reader flow: it never finishes, it is aborted

type Mark = { compute: number; dataWait: number };

/** Bulk-advance simulation of one training job (one job per fluid network). */
export class BulkTraining {
  private readonly gpu: GpuTime = emptyGpuTime();
  private readonly nodes: number;
  private readonly ranksOn: number[];
  private readonly readCap: number;
  private readonly w0: number;
  private readonly samplesPerRankEpoch: number;
  private readonly intervalUs: number | undefined;
  private readonly failureRng: RandomStream;
  private readers: (Flow | undefined)[] = [];
  private gen = 0;
  private stepPos = 0;
  private stepsComputed = 0;
  private phaseAt = 0;
  private stepUs = 0;
  private wake: EventHandle | undefined;
  private needsFill = true;
  /** Batches per rank prefetched during a pause (checkpoint), spent at the start of the next phase. */
  private credit = 0;
  private pauseReaders: Flow[] = [];
  /** Steady-state step time of the last phase, µs (before any credit). */
  private steadyStepUs = 0;
  private filling = false;
  private firstStepIo = -1;
  private lastCheckpointAt = 0;
  private durableStep = 0;
  private durableMark: Mark = { compute: 0, dataWait: 0 };
  private checkpoints = 0;
  private failures = 0;
  private asyncWrite: { flows: Set<Flow>; step: number; mark: Mark } | undefined;
  private syncWrite: Set<Flow> | undefined;
  private blocked = false;
  private state: "train" | "checkpoint" | "recovery" | "done" = "train";
  private stateAt = 0;
  private bytesRead = 0;
  private bytesWritten = 0;
  private startedAt = 0;
  private done: ((o: TrainingOutcome) => void) | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly net: FluidNetwork,
    private readonly fabric: StorageFabric,
    private readonly job: TrainingJob,
  ) {
    const d = job.data;
    this.nodes = nodesOf(job);
    this.ranksOn = Array.from({ length: this.nodes }, (_, n) =>
      Math.min(job.gpusPerNode, job.gpus - n * job.gpusPerNode),
    );
    const readahead = d.access === "sequential" ? Math.max(d.maxRequestBytes, d.sampleBytes) : d.maxRequestBytes;
    this.readCap = streamCap(job.dataStorage.latency.read, d.sampleBytes, readahead);
    const c = job.compute;
    this.w0 = c.jitterCv > 0 ? expectedMaxNormal(c.stepUs, c.jitterCv * c.stepUs, job.gpus) : c.stepUs;
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
    this.failureRng = engine.random(`${job.name}/failures`);
    const ck = job.checkpoint;
    this.intervalUs =
      ck === undefined ? undefined : checkpointIntervalUs(ck, estimateCheckpointCostUs(job, fabric), job);
  }

  /** Starts the job at `now`; `onDone` receives the outcome at the end. */
  start(onDone: (o: TrainingOutcome) => void): void {
    this.done = onDone;
    this.startedAt = this.engine.now;
    this.lastCheckpointAt = this.engine.now;
    this.scheduleFailure();
    this.beginPhase();
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
        const path = this.fabric.paths(this.job.dataStorage, n, d.maxRequestBytes, 0).read;
        f = this.net.start(ENDLESS, path, { weight: ranks * d.workers, cap, tag: "bulk-read" });
        this.readers[n] = f;
      } else this.net.setFlowCap(f, cap);
    }
    for (let n = 0; n < this.nodes; n++)
      slowest = Math.min(slowest, this.net.rate(this.readers[n]!) / this.ranksOn[n]!);
    return b > 0 ? slowest : Infinity;
  }

  private stopReaders(): void {
    for (const f of this.readers) if (f !== undefined) this.bytesRead += this.net.abort(f);
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
      const path = this.fabric.paths(this.job.dataStorage, n, d.maxRequestBytes, 0).read;
      const bytes = ranks * room * b;
      if (bytes <= 0) continue;
      this.pauseReaders.push(
        this.net.start(bytes, path, {
          weight: ranks * d.workers,
          cap: ranks * d.workers * this.readCap,
          tag: "bulk-prefetch",
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
      this.bytesRead += moved;
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
    const nextEpochStep =
      (Math.floor((this.stepPos * d.samplesPerStep + EPS) / this.samplesPerRankEpoch) + 1) *
      (this.samplesPerRankEpoch / d.samplesPerStep);
    if (d.cacheBytesPerNode > 0) steps = Math.min(steps, nextEpochStep - this.stepPos);
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
    this.gpu.compute += g * this.w0 * steps;
    this.gpu.dataWait += g * (this.stepUs - this.w0) * steps;
    this.stepPos += steps;
    this.stepsComputed += steps;
  }

  /** Charges the time spent filling the empty prefetch buffer as data wait. */
  private endFill(): void {
    const waited = this.job.gpus * (this.engine.now - this.phaseAt);
    this.gpu.dataWait += waited;
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

  private atBoundary(): void {
    if (this.stepPos >= this.job.steps - EPS) return this.finish();
    if (this.checkpointDue()) return this.beginCheckpoint();
    this.beginPhase();
  }

  private checkpointDue(): boolean {
    const ck = this.job.checkpoint;
    if (ck === undefined || Math.abs(this.stepPos - Math.round(this.stepPos)) > 1e-6) return false;
    if (ck.interval.kind === "steps") return Math.round(this.stepPos) % ck.interval.steps === 0;
    return this.engine.now - this.lastCheckpointAt >= (this.intervalUs ?? Infinity) - 0.5;
  }

  // ---- checkpoints ----

  private writeFlows(onAllDone: () => void): Set<Flow> {
    const ck = this.job.checkpoint!;
    const flows = new Set<Flow>();
    const writers = ck.sharded ? this.nodes : 1;
    let left = writers;
    const gen = this.gen;
    for (let node = 0; node < writers; node++) {
      const bytes = ck.sharded ? (ck.bytes * this.ranksOn[node]!) / this.job.gpus : ck.bytes;
      const streams = writerStreams(this.job, node);
      const path = this.fabric.paths(ck.storage, node, this.job.data.maxRequestBytes, ck.writeRequestBytes).write;
      const flow: Flow = this.net.start(bytes, path, {
        weight: ck.weight * streams,
        cap: Math.min(
          ck.rateLimitBytesPerSecond,
          streams * streamCap(ck.storage.latency.write, bytes, ck.writeRequestBytes),
        ),
        tag: "checkpoint",
        onComplete: () => {
          if (gen !== this.gen) return;
          flows.delete(flow);
          this.bytesWritten += bytes;
          if (--left === 0) onAllDone();
        },
      });
      flows.add(flow);
    }
    return flows;
  }

  private beginCheckpoint(): void {
    const ck = this.job.checkpoint!;
    this.state = "checkpoint";
    this.stateAt = this.engine.now;
    this.lastCheckpointAt = this.engine.now;
    const step = Math.round(this.stepPos);
    const mark = { compute: this.gpu.compute, dataWait: this.gpu.dataWait };
    if (ck.mode === "sync") {
      this.pauseReading();
      this.syncWrite = this.writeFlows(() => {
        this.syncWrite = undefined;
        this.resumeReading();
        this.chargeCheckpointWait();
        this.makeDurable(step, mark);
        this.beginPhase();
      });
      return;
    }
    this.pauseReading();
    if (this.asyncWrite !== undefined) {
      this.blocked = true;
      return;
    }
    this.snapshot(step, mark);
  }

  private snapshot(step: number, mark: Mark): void {
    const ck = this.job.checkpoint!;
    const us = Math.ceil((ck.bytes / this.job.gpus / this.job.hostLinkBytesPerSecond) * 1e6);
    const gen = this.gen;
    this.engine.post(us, Priority.COMPLETE, () => {
      if (gen !== this.gen) return;
      this.resumeReading();
      this.chargeCheckpointWait();
      const write = { flows: new Set<Flow>(), step, mark };
      write.flows = this.writeFlows(() => {
        this.asyncWrite = undefined;
        this.makeDurable(write.step, write.mark);
        if (this.blocked) {
          this.blocked = false;
          this.snapshot(Math.round(this.stepPos), { compute: this.gpu.compute, dataWait: this.gpu.dataWait });
        } else if (this.state === "train") {
          // Read rates change when the background write ends: settle and start a new phase.
          this.settlePhase();
          this.atBoundaryOrResume();
        }
      });
      this.asyncWrite = write;
      this.beginPhase();
    });
  }

  /** After an interruption mid-phase: end the job, or continue with a new phase from the same position. */
  private atBoundaryOrResume(): void {
    if (this.stepPos >= this.job.steps - EPS) return this.finish();
    if (this.checkpointDue()) return this.beginCheckpoint();
    this.beginPhase();
  }

  private chargeCheckpointWait(): void {
    this.gpu.checkpointWait += this.job.gpus * (this.engine.now - this.stateAt);
  }

  private makeDurable(step: number, mark: Mark): void {
    this.durableStep = step;
    this.durableMark = mark;
    this.checkpoints++;
  }

  // ---- failures ----

  private scheduleFailure(): void {
    const f = this.job.failures;
    if (f === undefined || !(f.gpuMtbfUs < Infinity)) return;
    const gen = this.gen;
    const delay = Math.round(this.failureRng.exponential(f.gpuMtbfUs / this.job.gpus));
    this.engine.post(delay, Priority.ARRIVE, () => {
      if (gen === this.gen && this.state !== "done" && this.state !== "recovery") this.fail();
    });
  }

  private fail(): void {
    const now = this.engine.now;
    const g = this.job.gpus;
    this.failures++;
    if (this.state === "train") this.settlePhase();
    else this.gpu.checkpointWait += g * (now - this.stateAt);
    this.gen++;
    if (this.wake !== undefined) this.engine.cancel(this.wake);
    this.wake = undefined;
    this.stopReaders();
    for (const f of this.pauseReaders) this.net.abort(f);
    this.pauseReaders = [];
    this.credit = 0;
    for (const set of [this.syncWrite, this.asyncWrite?.flows]) if (set) for (const f of set) this.net.abort(f);
    this.syncWrite = undefined;
    this.asyncWrite = undefined;
    this.blocked = false;
    const ck = this.job.checkpoint;
    const survives = ck !== undefined && ck.storage.survivesNodeLoss;
    const restoreStep = survives ? this.durableStep : 0;
    const mark = survives ? this.durableMark : { compute: 0, dataWait: 0 };
    this.gpu.lostWork += this.gpu.compute - mark.compute + (this.gpu.dataWait - mark.dataWait);
    this.gpu.compute = mark.compute;
    this.gpu.dataWait = mark.dataWait;
    this.stepPos = restoreStep;
    if (!survives) {
      this.durableStep = 0;
      this.durableMark = { compute: 0, dataWait: 0 };
    }
    this.state = "recovery";
    this.stateAt = now;
    const gen = this.gen;
    this.engine.post(recoveryDowntimeUs(this.job), Priority.ARRIVE, () => {
      if (gen === this.gen) this.restore(restoreStep > 0);
    });
  }

  private restore(fromCheckpoint: boolean): void {
    const finish = (): void => {
      this.gpu.recovery += this.job.gpus * (this.engine.now - this.stateAt);
      this.lastCheckpointAt = this.engine.now;
      this.needsFill = true;
      this.scheduleFailure();
      this.beginPhase();
    };
    const ck = this.job.checkpoint;
    if (!fromCheckpoint || ck === undefined) return finish();
    let left = this.nodes;
    const gen = this.gen;
    for (let node = 0; node < this.nodes; node++) {
      const ranks = this.ranksOn[node]!;
      const bytes = (ck.bytes * ranks) / this.job.gpus;
      const path = this.fabric.paths(ck.storage, node, this.job.data.maxRequestBytes, ck.writeRequestBytes).read;
      this.net.start(bytes, path, {
        tag: "restore",
        cap: ranks * streamCap(ck.storage.latency.read, bytes, ck.writeRequestBytes),
        onComplete: () => {
          if (gen === this.gen && --left === 0) finish();
        },
      });
    }
  }

  // ---- end ----

  private finish(): void {
    this.state = "done";
    this.gen++;
    this.stopReaders();
    const wallUs = this.engine.now - this.startedAt;
    const g = this.job.gpus;
    const accounted = totalGpuTime(this.gpu);
    // Rounding each phase to whole µs leaves sub-µs differences per phase; they go to idle (or trim compute).
    const rest = g * wallUs - accounted;
    if (rest >= 0) this.gpu.idle += rest;
    else this.gpu.compute += rest;
    const denominator = g * wallUs - Math.max(0, this.firstStepIo);
    this.done?.({
      name: this.job.name,
      gpus: g,
      steps: this.job.steps,
      stepsComputed: Math.round(this.stepsComputed),
      wallUs,
      gpuTime: { ...this.gpu },
      au: denominator > 0 ? this.gpu.compute / denominator : 0,
      checkpoints: this.checkpoints,
      failures: this.failures,
      checkpointIntervalUs: this.intervalUs,
      bytesRead: this.bytesRead,
      bytesWritten: this.bytesWritten,
    });
  }
}
