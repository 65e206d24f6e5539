/**
 * A real data loader with the training model's data-pipeline semantics (docs/model.md, "Data pipeline"),
 * for one rank, reading from a real file on a real disk:
 *
 * - `workers` asynchronous readers each read ONE sample at a time (`FileHandle.read` of `sampleBytes` at a
 *   random sample-aligned offset, in a shuffled order without repeats, like one epoch; split into requests
 *   of at most `maxRequestBytes`, issued one after the other);
 * - finished samples go into a prefetch buffer of `prefetchSteps × samplesPerStep`; readers stop when the
 *   buffer plus the reads in flight are full;
 * - each step the emulated accelerator waits until a full batch is buffered (data wait), takes it, then
 *   "computes" for `computeMs` (a timer; the actual sleep is measured), `steps` times.
 *
 * AU is MLPerf Storage's: compute / (total − the first step's I/O). The page cache is dropped before the
 * run (`sync; echo 3 > /proc/sys/vm/drop_caches`, root only) and no sample is read twice in a run, so every
 * read goes to the disk. libuv's threadpool must have at least `workers` threads: the CLI main sets
 * `UV_THREADPOOL_SIZE` and re-executes itself; `runReplayProcess` spawns it with that variable.
 *
 * Run directly: `tsx calibration/replay/replay.ts '{"file":…,"sampleBytes":…,…}'` prints one JSON line.
 */
import { execFileSync, spawn } from "node:child_process";
import { constants, promises as fsp, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";

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
  /** Actual compute (timer sleeps), summed over steps. */
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
}

/** Drops the page cache (root only). Throws when it cannot. */
export function dropCaches(): void {
  execFileSync("sync");
  writeFileSync("/proc/sys/vm/drop_caches", "3");
}

/** True when this process may drop the page cache. */
export function canDropCaches(): boolean {
  try {
    dropCaches();
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
  dropCaches();
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

/** Replays one workload in this process. The threadpool must already have ≥ `workers` threads. */
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
  const order = shuffled(slots, o.seed ?? "replay");
  const batch = o.samplesPerStep;
  const capacity = o.prefetchSteps * batch;
  const reqBytes = Math.min(maxReq, o.sampleBytes);
  const free: Buffer[] = Array.from({ length: o.workers }, () => Buffer.allocUnsafe(reqBytes));

  if (o.dropCaches ?? true) dropCaches();
  const fh = await fsp.open(o.file, constants.O_RDONLY);
  let buffered = 0;
  let inflight = 0;
  let issued = 0;
  let bytesRead = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;

  const readSample = async (slot: number): Promise<void> => {
    const buf = free.pop();
    if (buf === undefined) throw new Error(`no free buffer with ${inflight} reads in flight`);
    const base = slot * o.sampleBytes;
    for (let off = 0; off < o.sampleBytes;) {
      const len = Math.min(reqBytes, o.sampleBytes - off);
      const { bytesRead: n } = await fh.read(buf, 0, len, base + off);
      if (n <= 0) throw new Error(`short read at ${base + off}: ${n} bytes`);
      off += n;
      bytesRead += n;
    }
    free.push(buf);
  };

  const pump = (): void => {
    while (inflight < o.workers && buffered + inflight < capacity && issued < total) {
      const slot = order[issued++]!;
      inflight++;
      readSample(slot).then(
        () => {
          inflight--;
          buffered++;
          if (wake !== undefined && buffered >= batch) {
            const w = wake;
            wake = undefined;
            w();
          }
          pump();
        },
        (e: unknown) => {
          failure = e;
          wake?.();
        },
      );
    }
  };

  const t0 = performance.now();
  let computeMs = 0;
  let dataWaitMs = 0;
  let firstStepIoMs = 0;
  try {
    pump();
    for (let step = 0; step < o.steps; step++) {
      const ws = performance.now();
      if (buffered < batch) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined) throw failure;
      const wait = performance.now() - ws;
      dataWaitMs += wait;
      if (step === 0) firstStepIoMs = wait;
      buffered -= batch;
      pump();
      const cs = performance.now();
      await sleep(o.computeMs);
      computeMs += performance.now() - cs;
    }
  } finally {
    await fh.close();
  }
  const totalMs = performance.now() - t0;
  const counted = totalMs - firstStepIoMs;
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
  };
}

const self = fileURLToPath(import.meta.url);

/** Runs `replay` in a child process with `UV_THREADPOOL_SIZE` ≥ workers; resolves with its JSON result. */
export function runReplayProcess(o: ReplayOptions): Promise<ReplayResult> {
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const threads = String(Math.max(4, o.workers));
  const json = JSON.stringify({
    ...o,
    maxRequestBytes: o.maxRequestBytes === Infinity ? undefined : o.maxRequestBytes,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [self, json], {
      env: { ...process.env, UV_THREADPOOL_SIZE: threads },
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
  const need = Math.max(4, o.workers);
  if (Number(process.env.UV_THREADPOOL_SIZE ?? 4) < need) {
    const r = await runReplayProcess(o);
    console.log(JSON.stringify(r));
    return;
  }
  console.log(JSON.stringify(await replay(o)));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === self) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
