/**
 * What both fidelities of the training model share: GPU-time accounting, checkpoints (sync writes, async
 * snapshots with background writes, durability), failures (Poisson arrivals, rollback to the last durable
 * checkpoint, recovery downtime, the restore read) and the outcome. A fidelity subclass supplies how
 * training itself advances (per-step.ts: every step an event; bulk.ts: steady-state phases) through the
 * hooks below.
 *
 * Accounting: every GPU-µs of the allocation lands in one cause (gpu-time.ts), charged with the interval it
 * covers to a ledger (gpu-ledger.ts) that also bins it over time. Work done after the last durable checkpoint
 * moves from compute/dataWait to lostWork when a failure hits; a checkpoint that was not durable yet is lost
 * with it. The recorder (training-recorder.ts) also meters storage bytes and logs checkpoints and failures.
 */
import type { Engine } from "../../sim/engine.ts";
import type { Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { RandomStream } from "../../sim/random.ts";
import type { FabricPaths } from "../storage/fabric.ts";
import { streamCap } from "../storage/request.ts";
import type { GpuLedger, Mark } from "./gpu-ledger.ts";
import { totalGpuTime } from "../gpu-time.ts";
import { nodesOf, type TrainingJob } from "./job.ts";
import type { TrainingOutcome } from "./outcome.ts";
import {
  checkpointIntervalUs,
  estimateCheckpointCostUs,
  jobPaths,
  recoveryDowntimeUs,
  writerStreams,
} from "./policy.ts";
import { TrainingRecorder } from "./training-recorder.ts";

/** What the GPUs are doing. */
export type TrainingState = "train" | "checkpoint" | "recovery" | "done";

/** A training job on an engine, a fluid network and a storage fabric; subclasses advance training. */
export abstract class TrainingActor {
  /** What happens over time: GPU time (`gpu`), storage bytes (its meters), events. */
  protected readonly rec: TrainingRecorder;
  /** GPU time by cause. */
  protected readonly gpu: GpuLedger;
  protected readonly nodes: number;
  /** Ranks (GPUs) on each node. */
  protected readonly ranksOn: readonly number[];
  /** The checkpoint interval in µs (undefined: none, or an interval in steps). */
  protected readonly intervalUs: number | undefined;
  /** Restart generation: callbacks scheduled before a failure compare it and do nothing. */
  protected gen = 0;
  protected state: TrainingState = "train";
  /** When the current checkpoint or recovery began, µs. */
  protected stateAt = 0;
  /** GPU time the first step waited for data (excluded from AU, as MLPerf does); −1 until known. */
  protected firstStepIo = -1;
  protected lastCheckpointAt = 0;
  private readonly failureRng: RandomStream;
  private durableStep = 0;
  private checkpoints = 0;
  private failures = 0;
  private syncWrite: Set<Flow> | undefined;
  private asyncWrite: { flows: Set<Flow>; step: number; mark: Mark } | undefined;
  /** A checkpoint is waiting for the previous background write to finish. */
  private blocked = false;
  private startedAt = 0;
  private done: ((o: TrainingOutcome) => void) | undefined;

  constructor(
    protected readonly engine: Engine,
    protected readonly net: FluidNetwork,
    protected readonly fabric: FabricPaths,
    protected readonly job: TrainingJob,
  ) {
    this.nodes = nodesOf(job);
    this.ranksOn = Array.from({ length: this.nodes }, (_, n) =>
      Math.min(job.gpusPerNode, job.gpus - n * job.gpusPerNode),
    );
    this.failureRng = engine.random(`${job.name}/failures`);
    const ck = job.checkpoint;
    this.rec = new TrainingRecorder(engine, ck !== undefined && ck.storage.survivesNodeLoss);
    this.gpu = this.rec.gpu;
    this.intervalUs =
      ck === undefined ? undefined : checkpointIntervalUs(ck, estimateCheckpointCostUs(job, fabric), job);
  }

  /** Starts the job at `now`; `onDone` receives the outcome when the last step ends. */
  start(onDone: (o: TrainingOutcome) => void): void {
    this.done = onDone;
    this.startedAt = this.engine.now;
    // Start-up: the pods hold their GPUs while volumes are provisioned, attached and mounted and the image
    // is pulled; that time is idle.
    const startup = this.job.startupUs ?? 0;
    this.rec.startup(this.job.gpus, startup);
    const gen = this.gen;
    this.engine.post(startup, Priority.ARRIVE, () => {
      if (gen !== this.gen) return;
      this.lastCheckpointAt = this.engine.now;
      this.onStart();
      this.scheduleFailure();
      this.resumeTraining();
    });
  }

  /** Fraction of the job's steps done so far, 0–1 (falls back after a failure). */
  progress(): number {
    return this.state === "done" ? 1 : Math.min(1, this.position() / this.job.steps);
  }

  // ---- hooks ----

  /** Starts (or continues) training from the current position. */
  protected abstract resumeTraining(): void;
  /** The current step (an integer at checkpoints). */
  protected abstract position(): number;
  /** Sets the position after a failure rolled it back. */
  protected abstract rollback(step: number): void;
  /** Steps computed so far, lost ones included. */
  protected abstract stepsComputed(): number;
  /** A failure interrupts training: charge the interrupted work (it is moved to lostWork afterwards). */
  protected abstract chargeInterrupted(): void;
  /** Stops the data pipeline's I/O and any pending training event (failure, end). */
  protected abstract abortReading(): void;
  /** Resets the data pipeline after recovery, before training resumes. */
  protected abstract afterRecovery(): void;
  /** Called once before the first step. */
  protected onStart(): void {}
  /** The GPUs stop for a checkpoint. */
  protected onPause(): void {}
  /** The GPUs are released by the checkpoint (snapshot taken, or sync write done). */
  protected onResume(): void {}
  /** A background checkpoint write finished while nothing waited for it. */
  protected onBackgroundWriteDone(): void {}

  // ---- checkpoints ----

  /** True when a checkpoint is due at the step boundary `step`. */
  protected checkpointDue(step: number): boolean {
    const ck = this.job.checkpoint;
    if (ck === undefined) return false;
    if (ck.interval.kind === "steps") return step % ck.interval.steps === 0;
    return this.engine.now - this.lastCheckpointAt >= (this.intervalUs ?? Infinity) - 0.5;
  }

  protected currentMark(): Mark {
    return this.gpu.mark();
  }

  /** Takes a checkpoint at the current step boundary. */
  protected beginCheckpoint(): void {
    const ck = this.job.checkpoint!;
    this.state = "checkpoint";
    this.stateAt = this.engine.now;
    this.lastCheckpointAt = this.engine.now;
    this.rec.checkpointBegun();
    const step = this.position();
    const mark = this.currentMark();
    this.onPause();
    if (ck.mode === "sync") {
      this.syncWrite = this.writeFlows(() => {
        this.syncWrite = undefined;
        this.onResume();
        this.chargeCheckpointWait();
        this.makeDurable(step, mark);
        this.resumeTraining();
      });
      return;
    }
    if (this.asyncWrite !== undefined) {
      this.blocked = true; // wait for the previous background write first
      return;
    }
    this.snapshot(step, mark);
  }

  /** Async: copy the shards to host memory (device-to-host bandwidth), then write them in the background. */
  private snapshot(step: number, mark: Mark): void {
    const ck = this.job.checkpoint!;
    const us = Math.ceil((ck.bytes / this.job.gpus / this.job.hostLinkBytesPerSecond) * 1e6);
    const gen = this.gen;
    this.engine.post(us, Priority.COMPLETE, () => {
      if (gen !== this.gen) return;
      this.onResume();
      this.chargeCheckpointWait();
      const write = { flows: new Set<Flow>(), step, mark };
      write.flows = this.writeFlows(() => {
        this.asyncWrite = undefined;
        this.makeDurable(write.step, write.mark);
        if (this.blocked) {
          this.blocked = false;
          this.snapshot(this.position(), this.currentMark());
        } else this.onBackgroundWriteDone();
      });
      this.asyncWrite = write;
      this.resumeTraining();
    });
  }

  /**
   * Starts the checkpoint writes: one flow per writer node standing for one stream per writing rank (its
   * max-min weight is `weight × streams`, its cap `streams × one stream's rate`, and the rate limit).
   */
  private writeFlows(onAllDone: () => void): Set<Flow> {
    const ck = this.job.checkpoint!;
    const flows = new Set<Flow>();
    const writers = ck.sharded ? this.nodes : 1;
    let left = writers;
    const gen = this.gen;
    for (let node = 0; node < writers; node++) {
      const bytes = ck.sharded ? (ck.bytes * this.ranksOn[node]!) / this.job.gpus : ck.bytes;
      const streams = writerStreams(this.job, node);
      const path = jobPaths(this.job, this.fabric, ck.storage, node).write;
      const flow: Flow = this.net.start(bytes, path, {
        weight: ck.weight * streams,
        cap: Math.min(
          ck.rateLimitBytesPerSecond,
          streams * streamCap(ck.storage.latency.write, bytes, ck.writeRequestBytes),
        ),
        tag: "checkpoint",
        meter: this.rec.writes,
        onComplete: () => {
          if (gen !== this.gen) return;
          flows.delete(flow);
          if (--left === 0) onAllDone();
        },
      });
      flows.add(flow);
    }
    return flows;
  }

  private chargeCheckpointWait(): void {
    this.gpu.charge("checkpointWait", this.job.gpus * (this.engine.now - this.stateAt), this.stateAt, this.engine.now);
  }

  private makeDurable(step: number, mark: Mark): void {
    this.durableStep = step;
    this.gpu.durable(mark);
    this.rec.checkpointDurable();
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

  /**
   * A failure: everything stops, work since the last durable checkpoint is lost (all of it when checkpoints
   * live on storage that dies with the node), then recovery runs.
   */
  private fail(): void {
    const now = this.engine.now;
    const g = this.job.gpus;
    this.failures++;
    if (this.state === "train") this.chargeInterrupted();
    else this.gpu.charge("checkpointWait", g * (now - this.stateAt), this.stateAt, now);
    this.rec.failed();
    this.gen++;
    this.abortReading();
    for (const set of [this.syncWrite, this.asyncWrite?.flows]) if (set) for (const f of set) this.net.abort(f);
    this.syncWrite = undefined;
    this.asyncWrite = undefined;
    this.blocked = false;
    const ck = this.job.checkpoint;
    const survives = ck !== undefined && ck.storage.survivesNodeLoss;
    const restoreStep = survives ? this.durableStep : 0;
    this.gpu.rollback(); // to the durable checkpoint's totals when it survives, else to the start
    this.rollback(restoreStep);
    if (!survives) this.durableStep = 0;
    this.state = "recovery";
    this.stateAt = now;
    const gen = this.gen;
    this.engine.post(recoveryDowntimeUs(this.job), Priority.ARRIVE, () => {
      if (gen === this.gen) this.restore(restoreStep > 0);
    });
  }

  /** After the downtime every node reads its checkpoint shard back, then training resumes. */
  private restore(fromCheckpoint: boolean): void {
    const finish = (): void => {
      this.gpu.charge("recovery", this.job.gpus * (this.engine.now - this.stateAt), this.stateAt, this.engine.now);
      this.rec.recovered();
      this.lastCheckpointAt = this.engine.now;
      this.afterRecovery();
      this.scheduleFailure();
      this.resumeTraining();
    };
    const ck = this.job.checkpoint;
    if (!fromCheckpoint || ck === undefined) return finish();
    let left = this.nodes;
    const gen = this.gen;
    for (let node = 0; node < this.nodes; node++) {
      const ranks = this.ranksOn[node]!;
      const bytes = (ck.bytes * ranks) / this.job.gpus;
      const path = jobPaths(this.job, this.fabric, ck.storage, node).read;
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

  /** The last step ended: report. A background write still in flight does not hold the GPUs; it is cut here. */
  protected finish(): void {
    this.state = "done";
    this.gen++;
    this.abortReading();
    for (const f of this.asyncWrite?.flows ?? []) this.net.abort(f);
    const now = this.engine.now;
    const wallUs = now - this.startedAt;
    const g = this.job.gpus;
    // Whole-µs rounding of bulk phases can leave a sub-µs-per-phase surplus; anything larger is a bug.
    const rest = g * wallUs - totalGpuTime(this.gpu.totals);
    if (rest < -1e-6 * g * wallUs) throw new Error(`gpu time over-counted by ${-rest} GPU-us`);
    this.gpu.remainder(rest, this.startedAt, now);
    // AU as MLPerf measures it: the benchmark run only (no start-up), first step's I/O excluded.
    const denominator = g * (wallUs - (this.job.startupUs ?? 0)) - Math.max(0, this.firstStepIo);
    const gpu = this.gpu.totals;
    this.done?.({
      name: this.job.name,
      gpus: g,
      steps: this.job.steps,
      stepsComputed: Math.round(this.stepsComputed()),
      wallUs,
      gpuTime: { ...gpu },
      au: denominator > 0 ? gpu.compute / denominator : 0,
      checkpoints: this.checkpoints,
      failures: this.failures,
      checkpointIntervalUs: this.intervalUs,
      bytesRead: this.rec.reads.bytes,
      bytesWritten: this.rec.writes.bytes,
      timeline: this.rec.finish(),
      readLimits: this.net.limits(this.rec.reads),
    });
  }
}
