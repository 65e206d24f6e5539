/**
 * `npm run validate`: replays a spread of workloads on the real disk (page cache dropped before each run),
 * simulates each with the fitted storage profile, prints measured vs predicted AU and step time, and writes
 * docs/VALIDATION.md. Target: |measured AU − predicted AU| ≤ 5 points on every workload.
 *
 * Options (env): STALLSIM_REPLAY_FILE (data file, default /tmp/stallsim-replay-8g.bin, 8 GiB, created once),
 * STALLSIM_PROFILE (a profile JSON to predict with instead of calibrating the data file with fio first),
 * STALLSIM_VALIDATE_ONLY (comma-separated workload names: run those only and print their table, leaving
 * docs/VALIDATION.md as it is).
 * The compute time given to the model is the measured mean timer sleep per step (Node timers fire up to
 * ~0.5 ms early or late), so timer error is not counted as model error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";
import { execFileSync } from "node:child_process";
import { calibrationJson } from "../../src/calibration/fitted-profile.ts";
import { MACHINE_FILE } from "../../src/calibration/load-fio.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";
import { requestSeconds } from "../../src/models/storage/concurrency-curve.ts";
import { sampleDeviceReads } from "../../src/models/storage/readahead.ts";
import { blockDeviceOf } from "./block-device.ts";
import { calibrateDisk, calibrateWrites } from "./calibrate-disk.ts";
import type { FioRun } from "../../src/calibration/fio-types.ts";
import { loadProfile, predict, type Prediction } from "./predict.ts";
import { prepareDataFile, readThrough, runReplayProcess, type ReplayOptions, type ReplayResult } from "./replay.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** A workload: everything but the file. */
type Workload = Omit<ReplayOptions, "file" | "dropCaches" | "seed"> & {
  readonly name: string;
  readonly regime: string;
};

/**
 * The spread: sample size 4 KiB–4 MiB, workers 1–16, prefetch 1–8, storage-bound to compute-bound. Each
 * replay moves at most ~2.5 GB through the page cache: on this VM buffered reads slow down ~4× once the page
 * cache has grown by ~3.5 GB in a run (1 MiB random reads: 1,300 → 345 MB/s, while O_DIRECT reads of the same
 * offsets stay at 1,220 MB/s throughout; 2026-11-24) — the guest's fresh memory is costly to fault in, which is
 * not the disk and not in the model.
 */
export const WORKLOADS: readonly Workload[] = [
  {
    name: "4k-w1-p1",
    regime: "storage",
    sampleBytes: 4 * KiB,
    workers: 1,
    prefetchSteps: 1,
    samplesPerStep: 64,
    computeMs: 2,
    steps: 500,
  },
  {
    name: "4k-w16-p4",
    regime: "storage",
    sampleBytes: 4 * KiB,
    workers: 16,
    prefetchSteps: 4,
    samplesPerStep: 256,
    computeMs: 2,
    steps: 500,
  },
  {
    name: "16k-w8-p8",
    regime: "compute",
    sampleBytes: 16 * KiB,
    workers: 8,
    prefetchSteps: 8,
    samplesPerStep: 128,
    computeMs: 20,
    steps: 150,
  },
  {
    name: "64k-w4-p2",
    regime: "balanced",
    sampleBytes: 64 * KiB,
    workers: 4,
    prefetchSteps: 2,
    samplesPerStep: 64,
    computeMs: 3,
    steps: 400,
  },
  {
    name: "128k-w1-p4",
    regime: "balanced",
    sampleBytes: 128 * KiB,
    workers: 1,
    prefetchSteps: 4,
    samplesPerStep: 32,
    computeMs: 3,
    steps: 400,
  },
  {
    name: "256k-w2-p1",
    regime: "balanced",
    sampleBytes: 256 * KiB,
    workers: 2,
    prefetchSteps: 1,
    samplesPerStep: 16,
    computeMs: 2,
    steps: 400,
  },
  {
    name: "1m-w1-p2",
    regime: "storage",
    sampleBytes: 1 * MiB,
    workers: 1,
    prefetchSteps: 2,
    samplesPerStep: 8,
    computeMs: 4,
    steps: 200,
  },
  {
    name: "1m-w8-p8",
    regime: "compute",
    sampleBytes: 1 * MiB,
    workers: 8,
    prefetchSteps: 8,
    samplesPerStep: 8,
    computeMs: 10,
    steps: 200,
  },
  {
    name: "4m-w4-p2-r1m",
    regime: "balanced",
    sampleBytes: 4 * MiB,
    workers: 4,
    prefetchSteps: 2,
    samplesPerStep: 4,
    maxRequestBytes: 1 * MiB,
    computeMs: 8,
    steps: 50,
  },
  {
    name: "4m-w16-p1",
    regime: "compute",
    sampleBytes: 4 * MiB,
    workers: 16,
    prefetchSteps: 1,
    samplesPerStep: 16,
    computeMs: 60,
    steps: 30,
  },
];

/** One row of the table. */
export interface Row {
  readonly w: Workload;
  readonly measured: ReplayResult;
  /** The mean of the predictions with the calibrations before and after the replay. */
  readonly predicted: Prediction;
  /** Predicted AU with the calibration right before the replay and with the one right after. */
  readonly predictedAu: readonly [number, number];
  /** Predicted − measured AU, points. */
  readonly auErrorPoints: number;
  /** (predicted − measured) / measured steady step time, %. */
  readonly stepErrorPercent: number;
  /** The profile's curve at the workload's request size and reader count, bytes/s (mean of the two). */
  readonly fioBytesPerSecond: number;
}

const fmtSize = (b: number): string => (b >= MiB ? `${b / MiB} MiB` : `${b / KiB} KiB`);
const f = (x: number, d: number): string => x.toFixed(d);

function table(rows: readonly Row[]): string {
  const head =
    "| workload | sample | workers | prefetch | batch | compute ms | regime | measured AU | predicted AU (before / after) | error (pts) | measured step ms | predicted step ms | step error % | measured MB/s | fio MB/s | device ÷ read, measured | device ÷ read, model |";
  const sep = `|${"---|".repeat(17)}`;
  const lines = rows.map((r) =>
    [
      r.w.name,
      fmtSize(r.w.sampleBytes) + (r.w.maxRequestBytes !== undefined ? ` (req ${fmtSize(r.w.maxRequestBytes)})` : ""),
      r.w.workers,
      r.w.prefetchSteps,
      r.w.samplesPerStep,
      `${r.w.computeMs} (actual ${f(r.measured.meanComputeMs, 2)})`,
      r.w.regime,
      f(r.measured.au, 3),
      `${f(r.predicted.au, 3)} (${f(r.predictedAu[0], 3)} / ${f(r.predictedAu[1], 3)})`,
      (r.auErrorPoints >= 0 ? "+" : "") + f(r.auErrorPoints, 1) + (Math.abs(r.auErrorPoints) > 5 ? " **MISS**" : ""),
      f(r.measured.steadyStepMs, 2),
      f(r.predicted.steadyStepMs, 2),
      (r.stepErrorPercent >= 0 ? "+" : "") + f(r.stepErrorPercent, 1),
      f(r.measured.readBytesPerSecond / 1e6, 0),
      f(r.fioBytesPerSecond / 1e6, 0),
      r.measured.deviceBytes === undefined ? "?" : f(r.measured.deviceBytes / r.measured.bytesRead, 2),
      f(r.predicted.deviceBytes / r.predicted.bytesRequested, 2),
    ].join(" | "),
  );
  return [head, sep, ...lines.map((l) => `| ${l} |`)].join("\n");
}

/** Throughput of `q` readers of `r`-byte requests on the profile's read curves (r ÷ per-request time × q). */
function fioRate(profile: StorageProfile, r: number, q: number): number {
  const curves = profile.latency.read.curves;
  return curves === undefined ? NaN : (q * r) / requestSeconds(curves, r, q);
}

/**
 * The profile to predict workload `w` with: STALLSIM_PROFILE when set, else a fio calibration of the data file
 * run right before the workload's replay, at its request size with 1 and `workers` readers (this VM's disk
 * drifted by up to ~20× within minutes on 2026-11-24, so one calibration for all workloads was not enough).
 * Raw runs and machine.json go to `outDir`, the fitted profile to `profilePath`.
 */
function calibratedFor(
  w: Workload,
  file: string,
  outDir: string,
  profilePath: string,
  writeRuns: readonly FioRun[],
): { profile: StorageProfile; path: string } {
  const given = process.env.STALLSIM_PROFILE;
  if (given !== undefined) return { profile: loadProfile(given), path: given };
  const r = Math.min(w.sampleBytes, w.maxRequestBytes ?? Infinity);
  const jobs = [...new Set([1, w.workers])];
  // The sizes the device will be asked for: the request, and the readahead windows when a sample is read in
  // several requests (sampleDeviceReads: 4 MiB in 1 MiB requests under 8 MiB readahead → 1, 2, 4, 8 MiB).
  const ra = blockDeviceOf(file)?.readaheadBytes ?? 0;
  const reads = sampleDeviceReads(w.sampleBytes, r, ra).reads;
  const sizes = [...new Set([r, ...reads])].sort((a, b) => a - b);
  // With readahead windows in flight behind the readers the device sees more outstanding reads than readers.
  if (reads.reduce((a, b) => a + b, 0) > w.sampleBytes) jobs.push(2 * w.workers);
  const cal = calibrateDisk(`validate-${w.name}`, {
    file,
    sizes,
    jobs,
    runtimeSeconds: FIO_RUNTIME,
    outDir,
    writeRuns,
    onRun: (label, i, n) => console.error(`${w.name}: fio ${i + 1}/${n}: ${label}`),
  });
  writeFileSync(
    path.join(outDir, MACHINE_FILE),
    `${JSON.stringify(machine(file, cal.seconds, sizes, jobs), null, 2)}\n`,
  );
  mkdirSync(path.dirname(profilePath), { recursive: true });
  writeFileSync(profilePath, `${calibrationJson(cal.document, 2)}\n`);
  return { profile: cal.document.profile, path: profilePath };
}

const FIO_RUNTIME = Number(process.env.STALLSIM_FIO_RUNTIME ?? 2);

/** The mean of two predictions, field by field. */
function meanPrediction(a: Prediction, b: Prediction): Prediction {
  const m = (k: keyof Prediction): number => (a[k] + b[k]) / 2;
  return {
    au: m("au"),
    totalMs: m("totalMs"),
    meanStepMs: m("meanStepMs"),
    steadyStepMs: m("steadyStepMs"),
    firstStepIoMs: m("firstStepIoMs"),
    deviceBytes: m("deviceBytes"),
    bytesRequested: m("bytesRequested"),
  };
}

/** A small description of the machine and the fio settings, saved beside the raw runs. */
function machine(file: string, seconds: number, sizes: number[], jobs: number[]): Record<string, unknown> {
  return {
    hostname: os.hostname(),
    kernel: os.release(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cpuCores: os.cpus().length,
    memoryBytes: os.totalmem(),
    dataFile: file,
    fio: {
      version: execFileSync("fio", ["--version"], { encoding: "utf8" }).trim(),
      ioengine: "psync",
      iodepth: 1,
      buffered: true,
      numjobs: jobs,
      requestBytes: sizes,
      runtimeSeconds: FIO_RUNTIME,
      elapsedSeconds: Math.round(seconds),
    },
    dateUtc: new Date().toISOString().slice(0, 19) + "Z",
  };
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const file = process.env.STALLSIM_REPLAY_FILE ?? "/tmp/stallsim-replay-8g.bin";
  const fileBytes = 8 * GiB;
  const t0 = performance.now();
  const load = os.loadavg();
  await prepareDataFile(file, fileBytes);
  const runDir = path.join(root, "calibration/runs", `validate-${new Date().toISOString().slice(0, 10)}`);
  // The write direction once, first (calibrateWrites: writes disturb the reads after them), then the warm pass,
  // then a pause so that 30 s have passed since the writes before the first read calibration.
  console.error("fio write runs (once)…");
  const writeRuns = await calibrateWrites(file, { runtimeSeconds: FIO_RUNTIME, outDir: path.join(runDir, "writes") });
  const writesDone = performance.now();
  console.error(`reading ${file} once with direct I/O (see readThrough)…`);
  const warmSeconds = readThrough(file);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (performance.now() - writesDone))));
  const profileDir = path.join(root, "calibration/profiles", path.basename(runDir));
  const profilePath =
    process.env.STALLSIM_PROFILE ?? `calibration/profiles/${path.basename(runDir)}/<workload>-{before,after}.json`;
  const rows: Row[] = [];
  const stamp = new Date().toISOString();
  // The page cache the over-read can stay in (the model's cacheBytesPerNode): what the machine has free.
  const pageCache = os.freemem();
  const only = process.env.STALLSIM_VALIDATE_ONLY?.split(",").filter((x) => x !== "");
  const unknown = only?.filter((n) => !WORKLOADS.some((w) => w.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`STALLSIM_VALIDATE_ONLY: no workload named ${unknown.join(", ")}`);
  for (const w of WORKLOADS.filter((x) => only === undefined || only.includes(x.name))) {
    const { name: _n, regime: _r, ...opts } = w;
    const profileOut = (when: string): string => path.join(profileDir, `${w.name}-${when}.json`);
    const before = calibratedFor(w, file, path.join(runDir, w.name, "before"), profileOut("before"), writeRuns);
    const measured = await runReplayProcess({ ...opts, file, seed: `${w.name}/${stamp}` });
    const after = calibratedFor(w, file, path.join(runDir, w.name, "after"), profileOut("after"), writeRuns);
    // The model gets the compute the emulated accelerator actually did (mean timer sleep per step), the
    // device's readahead window and the page cache.
    const input = {
      ...opts,
      computeMs: measured.meanComputeMs,
      datasetBytes: fileBytes,
      readaheadBytes: measured.readaheadBytes ?? 0,
      cacheBytesPerNode: pageCache,
    };
    const p = [predict(input, before.profile), predict(input, after.profile)] as const;
    const predicted = meanPrediction(p[0], p[1]);
    const r = Math.min(w.sampleBytes, w.maxRequestBytes ?? Infinity);
    const row: Row = {
      w,
      measured,
      predicted,
      predictedAu: [p[0].au, p[1].au],
      auErrorPoints: 100 * (predicted.au - measured.au),
      stepErrorPercent: (100 * (predicted.steadyStepMs - measured.steadyStepMs)) / measured.steadyStepMs,
      fioBytesPerSecond: (fioRate(before.profile, r, w.workers) + fioRate(after.profile, r, w.workers)) / 2,
    };
    rows.push(row);
    console.error(
      `${w.name}: measured AU ${f(measured.au, 3)} predicted ${f(predicted.au, 3)} (${f(row.auErrorPoints, 1)} pts), ` +
        `${f(measured.totalMs / 1e3, 1)} s, ${f(measured.readBytesPerSecond / 1e6, 0)} MB/s`,
    );
  }
  const mae = rows.reduce((s, r) => s + Math.abs(r.auErrorPoints), 0) / rows.length;
  const misses = rows.filter((r) => Math.abs(r.auErrorPoints) > 5);
  const t = table(rows);
  console.log(t);
  console.log(
    `mean absolute AU error: ${f(mae, 1)} points; misses (> 5 points): ${misses.map((r) => r.w.name).join(", ") || "none"}`,
  );
  const doc = renderDoc({
    rows,
    mae,
    misses,
    table: t,
    file,
    fileBytes,
    profilePath,
    seconds: (performance.now() - t0) / 1e3,
    load,
    warmSeconds,
  });
  // Formatted as `npm run check` expects (the table is regenerated on every full run; a subset only prints).
  if (only !== undefined) return;
  writeFileSync(path.join(root, "docs/VALIDATION.md"), await format(doc, { parser: "markdown", printWidth: 120 }));
}

interface DocInput {
  readonly rows: readonly Row[];
  readonly mae: number;
  readonly misses: readonly Row[];
  readonly table: string;
  readonly file: string;
  readonly fileBytes: number;
  readonly profilePath: string;
  readonly seconds: number;
  readonly load: readonly number[];
  readonly warmSeconds: number;
}

function renderDoc(d: DocInput): string {
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const missText =
    d.misses.length === 0
      ? "None: every workload is within ±5 points."
      : d.misses.map((r) => `- **${r.w.name}** (${r.w.regime}-bound): ${f(r.auErrorPoints, 1)} points`).join("\n");
  return `# Validation: replay on a real disk vs the simulation

Generated by \`npm run validate\` (calibration/replay/validate.ts) on ${date} UTC. Do not edit the table by hand.

- **Machine:** ${os.hostname()}, ${os.cpus().length} CPU cores (${os.cpus()[0]?.model.trim() ?? "?"}), ${f(os.totalmem() / GiB, 1)} GiB memory, kernel ${os.release()}, Node ${process.version}; load average at the start ${d.load.map((x) => f(x, 2)).join(" / ")} (1/5/15 min: other work on the machine slows the loader and fio alike, not always equally).
- **Data file:** \`${d.file}\`, ${d.fileBytes / GiB} GiB, written once and read through once with direct I/O before
  the first run (${f(d.warmSeconds, 1)} s; see "The disk" below), evicted from the page cache before every fio
  run and every replay (\`dd iflag=nocache count=0\`); no sample is read twice in a replay, and every replay
  draws a fresh shuffle.
- **Calibration:** right before and right after each workload's replay, fio on the data file itself with the
  loader's I/O path: \`psync\`, \`iodepth=1\`, \`numjobs\` = 1 and the workload's reader count, buffered reads
  (\`--direct=0 --invalidate=1 --fadvise_hint=0\`), random reads at the workload's request size drawn like the
  loader's (\`--random_generator=lfsr --randrepeat=0\`: each block at most once, fresh offsets every run), each
  job in its own slice of the file, ${FIO_RUNTIME} s at most (calibration/replay/calibrate-disk.ts). Profiles:
  \`${d.profilePath}\` — they carry the measured throughput-vs-concurrency curves, which the model uses for
  per-request times (src/models/storage/concurrency-curve.ts).
- **Loader:** calibration/replay/replay.ts, one rank: \`workers\` reader threads (blocking \`readSync\`, one
  sample each at a time, shuffled order), prefetch buffer of \`prefetch × batch\` samples shared through
  atomics, emulated compute = a timer per step. AU = compute / (total − first step's I/O); step time = (total −
  first step's I/O) / steps. "fio MB/s" is the profiles' curve at the workload's request size and reader count
  (mean of before and after). "device ÷ read" is what the disk read (/proc/diskstats) over what the loader
  asked for, and what the model moved over what it asked for.
- **Model input:** the equivalent TrainingJob (1 GPU, no checkpoints, unlimited NIC), per-step fidelity;
  compute per step = the measured mean timer sleep (shown as "actual"); the disk's readahead window
  (read_ahead_kb, ${readAheadKb(d.file)} KiB here) and the machine's free memory as the page cache the over-read can stay
  in. Predicted AU is the mean of the predictions with the two calibrations (both shown).
- Run time: ${f(d.seconds, 0)} s.

## Results

${d.table}

**Mean absolute AU error: ${f(d.mae, 1)} points.** Target: ±5 points on every workload.

## Workloads that miss the target

${missText}

## What the model leaves out (why it can miss)

- **Readahead on chunked samples.** A sample read in several requests (\`4m-…-r1m\`) is sequential inside
  the sample, so the kernel's readahead (read_ahead_kb on this VM: ${readAheadKb(d.file)} KiB) reads past the sample's end;
  fio's random reads never trigger it. The model has no readahead term: it over-predicts such loaders.
- **Other work on the machine.** With other jobs running (load average 5–11 during the day), the loader's
  4 KiB reads were up to 30 % slower than fio's and the disk itself slowed up to 13× within minutes (fio 4 KiB
  QD1: 67 MB/s, then 5 MB/s with the kernel's I/O pressure at 39 %). Run this on a quiet machine; the load
  average above says how quiet it was.
- **A single reader reads faster in the loader than in fio.** Right after fio measured one reader at a request
  size, the loader's one reader at the same size moved 15–37 % more bytes per second (4 KiB, 128 KiB, 1 MiB on
  2026-11-24 10:00), so the model is pessimistic there. Both issue one blocking \`pread\` at a time on the same
  file; unexplained so far (candidates: the host's cache below the VM warming as the runs go, fio's own
  per-I/O accounting).
- **CPU contention.** On 2 cores, buffered reads spend kernel CPU on copies and page-cache work; 16 readers and
  the emulated accelerator compete for the same cores. fio measured with no other work; the replay has the
  main thread's timers beside it.
- History: the first validation (2026-11-24 morning) used a profile fitted from an O_DIRECT libaio matrix on
  2 GiB files and a libuv-promise loader: 7 of 10 workloads missed, mean error 26.3 points. Calibrating the data
  file itself with the loader's I/O path, using the measured curves in the model, and reading with threads
  (as DataLoader workers do) are the changes since.
`;
}

/** The readahead window of the data file's disk, KiB (or "?" when it cannot be told). */
function readAheadKb(file: string): string {
  const d = blockDeviceOf(file);
  return d === undefined ? "?" : String(d.readaheadBytes / 1024);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
