/**
 * The data loader of one rank in per-step fidelity (per-step.ts), in two kinds (docs/model.md, "Data
 * pipeline"):
 *
 * - `PoolLoader` (`loader: pool`): `workers` workers each take ONE sample at a time — read it from storage, then
 *   spend its CPU time (`cpu.sampleUs`) — into a shared buffer of `prefetchSteps` batches; a worker takes the
 *   next sample while buffered + in-flight samples are fewer than the buffer holds.
 * - `TorchLoader` (`loader: pytorch`): torch.utils.data.DataLoader. The training process keeps
 *   `prefetch_factor × num_workers` batches in flight, dealt to the workers round-robin; each worker builds its
 *   batches one after another, FIFO: its samples one at a time (read, then CPU), then collate and hand-off
 *   (`cpu.batchUs`). Batches are delivered strictly in order; each delivered batch lets the training process
 *   send one more. An epoch's iterator ends before the next one starts (no prefetch across the boundary); the
 *   workers of a new iterator start (`cpu.workerStartUs`) at the run's start and, without persistent workers,
 *   every epoch. `num_workers: 0` loads each batch in the training process when it is needed, with no overlap.
 *
 * CPU work runs on the node's cores (`CpuPool`): one worker is one core at most, and every worker of every rank
 * on the node shares the node's `cpuCoresPerNode`.
 */
import type { Engine } from "../../sim/engine.ts";
import { FluidNetwork, type Constraint, type Flow } from "../../sim/fluid-network.ts";

/** One core runs one µs of CPU work per µs: work is in µs, rates in µs/s. */
const CORE = 1e6;

/**
 * The nodes' CPU cores as a fluid network: a CPU task is a flow of its µs of work, capped at one core, across
 * its node's constraint of `cores` cores; runnable tasks share the cores max-min (processor sharing).
 */
export class CpuPool {
  private readonly net: FluidNetwork;
  private readonly nodes: (Constraint | undefined)[];
  private readonly flows = new Set<Flow>();

  constructor(
    private readonly engine: Engine,
    nodes: number,
    cores: number,
  ) {
    this.net = new FluidNetwork(engine, "cpu");
    this.nodes = Array.from({ length: nodes }, (_, i) =>
      cores < Infinity ? this.net.addConstraint(`node ${i} cpu`, cores * CORE) : undefined,
    );
  }

  /**
   * Runs `us` of CPU work on `node`, then `done()` (from a COMPLETE-class event); no work: `done()` at once, in
   * the caller's event (so a loader without CPU costs runs exactly as before CPU was modelled).
   */
  run(node: number, us: number, done: () => void): void {
    if (!(us > 0)) {
      done();
      return;
    }
    const c = this.nodes[node];
    const flow: Flow = this.net.start(us, c === undefined ? [] : [c], {
      cap: CORE,
      tag: "cpu",
      onComplete: () => {
        this.flows.delete(flow);
        done();
      },
    });
    this.flows.add(flow);
  }

  /** Stops every task (a failure); their `done` is never called. */
  abortAll(): void {
    for (const f of this.flows) this.net.abort(f);
    this.flows.clear();
  }
}

/** What a rank loader asks of the training actor. */
export interface LoaderHost {
  readonly cpu: CpuPool;
  /** The generation: callbacks from before a failure check it and do nothing. */
  generation(): number;
  /**
   * Reads sample `sample` (its index in the rank's stream since the run's start) from storage (or the page
   * cache), then calls `done()`; aborted by a failure.
   */
  readSample(rank: number, node: number, sample: number, done: () => void): void;
  /** A batch became available to a rank that is waiting for it. */
  batchReady(rank: number): void;
}

/** The data loader of one rank. */
export interface RankLoader {
  /** Starts loading for steps `fromStep` … `totalSteps − 1` (at the start, and after a recovery). */
  start(fromStep: number, totalSteps: number): void;
  /** At a step's start: takes the step's batch when it is ready (true); else the rank waits for `batchReady`. */
  take(): boolean;
  /** Forgets everything in flight (a failure; storage flows and CPU tasks are aborted by the host). */
  reset(): void;
}

/** Per-rank facts a loader needs. */
export interface RankLoaderOptions {
  readonly rank: number;
  readonly node: number;
  readonly batch: number;
  readonly workers: number;
  /** pool: buffer in batches; pytorch: prefetch_factor. */
  readonly prefetch: number;
  readonly sampleCpuUs: number;
  readonly batchCpuUs: number;
  readonly workerStartUs: number;
  readonly persistentWorkers: boolean;
  /** Batches per epoch of one rank's sampler (drop_last). */
  readonly batchesPerEpoch: number;
}

/** `loader: pool`: one sample per worker at a time, into a shared buffer (see the file header). */
export class PoolLoader implements RankLoader {
  private buffered = 0;
  private inflight = 0;
  private issued = 0;
  private total = 0;
  private base = 0;
  private waiting = false;

  constructor(
    private readonly host: LoaderHost,
    private readonly o: RankLoaderOptions,
  ) {}

  start(fromStep: number, totalSteps: number): void {
    this.base = fromStep * this.o.batch;
    this.total = (totalSteps - fromStep) * this.o.batch;
    this.issued = 0;
    this.pump();
  }

  take(): boolean {
    if (this.buffered >= this.o.batch) {
      this.buffered -= this.o.batch;
      this.pump();
      return true;
    }
    this.waiting = true;
    return false;
  }

  reset(): void {
    this.buffered = 0;
    this.inflight = 0;
    this.waiting = false;
  }

  private pump(): void {
    const capacity = this.o.prefetch * this.o.batch;
    while (this.inflight < this.o.workers && this.buffered + this.inflight < capacity && this.issued < this.total) {
      this.inflight++;
      const sample = this.base + this.issued++;
      const gen = this.host.generation();
      this.host.readSample(this.o.rank, this.o.node, sample, () => {
        if (gen !== this.host.generation()) return;
        this.host.cpu.run(this.o.node, this.o.sampleCpuUs, () => {
          if (gen === this.host.generation()) this.sampleDone();
        });
      });
    }
  }

  private sampleDone(): void {
    this.inflight--;
    this.buffered++;
    if (this.waiting && this.buffered >= this.o.batch) {
      this.waiting = false;
      this.buffered -= this.o.batch;
      this.pump();
      this.host.batchReady(this.o.rank);
      return;
    }
    this.pump();
  }
}

interface TorchWorker {
  /** Batch indices dealt to it, in order, not yet built. */
  readonly queue: number[];
  busy: boolean;
  /** Ready to work (its process has started). */
  up: boolean;
}

/** `loader: pytorch`: torch.utils.data.DataLoader (see the file header). */
export class TorchLoader implements RankLoader {
  private workers: TorchWorker[] = [];
  /** Batches built and not yet taken, by index. */
  private readonly built = new Set<number>();
  /** Next batch the training process takes; next batch to deal to a worker; first step of this start. */
  private next = 0;
  private dealt = 0;
  private fromStep = 0;
  private totalSteps = 0;
  /** The first batch of the running iterator (its epoch's first, or the step a recovery resumed at). */
  private epochStart = 0;
  private waiting = false;
  /** The epoch whose iterator is running (its batches are the ones dealt). */
  private iteratorEpoch = -1;
  /** num_workers: 0 — the batch being loaded in the training process, if any. */
  private loadingMain = -1;
  private startedWorkers = false;

  constructor(
    private readonly host: LoaderHost,
    private readonly o: RankLoaderOptions,
  ) {}

  start(fromStep: number, totalSteps: number): void {
    this.fromStep = fromStep;
    this.totalSteps = totalSteps;
    this.next = fromStep;
    this.dealt = fromStep;
    this.built.clear();
    this.loadingMain = -1;
    this.startedWorkers = false;
    // The iterator starts at once (a recovered job resumes mid-epoch: its iterator starts at the resume step).
    this.iteratorEpoch = this.epochOf(fromStep);
    this.epochStart = fromStep;
    this.beginIterator();
  }

  take(): boolean {
    const k = this.next;
    // The training loop asks for the first batch of an epoch only after computing the last one of the previous
    // epoch: that is when the exhausted iterator is replaced and the new one starts prefetching.
    if (this.epochOf(k) !== this.iteratorEpoch) {
      this.iteratorEpoch = this.epochOf(k);
      this.epochStart = k;
      this.beginIterator();
    }
    if (this.built.delete(k)) {
      this.consumed(k);
      return true;
    }
    this.waiting = true;
    if (this.o.workers === 0 && this.loadingMain < 0) this.loadInMain(k);
    return false;
  }

  reset(): void {
    this.workers = [];
    this.built.clear();
    this.waiting = false;
    this.loadingMain = -1;
  }

  // ---- the iterator ----

  private epochOf(step: number): number {
    return Math.floor(step / this.o.batchesPerEpoch);
  }

  /** The last batch (exclusive) of the epoch `k` is in, capped at the run's end. */
  private epochEnd(k: number): number {
    return Math.min(this.totalSteps, (this.epochOf(k) + 1) * this.o.batchesPerEpoch);
  }

  /** A new iterator: workers start (the first time, or every epoch without persistent workers), then prefetch. */
  private beginIterator(): void {
    if (this.o.workers === 0) return;
    const restart = !this.o.persistentWorkers || !this.startedWorkers;
    this.startedWorkers = true;
    const gen = this.host.generation();
    if (restart) {
      this.workers = Array.from({ length: this.o.workers }, () => ({ queue: [], busy: false, up: false }));
      for (const w of this.workers) {
        this.host.cpu.run(this.o.node, this.o.workerStartUs, () => {
          if (gen !== this.host.generation()) return;
          w.up = true;
          this.work(w);
        });
      }
    }
    this.deal();
  }

  /** Deals batches to workers round-robin while fewer than prefetch × workers are in flight (this epoch only). */
  private deal(): void {
    const inFlight = this.o.prefetch * this.o.workers;
    const end = this.epochEnd(this.epochStart);
    while (this.dealt < end && this.dealt - this.next < inFlight) {
      const k = this.dealt++;
      const w = this.workers[(k - this.epochStart) % this.o.workers]!;
      w.queue.push(k);
      this.work(w);
    }
  }

  /** A worker builds its next batch: its samples one after another (read, CPU), then collate. */
  private work(w: TorchWorker): void {
    if (!w.up || w.busy || w.queue.length === 0) return;
    w.busy = true;
    const k = w.queue.shift()!;
    const gen = this.host.generation();
    this.build(k, gen, () => {
      w.busy = false;
      this.builtBatch(k);
      this.work(w);
    });
  }

  /** Reads and prepares batch `k`'s samples one at a time, then collates it; then `done()`. */
  private build(k: number, gen: number, done: () => void): void {
    const { batch, node, rank } = this.o;
    let j = 0;
    const nextSample = (): void => {
      if (gen !== this.host.generation()) return;
      if (j === batch) {
        this.host.cpu.run(node, this.o.batchCpuUs, () => {
          if (gen === this.host.generation()) done();
        });
        return;
      }
      const sample = k * batch + j++;
      this.host.readSample(rank, node, sample, () => {
        if (gen !== this.host.generation()) return;
        this.host.cpu.run(node, this.o.sampleCpuUs, nextSample);
      });
    };
    nextSample();
  }

  private builtBatch(k: number): void {
    if (this.waiting && k === this.next) {
      this.waiting = false;
      this.consumed(k);
      this.host.batchReady(this.o.rank);
      return;
    }
    this.built.add(k);
  }

  /** The training process took batch `k`: one more batch in flight (within the iterator's epoch). */
  private consumed(k: number): void {
    this.next = k + 1;
    if (this.o.workers > 0) this.deal();
  }

  /** num_workers: 0 — the training process builds batch `k` itself when the step needs it. */
  private loadInMain(k: number): void {
    this.loadingMain = k;
    const gen = this.host.generation();
    this.build(k, gen, () => {
      this.loadingMain = -1;
      if (this.waiting && k === this.next) {
        this.waiting = false;
        this.consumed(k);
        this.host.batchReady(this.o.rank);
      } else this.built.add(k);
    });
  }
}
