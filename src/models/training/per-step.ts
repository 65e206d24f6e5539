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
 */
import type { Engine } from "../../sim/engine.ts";
import type { Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { RandomStream } from "../../sim/random.ts";
import type { StorageFabric } from "../storage/fabric.ts";
import { streamCap } from "../storage/request.ts";
import { cacheHitRatio } from "./cache.ts";
import { checkpointIntervalUs, estimateCheckpointCostUs, recoveryDowntimeUs, writerStreams } from "./policy.ts";
import { emptyGpuTime, totalGpuTime, type GpuTime } from "./gpu-time.ts";
import { nodesOf, type TrainingJob } from "./job.ts";
import type { TrainingOutcome } from "./outcome.ts";

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
export class PerStepTraining {
  private readonly ranks: Rank[];
  private readonly gpu: GpuTime = emptyGpuTime();
  private readonly batch: number;
  private readonly capacity: number;
  private readonly readCap: number;
  private readonly sampleRng: RandomStream;
  private readonly computeRng: RandomStream;
  private readonly failureRng: RandomStream;
  private readonly intervalUs: number | undefined;
  private readonly samplesPerRankEpoch: number;
  private readonly nodes: number;
  /** Restart generation: callbacks from before a failure are ignored. */
  private gen = 0;
  private step = 0;
  /** The step the data pipeline (re)started at; samples issued count from there. */
  private baseStep = 0;
  private syncWrite: Set<Flow> | undefined;
  private stepsComputed = 0;
  private stepStart = 0;
  private computeDone = 0;
  private maxCompute = 0;
  private firstStepIo = 0;
  private durableStep = 0;
  private durableMark = { compute: 0, dataWait: 0 };
  private lastCheckpointAt = 0;
  private checkpoints = 0;
  private failures = 0;
  private asyncWrite: { flows: Set<Flow>; step: number; mark: { compute: number; dataWait: number } } | undefined;
  private blockedSince = -1;
  private phase: "step" | "checkpoint" | "recovery" | "done" = "step";
  private phaseStart = 0;
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
    this.batch = d.samplesPerStep;
    this.capacity = d.prefetchSteps * d.samplesPerStep;
    const readahead = d.access === "sequential" ? Math.max(d.maxRequestBytes, d.sampleBytes) : d.maxRequestBytes;
    this.readCap = streamCap(job.dataStorage.latency.read, d.sampleBytes, readahead);
    this.sampleRng = engine.random(`${job.name}/cache`);
    this.computeRng = engine.random(`${job.name}/compute`);
    this.failureRng = engine.random(`${job.name}/failures`);
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
    this.ranks = Array.from({ length: job.gpus }, (_, index) => ({
      index,
      node: Math.floor(index / job.gpusPerNode),
      buffered: 0,
      inflight: 0,
      issued: 0,
      waiting: false,
      flows: new Set<Flow>(),
    }));
    const ck = job.checkpoint;
    this.intervalUs =
      ck === undefined ? undefined : checkpointIntervalUs(ck, estimateCheckpointCostUs(job, fabric), job);
  }

  /** Starts the job at `now`; `onDone` receives the outcome when the last step ends. */
  start(onDone: (o: TrainingOutcome) => void): void {
    this.done = onDone;
    this.startedAt = this.engine.now;
    this.lastCheckpointAt = this.engine.now;
    for (const r of this.ranks) this.pump(r);
    this.scheduleFailure();
    this.startStep();
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
    const epoch = Math.floor((this.baseStep * this.batch + r.issued - 1) / this.samplesPerRankEpoch);
    const hit = cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, this.nodes);
    const gen = this.gen;
    if (hit > 0 && this.sampleRng.next() < hit) {
      this.engine.post(0, Priority.COMPLETE, () => this.sampleDone(r, gen, undefined));
      return;
    }
    const path = this.fabric.paths(this.job.dataStorage, r.node, d.maxRequestBytes, 0).read;
    const flow: Flow = this.net.start(d.sampleBytes, path, {
      cap: this.readCap,
      onComplete: () => this.sampleDone(r, gen, flow),
      tag: "read",
    });
    r.flows.add(flow);
  }

  private sampleDone(r: Rank, gen: number, flow: Flow | undefined): void {
    if (gen !== this.gen) return;
    if (flow !== undefined) {
      r.flows.delete(flow);
      this.bytesRead += flow.bytes;
    }
    r.inflight--;
    r.buffered++;
    if (r.waiting && r.buffered >= this.batch) this.rankReady(r);
    this.pump(r);
  }

  // ---- steps ----

  private startStep(): void {
    this.phase = "step";
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
    const wall = this.engine.now - this.stepStart;
    const g = this.job.gpus;
    this.gpu.compute += g * this.maxCompute;
    this.gpu.dataWait += g * (wall - this.maxCompute);
    if (this.stepsComputed === 0) this.firstStepIo = g * (wall - this.maxCompute);
    this.step++;
    this.stepsComputed++;
    if (this.step >= this.job.steps) return this.finish();
    if (this.checkpointDue()) this.beginCheckpoint();
    else this.startStep();
  }

  // ---- checkpoints ----

  private checkpointDue(): boolean {
    const ck = this.job.checkpoint;
    if (ck === undefined) return false;
    if (ck.interval.kind === "steps") return this.step % ck.interval.steps === 0;
    return this.engine.now - this.lastCheckpointAt >= (this.intervalUs ?? Infinity);
  }

  private writeFlows(onAllDone: () => void): Set<Flow> {
    const ck = this.job.checkpoint!;
    const flows = new Set<Flow>();
    const writers = ck.sharded ? this.nodes : 1;
    let left = writers;
    const gen = this.gen;
    for (let node = 0; node < writers; node++) {
      const ranksOnNode = Math.min(this.job.gpusPerNode, this.job.gpus - node * this.job.gpusPerNode);
      const bytes = ck.sharded ? (ck.bytes * ranksOnNode) / this.job.gpus : ck.bytes;
      const path = this.fabric.paths(ck.storage, node, this.job.data.maxRequestBytes, ck.writeRequestBytes).write;
      const flow: Flow = this.net.start(bytes, path, {
        // A node's flow stands for one stream per writing rank: it competes with that many streams' weight.
        weight: ck.weight * writerStreams(this.job, node),
        cap: Math.min(
          ck.rateLimitBytesPerSecond,
          writerStreams(this.job, node) * streamCap(ck.storage.latency.write, bytes, ck.writeRequestBytes),
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
    this.phase = "checkpoint";
    this.phaseStart = this.engine.now;
    this.lastCheckpointAt = this.engine.now;
    const step = this.step;
    const mark = { compute: this.gpu.compute, dataWait: this.gpu.dataWait };
    if (ck.mode === "sync") {
      this.syncWrite = this.writeFlows(() => {
        this.syncWrite = undefined;
        this.chargeCheckpointWait();
        this.makeDurable(step, mark);
        this.startStep();
      });
      return;
    }
    if (this.asyncWrite !== undefined) {
      this.blockedSince = this.engine.now; // wait for the previous background write first
      return;
    }
    this.snapshot(step, mark);
  }

  private snapshot(step: number, mark: { compute: number; dataWait: number }): void {
    const ck = this.job.checkpoint!;
    const perRank = ck.bytes / this.job.gpus;
    const us = Math.ceil((perRank / this.job.hostLinkBytesPerSecond) * 1e6);
    const gen = this.gen;
    this.engine.post(us, Priority.COMPLETE, () => {
      if (gen !== this.gen) return;
      this.chargeCheckpointWait();
      const write = { flows: new Set<Flow>(), step, mark };
      write.flows = this.writeFlows(() => {
        this.asyncWrite = undefined;
        this.makeDurable(write.step, write.mark);
        if (this.blockedSince >= 0) {
          this.blockedSince = -1;
          this.snapshot(this.step, { compute: this.gpu.compute, dataWait: this.gpu.dataWait });
        }
      });
      this.asyncWrite = write;
      this.startStep();
    });
  }

  private chargeCheckpointWait(): void {
    this.gpu.checkpointWait += this.job.gpus * (this.engine.now - this.phaseStart);
  }

  private makeDurable(step: number, mark: { compute: number; dataWait: number }): void {
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
      if (gen === this.gen && this.phase !== "done" && this.phase !== "recovery") this.fail();
    });
  }

  private fail(): void {
    const now = this.engine.now;
    const g = this.job.gpus;
    this.failures++;
    this.gen++;
    // Time in the interrupted phase.
    const partial = g * (now - (this.phase === "step" ? this.stepStart : this.phaseStart));
    if (this.phase === "step") this.gpu.lostWork += partial;
    else this.gpu.checkpointWait += partial;
    // Abort every flow: reads, checkpoint writes (a background write in flight never becomes durable).
    for (const r of this.ranks) {
      for (const f of r.flows) this.net.abort(f);
      r.flows.clear();
      r.buffered = 0;
      r.inflight = 0;
      r.waiting = false;
    }
    if (this.asyncWrite !== undefined) for (const f of this.asyncWrite.flows) this.net.abort(f);
    this.asyncWrite = undefined;
    this.blockedSince = -1;
    if (this.syncWrite !== undefined) for (const f of this.syncWrite) this.net.abort(f);
    this.syncWrite = undefined;
    // Work since the last durable checkpoint is lost; node-local checkpoints die with the node.
    const ck = this.job.checkpoint;
    const survives = ck !== undefined && ck.storage.survivesNodeLoss;
    const restoreStep = survives ? this.durableStep : 0;
    const mark = survives ? this.durableMark : { compute: 0, dataWait: 0 };
    const lost = this.gpu.compute - mark.compute + (this.gpu.dataWait - mark.dataWait);
    this.gpu.lostWork += lost;
    this.gpu.compute = mark.compute;
    this.gpu.dataWait = mark.dataWait;
    this.step = restoreStep;
    if (!survives) {
      this.durableStep = 0;
      this.durableMark = { compute: 0, dataWait: 0 };
    }
    this.phase = "recovery";
    this.phaseStart = now;
    const down = recoveryDowntimeUs(this.job);
    const gen = this.gen;
    this.engine.post(down, Priority.ARRIVE, () => {
      if (gen !== this.gen) return;
      this.restore(restoreStep > 0);
    });
  }

  private restore(fromCheckpoint: boolean): void {
    const finish = (): void => {
      this.gpu.recovery += this.job.gpus * (this.engine.now - this.phaseStart);
      this.lastCheckpointAt = this.engine.now;
      this.baseStep = this.step;
      for (const r of this.ranks) {
        r.issued = 0;
        this.pump(r);
      }
      this.scheduleFailure();
      this.startStep();
    };
    const ck = this.job.checkpoint;
    if (!fromCheckpoint || ck === undefined) return finish();
    // Every node reads its shard of the checkpoint back (competing with nothing else of this job).
    let left = this.nodes;
    const gen = this.gen;
    for (let node = 0; node < this.nodes; node++) {
      const ranksOnNode = Math.min(this.job.gpusPerNode, this.job.gpus - node * this.job.gpusPerNode);
      const path = this.fabric.paths(ck.storage, node, this.job.data.maxRequestBytes, ck.writeRequestBytes).read;
      const bytes = (ck.bytes * ranksOnNode) / this.job.gpus;
      this.net.start(bytes, path, {
        tag: "restore",
        cap: ranksOnNode * streamCap(ck.storage.latency.read, bytes, ck.writeRequestBytes),
        onComplete: () => {
          if (gen === this.gen && --left === 0) finish();
        },
      });
    }
  }

  // ---- end ----

  private finish(): void {
    this.phase = "done";
    this.gen++;
    for (const r of this.ranks) for (const f of r.flows) this.net.abort(f);
    const wallUs = this.engine.now - this.startedAt;
    const g = this.job.gpus;
    // A background checkpoint write still in flight does not hold the GPUs.
    const accounted = totalGpuTime(this.gpu);
    if (accounted > g * wallUs) throw new Error(`gpu time over-counted: ${accounted} > ${g * wallUs} GPU-us`);
    this.gpu.idle += g * wallUs - accounted;
    const denominator = g * wallUs - this.firstStepIo;
    this.done?.({
      name: this.job.name,
      gpus: g,
      steps: this.job.steps,
      stepsComputed: this.stepsComputed,
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
