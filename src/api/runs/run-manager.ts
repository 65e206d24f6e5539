/**
 * The run manager: runs stored runs in a piscina pool of worker threads, so the server keeps answering while
 * they simulate. It bounds how many runs may be queued or running (`maxQueued`, then 429), forwards each run's
 * progress (the runner's `onProgress`, over a MessagePort) to memory at once and to the database at most every
 * `progressIntervalMs`, stores the result or the error when a run ends, and cancels a run by aborting its task
 * (piscina stops the worker thread running it).
 */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { busy } from "../errors.ts";
import type { RetentionLimits, RunRecord, RunsRepository } from "../plugins/runs-repository.ts";
import type { ErrorJson } from "../schemas/common.ts";
import type { RunStatusName } from "../schemas/runs.ts";
import type { RunTaskInput, RunTaskMessage, RunTaskOutput } from "./run-task.ts";
import type { PreparedRun } from "./submission.ts";

/** The worker bootstrap (plain JavaScript: it registers the TypeScript loader in the thread). */
const WORKER = new URL("./run-worker.js", import.meta.url);

/** The error stored with runs a stopped server left queued or running. */
export const INTERRUPTED: ErrorJson = {
  code: "API_ERR_INTERRUPTED",
  message: "interrupted: the server stopped before the run finished",
};

/** Default worker threads: the cores less one for the server, at least 1. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism() - 1);

/** Minimal logger (fastify's satisfies it). */
export interface RunLogger {
  error(obj: object, msg: string): void;
}

export interface RunManagerOptions {
  readonly repository: RunsRepository;
  /** Worker threads (default: cores − 1, at least 1). */
  readonly workers?: number;
  /** Runs queued or running at most (default 16). */
  readonly maxQueued?: number;
  /** Least time between two progress writes of one run to the database, ms (default 500). */
  readonly progressIntervalMs?: number;
  /** Heap limit of each worker thread, MiB (default 4096): a run past it fails, the server lives on. */
  readonly workerHeapMb?: number;
  /** Retention: after a run ends, the oldest finished unpinned runs beyond these are deleted. */
  readonly retention?: RetentionLimits;
  readonly log?: RunLogger;
}

/** A run's state as the manager knows it (fresher than the database). */
export interface LiveRun {
  status: Extract<RunStatusName, "queued" | "running">;
  fraction: number;
  message: string;
}

interface Active extends LiveRun {
  readonly controller: AbortController;
  /** The run's estimated work, units. */
  readonly work: number;
  settled: Promise<void>;
  lastWrite: number;
}

const now = (): string => new Date().toISOString();

/** Runs runs. One per server; `close()` stops it. */
export class RunManager {
  readonly maxQueued: number;
  private readonly opts: RunManagerOptions;
  private readonly active = new Map<string, Active>();
  private pool: Piscina | undefined;
  private closing = false;

  constructor(opts: RunManagerOptions) {
    this.opts = opts;
    this.maxQueued = opts.maxQueued ?? 16;
  }

  /** Runs queued or running. */
  get activeCount(): number {
    return this.active.size;
  }

  /**
   * @throws ApiError 429 `API_ERR_BUSY` when `maxQueued` runs are queued or running, with `Retry-After`: the
   *   seconds until the running run nearest its end is expected to finish (its remaining estimated work), 1–300.
   */
  ensureCapacity(): void {
    if (this.active.size >= this.maxQueued || this.closing) throw busy(this.maxQueued, this.retryAfterSeconds());
  }

  private retryAfterSeconds(): number {
    let soonest = Infinity;
    for (const a of this.active.values()) {
      if (a.status !== "running") continue;
      // Work units are about µs of one core; the fraction done is the run's own progress.
      soonest = Math.min(soonest, ((1 - a.fraction) * a.work) / 1e6);
    }
    return Number.isFinite(soonest) ? Math.min(300, Math.max(1, Math.ceil(soonest))) : 10;
  }

  /** The live state of a queued or running run, if it is one. */
  live(id: string): LiveRun | undefined {
    const a = this.active.get(id);
    return a === undefined ? undefined : { status: a.status, fraction: a.fraction, message: a.message };
  }

  /**
   * Queues a stored (queued) run of `prepared`, the scenario as validated at submission (parsed once, here in
   * the main thread). Call `ensureCapacity()` first.
   */
  start(run: RunRecord, prepared: Pick<PreparedRun, "config" | "profiles">): void {
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    const entry: Active = {
      controller,
      status: "queued",
      fraction: 0,
      message: "queued",
      settled: Promise.resolve(),
      lastWrite: 0,
      work: run.work,
    };
    this.active.set(run.id, entry);
    port1.on("message", (m: RunTaskMessage) => this.onMessage(run.id, entry, m));
    const task: RunTaskInput = {
      config: prepared.config,
      seed: run.seed,
      replications: run.replications,
      fidelity: run.fidelity,
      profiles: prepared.profiles,
      port: port2,
    };
    entry.settled = this.getPool()
      .run(task, { signal: controller.signal, transferList: [port2] })
      .then(
        (out: RunTaskOutput) => this.onOutput(run.id, out),
        (err: unknown) => this.onRejected(run.id, err, controller.signal.aborted),
      )
      .then(() => {
        if (this.opts.retention !== undefined) this.opts.repository.evict(this.opts.retention);
      })
      .catch((err: unknown) => this.opts.log?.error({ runId: run.id, err }, "storing the run's end failed"))
      .finally(() => {
        port1.close();
        this.active.delete(run.id);
      });
  }

  /**
   * Cancels a queued or running run (stopping its worker thread) and waits until it has ended; it is then
   * stored as `cancelled`. Returns false when the run is not active.
   */
  async cancel(id: string): Promise<boolean> {
    const a = this.active.get(id);
    if (a === undefined) return false;
    a.controller.abort();
    await a.settled;
    return true;
  }

  /** Resolves when no run is queued or running. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((a) => a.settled));
  }

  /**
   * Stops: queued and running runs are stored as failed with the `INTERRUPTED` error (as a restart after a
   * crash would), their threads are stopped, and new runs are refused.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.active.size > 0) this.opts.repository.failActive(INTERRUPTED, now());
    for (const a of this.active.values()) a.controller.abort();
    await this.idle();
    await this.pool?.destroy();
    this.pool = undefined;
  }

  /**
   * The pool, made on the first run. It keeps all its threads (minThreads = maxThreads): with fewer, piscina
   * 5.3 does not replace a thread stopped by an abort, and the runs queued behind it would wait for ever.
   */
  private getPool(): Piscina {
    const threads = this.opts.workers ?? defaultWorkers();
    this.pool ??= new Piscina({
      filename: WORKER.href,
      minThreads: threads,
      maxThreads: threads,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.workerHeapMb ?? 4096 },
    });
    return this.pool;
  }

  private onMessage(id: string, a: Active, m: RunTaskMessage): void {
    if (!this.active.has(id)) return;
    if (m.kind === "started") {
      a.status = "running";
      a.message = "running";
      this.opts.repository.markRunning(id, now());
      return;
    }
    a.status = "running";
    a.fraction = m.total > 0 ? Math.min(1, m.done / m.total) : 0;
    a.message = `${Math.floor(100 * a.fraction)}% simulated`;
    const t = performance.now();
    if (t - a.lastWrite >= (this.opts.progressIntervalMs ?? 500)) {
      a.lastWrite = t;
      this.opts.repository.setProgress(id, a.fraction, a.message);
    }
  }

  private onOutput(id: string, out: RunTaskOutput): void {
    const repo = this.opts.repository;
    if (out.ok) repo.finish(id, { status: "done", result: out.result, headline: out.headline }, now());
    else {
      if (out.detail !== undefined) {
        // A bug: the stored error has an id to quote and nothing of the internals; the log has the detail.
        const errorId = randomUUID().slice(0, 8);
        this.opts.log?.error({ runId: id, errorId, detail: out.detail }, "run failed");
        const error = {
          code: "API_ERR_INTERNAL",
          message: `simulation failed: internal error ${errorId} (logged)`,
          id: errorId,
        };
        repo.finish(id, { status: "failed", error }, now());
      } else repo.finish(id, { status: "failed", error: out.error }, now());
    }
  }

  private onRejected(id: string, err: unknown, aborted: boolean): void {
    const repo = this.opts.repository;
    if (aborted) {
      repo.finish(id, { status: "cancelled", error: { code: "API_ERR_CANCELLED", message: "cancelled" } }, now());
      return;
    }
    const errorId = randomUUID().slice(0, 8);
    this.opts.log?.error({ runId: id, errorId, err }, "run worker failed");
    const error = { code: "API_ERR_INTERNAL", message: `run failed: internal error ${errorId} (logged)`, id: errorId };
    repo.finish(id, { status: "failed", error }, now());
  }
}
