/**
 * A real data loader with the training model's data-pipeline semantics (docs/model.md, "Data pipeline"),
 * for one rank, reading from a real file on a real disk:
 *
 * - `workers` reader threads (worker_threads, like PyTorch DataLoader worker processes) each read ONE sample
 *   at a time with blocking `readSync` at a random sample-aligned offset, in a shuffled order without
 *   repeats (one epoch), split into requests of at most `maxRequestBytes` issued one after the other;
 * - finished samples go into a prefetch buffer of `prefetchSteps × samplesPerStep` shared through atomics;
 *   a reader takes a free slot before each read, so buffered + in-flight never exceeds the capacity;
 * - each step the emulated accelerator (the main thread, blocking on futexes) waits until a full batch is buffered (data wait),
 *   takes it, then "computes" for `computeMs` (a timer), `steps` times; the step's measured compute is all
 *   but its data wait (the hand-off of the batch's slots to the readers, then the timer).
 *
 * AU is MLPerf Storage's: compute / (total − the first step's I/O). The data file is evicted from the page
 * cache before the run (`dropFileCache`, no root needed) and no sample is read twice in a run, so every
 * read goes to the disk (reads are buffered, as a Python loader's are: the kernel's readahead applies).
 *
 * Run directly: `tsx calibration/replay/replay.ts '{"file":…,"sampleBytes":…,…}'` prints one JSON line;
 * `runReplayProcess` runs it in a child process.
 */
import { execFileSync, spawn } from "node:child_process";
import { promises as fsp, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import { dropFileCache } from "../../src/calibration/volume-fio.ts";
import { blockDeviceOf, deviceBytesRead } from "./block-device.ts";

export { dropFileCache };

/** One replay workload. */
export interface ReplayOptions {
  /** Data file to read (see `prepareDataFile`). */
  readonly file: string;
  readonly steps: number;
  readonly samplesPerStep: number;
  readonly sampleBytes: number;
  readonly workers: number;
  readonly prefetchSteps: number;
  /** Requests of at most this many bytes (Infinity or absent: one request per sample). */
  readonly maxRequestBytes?: number;
  /** Emulated compute per step, ms. */
  readonly computeMs: number;
  /** Drop the page cache before the run (default true). */
  readonly dropCaches?: boolean;
  /** Seed of the shuffled sample order. */
  readonly seed?: string;
}

/** What one replay measured (times in ms). */
export interface ReplayResult {
  readonly totalMs: number;
  /** Actual compute (hand-off to the readers + timer sleep: all of a step but its data wait), summed over steps. */
  readonly computeMs: number;
  readonly meanComputeMs: number;
  readonly dataWaitMs: number;
  /** Data wait of the first step (excluded from AU, as MLPerf Storage does). */
  readonly firstStepIoMs: number;
  readonly au: number;
  readonly meanStepMs: number;
  /** (total − first step's I/O) / steps = compute per step / AU. */
  readonly steadyStepMs: number;
  readonly bytesRead: number;
  /** Bytes read / (total − first step I/O). */
  readonly readBytesPerSecond: number;
  /** Read requests issued. */
  readonly requests: number;
  /** CPU time of the whole process (all threads, user + system) during the run, ms. */
  readonly cpuMs: number;
  /** The data wait of the steps after the first: median, 90th percentile and largest, ms. */
  readonly stepWaitMs?: { readonly p50: number; readonly p90: number; readonly max: number };
  /** Times a reader found the prefetch buffer full and slept until the accelerator took a batch. */
  readonly slotWaits?: number;
  /** Their total, summed over readers, ms. */
  readonly slotWaitMs?: number;
  /**
   * Bytes the block device under the file read during the run (/proc/diskstats; includes readahead past the
   * samples and any other reader of that device), or undefined where it cannot be told (block-device.ts).
   */
  readonly deviceBytes?: number;
  /** The device's readahead window, bytes (undefined: unknown). */
  readonly readaheadBytes?: number;
}

/** True when this machine can evict a file from the page cache (GNU dd with `iflag=nocache`). */
export function canDropFileCache(file: string): boolean {
  try {
    dropFileCache(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes `bytes` of non-zero data to `path` once (reused when present with that size), then drops caches. */
export async function prepareDataFile(path: string, bytes: number): Promise<void> {
  let size = -1;
  try {
    size = statSync(path).size;
  } catch {
    size = -1;
  }
  if (size !== bytes) {
    const chunk = Buffer.alloc(8 << 20);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
    const fh = await fsp.open(path, "w");
    try {
      for (let off = 0; off < bytes; off += chunk.length) {
        await fh.write(chunk, 0, Math.min(chunk.length, bytes - off), off);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  dropFileCache(path);
}

/**
 * Reads `file` once, whole, with direct I/O (`dd iflag=direct`: the guest's page cache untouched), and returns
 * the seconds it took. On a VM whose disk is a file in the host's page cache (this project's is) random reads
 * get faster the more of the file the host holds: fio's 128 KiB one-reader reads went 84 → 263 → 474 MB/s over
 * three consecutive 2 s runs on fresh offsets (2026-11-24), then ~800 MB/s after one such pass. One pass first
 * puts calibration and replay on the same footing; on a real local disk it costs one sequential read.
 */
export function readThrough(file: string): number {
  const t0 = performance.now();
  execFileSync("dd", [`if=${file}`, "of=/dev/null", "bs=4M", "iflag=direct", "status=none"]);
  return (performance.now() - t0) / 1e3;
}

/** A shuffled order of `n` slots, Fisher–Yates with a seeded generator. */
function shuffled(n: number, seed: string): Uint32Array {
  const rng = seedrandom(seed);
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Shared control block (Int32Array over a SharedArrayBuffer): indices of its cells.
const NEXT = 0; // next position in the shuffled order to read
const BUFFERED = 1; // samples read and not yet consumed
const SLOTS = 2; // free prefetch slots (capacity − buffered − reads in flight)
const GO = 3; // 1: start reading
const FAILED = 4; // 1: a reader failed (its message is posted)

/**
 * A reader thread (CommonJS, run with `eval`): blocking `readSync` of whole samples into its own buffer, one
 * sample at a time, as a PyTorch DataLoader worker process does; a prefetch slot is taken before each read.
 */
const READER = `
const { workerData, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const { file, sampleBytes, reqBytes, total, batch, ctl, order, stats, index } = workerData;
const c = new Int32Array(ctl), ord = new Uint32Array(order), st = new Float64Array(stats);
const fd = fs.openSync(file, "r");
const buf = Buffer.allocUnsafe(reqBytes);
let bytes = 0, requests = 0, waits = 0, waitMs = 0;
try {
  while (Atomics.load(c, ${GO}) === 0) Atomics.wait(c, ${GO}, 0);
  for (;;) {
    const s = Atomics.load(c, ${SLOTS});
    if (s <= 0) { const w0 = performance.now(); if (Atomics.wait(c, ${SLOTS}, s) === "ok") { waits++; waitMs += performance.now() - w0; } continue; }
    if (Atomics.compareExchange(c, ${SLOTS}, s, s - 1) !== s) continue;
    const i = Atomics.add(c, ${NEXT}, 1);
    if (i >= total) break;
    const base = ord[i] * sampleBytes;
    for (let off = 0; off < sampleBytes; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(reqBytes, sampleBytes - off), base + off);
      if (n <= 0) throw new Error("short read at " + (base + off) + ": " + n + " bytes");
      off += n; bytes += n; requests++;
    }
    // The main thread waits for a full batch: wake it only when one may be there.
    if (Atomics.add(c, ${BUFFERED}, 1) + 1 >= batch) Atomics.notify(c, ${BUFFERED});
  }
} catch (e) {
  parentPort.postMessage(String(e && e.message || e));
  Atomics.store(c, ${FAILED}, 1);
  Atomics.add(c, ${BUFFERED}, 1 << 24);
  Atomics.notify(c, ${BUFFERED});
} finally {
  st[4 * index] = bytes; st[4 * index + 1] = requests; st[4 * index + 2] = waits; st[4 * index + 3] = waitMs;
  fs.closeSync(fd);
}
`;

/**
 * Replays one workload in this process: `workers` reader threads (blocking reads, no shared event loop),
 * a prefetch buffer of `prefetchSteps × samplesPerStep` samples shared with them through atomics, and the
 * emulated accelerator on the main thread.
 */
export async function replay(o: ReplayOptions): Promise<ReplayResult> {
  for (const k of ["steps", "samplesPerStep", "sampleBytes", "workers", "prefetchSteps"] as const) {
    if (!(Number.isInteger(o[k]) && o[k] > 0)) throw new RangeError(`invalid ${k}: ${o[k]}`);
  }
  if (!(o.computeMs >= 0)) throw new RangeError(`invalid computeMs: ${o.computeMs}`);
  const maxReq = o.maxRequestBytes ?? Infinity;
  if (!(maxReq > 0)) throw new RangeError(`invalid maxRequestBytes: ${maxReq}`);
  const fileBytes = statSync(o.file).size;
  const slots = Math.floor(fileBytes / o.sampleBytes);
  const total = o.steps * o.samplesPerStep;
  if (total > slots) {
    throw new RangeError(`workload reads ${total} samples, file holds ${slots}: samples would repeat (cache hits)`);
  }
  const batch = o.samplesPerStep;
  const shuffledOrder = shuffled(slots, o.seed ?? "replay").subarray(0, total);
  const order = new Uint32Array(new SharedArrayBuffer(total * 4));
  order.set(shuffledOrder);
  const ctl = new Int32Array(new SharedArrayBuffer(8 * 4));
  ctl[SLOTS] = o.prefetchSteps * batch;
  const stats = new Float64Array(new SharedArrayBuffer(o.workers * 4 * 8));
  const reqBytes = Math.min(maxReq, o.sampleBytes);
  const errors: string[] = [];
  const readers = Array.from({ length: o.workers }, (_, index) => {
    const w = new Worker(READER, {
      eval: true,
      workerData: {
        file: o.file,
        sampleBytes: o.sampleBytes,
        reqBytes,
        total,
        batch,
        ctl: ctl.buffer,
        order: order.buffer,
        stats: stats.buffer,
        index,
      },
    });
    w.on("message", (m: string) => errors.push(m));
    return new Promise<void>((resolve, reject) => {
      w.on("error", reject);
      w.on("exit", () => resolve());
    });
  });
  if (o.dropCaches ?? true) dropFileCache(o.file);
  const device = blockDeviceOf(o.file);
  const device0 = device === undefined ? undefined : deviceBytesRead(device);

  // The emulated accelerator blocks on futexes (Atomics.wait), for data and for its compute, instead of going
  // through the event loop: waking the event loop cost ~0.1–0.5 ms per step on this VM (compute-bound replays
  // measured AU 0.99), time the loader would have charged to data wait that a GPU does not wait.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let computeMs = 0;
  let dataWaitMs = 0;
  let firstStepIoMs = 0;
  const waits = new Float64Array(o.steps);
  Atomics.store(ctl, GO, 1);
  Atomics.notify(ctl, GO);
  for (let step = 0; step < o.steps; step++) {
    const ws = performance.now();
    for (let b = Atomics.load(ctl, BUFFERED); b < batch; b = Atomics.load(ctl, BUFFERED)) {
      Atomics.wait(ctl, BUFFERED, b);
    }
    if (Atomics.load(ctl, FAILED) !== 0) break;
    const cs = performance.now();
    const wait = cs - ws;
    dataWaitMs += wait;
    waits[step] = wait;
    if (step === 0) firstStepIoMs = wait;
    // The step's compute is all it does with its batch in hand: the hand-off to the readers (freeing the
    // slots, waking them: 0.5–1 ms a step with 16 readers on this 2-core VM, whatever the thread's priority)
    // and the emulated sleep. It is what the model is given as the step's compute, so harness overhead is on
    // both sides of the comparison and only the wait for data is compared.
    Atomics.sub(ctl, BUFFERED, batch);
    Atomics.add(ctl, SLOTS, batch);
    Atomics.notify(ctl, SLOTS);
    Atomics.wait(pause, 0, 0, o.computeMs);
    computeMs += performance.now() - cs;
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  Atomics.add(ctl, SLOTS, o.workers); // wake readers so they see the end
  Atomics.notify(ctl, SLOTS);
  await Promise.all(readers);
  if (errors.length > 0) throw new Error(`replay reader failed: ${errors[0]}`);
  // Readahead issued by the last reads completes after them: let it land before reading the counter.
  await sleep(200);
  const device1 = device === undefined ? undefined : deviceBytesRead(device);
  let bytesRead = 0;
  let requests = 0;
  let slotWaits = 0;
  let slotWaitMs = 0;
  for (let i = 0; i < o.workers; i++) {
    bytesRead += stats[4 * i]!;
    requests += stats[4 * i + 1]!;
    slotWaits += stats[4 * i + 2]!;
    slotWaitMs += stats[4 * i + 3]!;
  }
  const counted = totalMs - firstStepIoMs;
  const later = waits.slice(1).sort();
  const q = (p: number): number => later[Math.min(later.length - 1, Math.floor(p * later.length))] ?? 0;
  return {
    totalMs,
    computeMs,
    meanComputeMs: computeMs / o.steps,
    dataWaitMs,
    firstStepIoMs,
    au: computeMs / counted,
    meanStepMs: totalMs / o.steps,
    steadyStepMs: counted / o.steps,
    bytesRead,
    readBytesPerSecond: bytesRead / (counted / 1e3),
    requests,
    cpuMs: (cpu.user + cpu.system) / 1e3,
    slotWaits,
    slotWaitMs,
    stepWaitMs: { p50: q(0.5), p90: q(0.9), max: q(1) },
    ...(device0 !== undefined && device1 !== undefined ? { deviceBytes: device1 - device0 } : {}),
    ...(device !== undefined ? { readaheadBytes: device.readaheadBytes } : {}),
  };
}

const self = fileURLToPath(import.meta.url);

/** Runs `replay` in a child process (a fresh heap and no other work in it); resolves with its JSON result. */
export function runReplayProcess(o: ReplayOptions): Promise<ReplayResult> {
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const json = JSON.stringify({
    ...o,
    maxRequestBytes: o.maxRequestBytes === Infinity ? undefined : o.maxRequestBytes,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [self, json], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`replay exited with ${code}: ${err.trim()}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? "") as ReplayResult);
      } catch (e) {
        reject(new Error(`replay printed no result: ${out.trim()} ${err.trim()}`, { cause: e }));
      }
    });
  });
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error("usage: tsx calibration/replay/replay.ts '<ReplayOptions JSON>'");
  const o = JSON.parse(arg) as ReplayOptions;
  console.log(JSON.stringify(await replay(o)));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === self) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
