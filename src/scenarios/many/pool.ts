/**
 * Running many scenario points on all cores: `runPoints(points, opts)` resolves to one result per point, in
 * point order, whatever the number of threads or the order they finish in. It is the engine under `stallsim
 * sweep`, and the planner and the regression runner use it the same way.
 *
 * Determinism: a point's result depends only on the point (its scenario, seed, replications, fidelity and
 * profiles), so `workers: 1` (this thread, one point after another) and any number of worker threads give the
 * same results; nothing about a point's seed depends on the thread or the order.
 *
 * Threads: a piscina pool of worker threads, each loading the TypeScript runner through a small JavaScript
 * bootstrap (point-worker.js). Starting threads costs a fraction of a second each; a caller that runs several
 * batches (the planner's iterations) can keep one `PointPool` open and pass it in.
 *
 * Failures: a point that throws stops the points after it (those with a higher index); the points before it
 * still run, and `runPoints` rejects with a `PointRunError` for the lowest failing index, so the error is the
 * same as a serial run's.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ScenarioResult } from "../result/index.ts";
import { runScenario, type RunOptions } from "../run.ts";
import type { ScenarioConfig } from "../schema/scenario.ts";
import { reviveError, type PointTaskInput, type PointTaskOutput } from "./point-task.ts";

const WORKER = new URL("./point-worker.js", import.meta.url);

/** One simulation: a validated scenario and the options of `runScenario` (seed, replications, fidelity, profiles). */
export interface SimPoint extends Omit<RunOptions, "onProgress"> {
  readonly config: ScenarioConfig;
}

/** Options of `runPoints`. */
export interface RunPointsOptions {
  /**
   * Threads to use; default `availableParallelism()`, at most one per point. `1` (or a single point) runs in
   * this thread, one point after another, with no worker threads. Ignored when `pool` is given.
   */
  readonly workers?: number;
  /** An open pool to run on (its threads are kept for the next call); see `PointPool`. */
  readonly pool?: PointPool;
  /**
   * Progress: `done` points of `total` (= points.length), counting a running point by the fraction of its work
   * done, so `done` is fractional. Never decreases; the last call is `(total, total)`.
   */
  readonly onProgress?: (done: number, total: number) => void;
  /** Cancels: running points are stopped, the rest dropped, and `runPoints` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** A point failed; `index` is its position in the list given to `runPoints`, `cause` what it threw. */
export class PointRunError extends Error {
  readonly index: number;
  constructor(index: number, cause: unknown) {
    super(`point ${index}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "PointRunError";
    this.index = index;
  }
}

/** The default thread count: the cores Node may use. */
export const defaultWorkers = (): number => availableParallelism();

function checkWorkers(n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid workers: ${n} (expected an integer ≥ 1)`);
  return n;
}

/**
 * Worker threads kept across `runPoints` calls. Threads start on first use; call `close()` when done (open
 * threads keep the process alive).
 */
export class PointPool {
  /** Number of threads. */
  readonly threads: number;
  #piscina: Piscina<PointTaskInput, PointTaskOutput> | undefined;

  /** @throws RangeError unless `threads` is an integer ≥ 1 (default `availableParallelism()`). */
  constructor(threads: number = defaultWorkers()) {
    this.threads = checkWorkers(threads);
  }

  /** Runs one task on a thread (for `runPoints`). */
  run(
    input: PointTaskInput,
    options: { transferList?: MessagePort[]; signal?: AbortSignal },
  ): Promise<PointTaskOutput> {
    this.#piscina ??= new Piscina({ filename: WORKER.href, minThreads: this.threads, maxThreads: this.threads });
    return this.#piscina.run(input, options as Parameters<Piscina["run"]>[1]);
  }

  /** Stops the threads; the pool can be used again afterwards (threads start anew). */
  async close(): Promise<void> {
    const p = this.#piscina;
    this.#piscina = undefined;
    await p?.destroy();
  }
}

/** Sums per-point progress and reports it when it grows. */
function progressTracker(n: number, report: ((done: number, total: number) => void) | undefined) {
  const fractions = new Float64Array(n);
  let done = 0;
  let reported = 0;
  return (i: number, f: number): void => {
    if (report === undefined || !(f > fractions[i]!)) return;
    done += f - fractions[i]!;
    fractions[i] = f;
    if (done > reported) {
      reported = done;
      report(Math.min(done, n), n);
    }
  };
}

const taskOf = (p: SimPoint): PointTaskInput => ({
  config: p.config,
  seed: p.seed,
  replications: p.replications,
  fidelity: p.fidelity,
  profiles: p.profiles,
});

/**
 * Runs every point; resolves to their results in point order.
 * @throws PointRunError for the lowest-index point that failed (its `cause` is the `ScenarioError`, `RangeError`
 *   or other error the run threw); RangeError for a bad `workers`; the signal's reason when aborted.
 */
export async function runPoints(points: readonly SimPoint[], opts: RunPointsOptions = {}): Promise<ScenarioResult[]> {
  const n = points.length;
  const threads = opts.pool ? opts.pool.threads : checkWorkers(opts.workers ?? defaultWorkers());
  const progress = progressTracker(n, opts.onProgress);
  opts.signal?.throwIfAborted();
  let results: ScenarioResult[];
  if (n === 0) results = [];
  else if (!opts.pool && (threads === 1 || n === 1)) {
    results = await runSerial(points, opts.onProgress ? progress : undefined, opts.signal);
  } else {
    const pool = opts.pool ?? new PointPool(Math.min(threads, n));
    try {
      results = await runParallel(points, pool, progress, opts);
    } finally {
      if (!opts.pool) await pool.close();
    }
  }
  opts.onProgress?.(n, n);
  return results;
}

async function runSerial(
  points: readonly SimPoint[],
  progress: ((i: number, f: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (let i = 0; i < points.length; i++) {
    signal?.throwIfAborted();
    const onProgress = progress ? (d: number, t: number) => progress(i, t > 0 ? d / t : 1) : undefined;
    try {
      results.push(runScenario(points[i]!.config, { ...taskOf(points[i]!), onProgress }));
    } catch (e) {
      throw new PointRunError(i, e);
    }
    progress?.(i, 1);
    // Let signals, timers and the progress bar in between points.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}

/** Tasks handed to the pool at a time per thread: enough to keep threads busy, few enough to bound memory. */
const IN_FLIGHT_PER_THREAD = 4;

async function runParallel(
  points: readonly SimPoint[],
  pool: PointPool,
  progress: (i: number, f: number) => void,
  opts: RunPointsOptions,
): Promise<ScenarioResult[]> {
  const results = new Array<ScenarioResult>(points.length);
  const stops = points.map(() => new AbortController());
  let failure: { index: number; error: unknown } | undefined;
  const fail = (index: number, error: unknown): void => {
    if (failure !== undefined && failure.index < index) return;
    failure = { index, error };
    for (let j = index + 1; j < stops.length; j++) stops[j]!.abort();
  };
  const runOne = async (i: number): Promise<void> => {
    const channel = opts.onProgress ? new MessageChannel() : undefined;
    channel?.port1.on("message", (f: number) => progress(i, f));
    const signal = opts.signal ? AbortSignal.any([stops[i]!.signal, opts.signal]) : stops[i]!.signal;
    try {
      const input = channel ? { ...taskOf(points[i]!), port: channel.port2 } : taskOf(points[i]!);
      const out = await pool.run(input, { transferList: channel ? [channel.port2] : [], signal });
      if (out.ok) {
        results[i] = out.result;
        progress(i, 1);
      } else fail(i, reviveError(out.error));
    } catch (e) {
      if (!signal.aborted) fail(i, e);
    } finally {
      channel?.port1.close();
    }
  };
  // A few lanes take the next point as each finishes, in index order.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < points.length && !opts.signal?.aborted) {
      const i = next++;
      if (failure !== undefined && i > failure.index) return;
      await runOne(i);
    }
  };
  const lanes = Math.min(points.length, pool.threads * IN_FLIGHT_PER_THREAD);
  await Promise.all(Array.from({ length: lanes }, lane));
  opts.signal?.throwIfAborted();
  if (failure !== undefined) throw new PointRunError(failure.index, failure.error);
  return results;
}
