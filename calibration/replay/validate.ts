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
import { blockDeviceOf } from "./block-device.ts";
import { calibrateDisk, calibrateWrites, calibrationPlan } from "./calibrate-disk.ts";
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
  /** The mean of the replays. */
  readonly measured: ReplayResult;
  /** The mean of the predictions with each calibration (one before, between and after the replays). */
  readonly predicted: Prediction;
  /** Lowest and highest predicted AU over the calibrations. */
  readonly predictedAu: readonly [number, number];
  /** Lowest and highest measured AU over the replays. */
  readonly measuredAu: readonly [number, number];
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
    "| workload | sample | workers | prefetch | batch | compute ms | regime | measured AU (range) | predicted AU (range) | error (pts) | measured step ms | predicted step ms | step error % | measured MB/s | fio MB/s | device ÷ read, measured | device ÷ read, model |";
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
      `${f(r.measured.au, 3)} (${f(r.measuredAu[0], 3)}–${f(r.measuredAu[1], 3)})`,
      `${f(r.predicted.au, 3)} (${f(r.predictedAu[0], 3)}–${f(r.predictedAu[1], 3)})`,
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
  const { sizes, jobs } = calibrationPlan({ ...w, readaheadBytes: blockDeviceOf(file)?.readaheadBytes ?? 0 });
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

/** The mean of predictions, field by field. */
function meanPrediction(ps: readonly Prediction[]): Prediction {
  const m = (k: keyof Prediction): number => ps.reduce((t, p) => t + p[k], 0) / ps.length;
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

/** The mean of replays, field by field (the device's readahead window is the same for all). */
function meanReplay(rs: readonly ReplayResult[]): ReplayResult {
  const m = (k: keyof ReplayResult): number => rs.reduce((t, r) => t + (r[k] ?? NaN), 0) / rs.length;
  const first = rs[0]!;
  return {
    totalMs: m("totalMs"),
    computeMs: m("computeMs"),
    meanComputeMs: m("meanComputeMs"),
    dataWaitMs: m("dataWaitMs"),
    firstStepIoMs: m("firstStepIoMs"),
    au: m("au"),
    meanStepMs: m("meanStepMs"),
    steadyStepMs: m("steadyStepMs"),
    bytesRead: m("bytesRead"),
    readBytesPerSecond: m("readBytesPerSecond"),
    requests: m("requests"),
    cpuMs: m("cpuMs"),
    ...(first.deviceBytes !== undefined ? { deviceBytes: m("deviceBytes") } : {}),
    ...(first.readaheadBytes !== undefined ? { readaheadBytes: first.readaheadBytes } : {}),
  };
}

/** Replays per workload (each between two calibrations). */
const REPEATS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_REPEATS ?? 3));

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
    process.env.STALLSIM_PROFILE ?? `calibration/profiles/${path.basename(runDir)}/<workload>-cal<N>.json`;
  const rows: Row[] = [];
  const stamp = new Date().toISOString();
  // The page cache the over-read can stay in (the model's cacheBytesPerNode): what the machine has free.
  const pageCache = os.freemem();
  const only = process.env.STALLSIM_VALIDATE_ONLY?.split(",").filter((x) => x !== "");
  const unknown = only?.filter((n) => !WORKLOADS.some((w) => w.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`STALLSIM_VALIDATE_ONLY: no workload named ${unknown.join(", ")}`);
  for (const w of WORKLOADS.filter((x) => only === undefined || only.includes(x.name))) {
    const { name: _n, regime: _r, ...opts } = w;
    // REPEATS replays, each between two calibrations (calibration, replay, calibration, replay, …, calibration):
    // the disk drifts by several percent within seconds, so one pair would be mostly noise.
    const profiles: StorageProfile[] = [];
    const replays: ReplayResult[] = [];
    for (let k = 0; k <= REPEATS; k++) {
      const tag = `cal${k + 1}`;
      profiles.push(
        calibratedFor(
          w,
          file,
          path.join(runDir, w.name, tag),
          path.join(profileDir, `${w.name}-${tag}.json`),
          writeRuns,
        ).profile,
      );
      if (k < REPEATS) replays.push(await runReplayProcess({ ...opts, file, seed: `${w.name}/${stamp}/${k}` }));
    }
    const measured = meanReplay(replays);
    // The model gets the compute the emulated accelerator actually did (mean timer sleep per step), the
    // device's readahead window and the page cache.
    const input = {
      ...opts,
      computeMs: measured.meanComputeMs,
      datasetBytes: fileBytes,
      readaheadBytes: measured.readaheadBytes ?? 0,
      cacheBytesPerNode: pageCache,
    };
    const p = profiles.map((x) => predict(input, x));
    const predicted = meanPrediction(p);
    const r = Math.min(w.sampleBytes, w.maxRequestBytes ?? Infinity);
    const row: Row = {
      w,
      measured,
      predicted,
      predictedAu: [Math.min(...p.map((x) => x.au)), Math.max(...p.map((x) => x.au))],
      measuredAu: [Math.min(...replays.map((x) => x.au)), Math.max(...replays.map((x) => x.au))],
      auErrorPoints: 100 * (predicted.au - measured.au),
      stepErrorPercent: (100 * (predicted.steadyStepMs - measured.steadyStepMs)) / measured.steadyStepMs,
      fioBytesPerSecond: profiles.reduce((t, x) => t + fioRate(x, r, w.workers), 0) / profiles.length,
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
- **Calibration and replays:** per workload ${REPEATS} replays, each between two fio calibrations (calibration,
  replay, calibration, …): fio on the data file itself with the loader's I/O path: \`psync\`, \`iodepth=1\`,
  \`numjobs\` = 1 and the workload's reader count (and twice that where readahead windows run behind the
  readers), buffered reads (\`--direct=0 --invalidate=1 --fadvise_hint=0\`), random reads at the workload's
  request size and at the readahead window sizes, drawn like the loader's (\`--random_generator=lfsr
  --randrepeat=0\`: each block at most once, fresh offsets every run), each job in its own slice of the file,
  ${FIO_RUNTIME} s and 2 GiB at most (calibration/replay/calibrate-disk.ts). Profiles: \`${d.profilePath}\` —
  they carry the measured throughput-vs-concurrency curves, which the model uses for per-request times
  (src/models/storage/concurrency-curve.ts). Measured AU is the mean of the replays, predicted AU the mean of
  the predictions with each calibration; both ranges are shown.
- **Loader:** calibration/replay/replay.ts, one rank: \`workers\` reader threads (blocking \`readSync\`, one
  sample each at a time, shuffled order), prefetch buffer of \`prefetch × batch\` samples shared through
  atomics, emulated accelerator = the main thread blocking on futexes (for data, and for its compute time). AU = compute / (total − first step's I/O); step time = (total −
  first step's I/O) / steps. "fio MB/s" is the profiles' curve at the workload's request size and reader count
  (mean over the calibrations). "device ÷ read" is what the disk read (/proc/diskstats) over what the loader
  asked for, and what the model moved over what it asked for.
- **Model input:** the equivalent TrainingJob (1 GPU, no checkpoints, unlimited NIC), per-step fidelity;
  compute per step = the measured mean timer sleep (shown as "actual"); the disk's readahead window
  (read_ahead_kb, ${readAheadKb(d.file)} KiB here) and the machine's free memory as the page cache the over-read can stay
  in.
- Run time: ${f(d.seconds, 0)} s.

## Results

${d.table}

**Mean absolute AU error: ${f(d.mae, 1)} points.** Target: ±5 points on every workload.

## Workloads that miss the target

${missText}

## The disk: what had to be controlled to measure it

This machine's disk is a virtual disk backed by a file in the host's page cache. Four things made the same
fio job or the same replay differ by 2–4× from one run to the next (all measured on 2026-11-24, quiet machine),
and the harness now controls each:

- **Repeated offsets.** fio's default seed and the loader's fixed shuffle read the same blocks run after run,
  which the host then serves from memory: 128 KiB one-reader reads went 391 → 600 → 673 MB/s over three fio
  runs. This is why the loader once looked 15–37 % faster than fio (it re-read its own samples). Now both draw
  fresh offsets every run (\`--random_generator=lfsr --randrepeat=0\`, a new shuffle per replay).
- **A cold host cache.** Fresh random offsets got faster as more of the file had been read (84 → 263 → 474 MB/s
  over three runs). One direct-I/O pass over the data file first (\`readThrough\`) levels it.
- **Write-back after the write calibration.** Reads right after fio's write runs were slow (a 1 MiB one-reader
  replay: 759 MB/s, against 1,300 MB/s with no writes before it) while the host wrote the data back. The write
  runs now happen once, first, 30 s before any read calibration (\`calibrateWrites\`).
- **Page-cache growth.** Buffered reads slow ~4× once a run has grown the guest's page cache by ~3.5 GB
  (1 MiB random reads: 1,300 → 345 MB/s; O_DIRECT reads of the same offsets stay at 1,220 MB/s), which is the
  VM's memory, not the disk. Each replay and fio run now moves at most ~2.5 GB.
- **The emulated accelerator's wake-ups.** Waiting for data and sleeping through its compute on Node's event
  loop cost 0.1–0.5 ms per step (compute-bound replays measured AU 0.99), which the replay charged to data
  wait. It now blocks on futexes (\`Atomics.wait\`).

Even so the disk drifts by several percent within seconds: the predictions with consecutive calibrations
of one workload differ by up to 11 points of AU, the replays by as much (the ranges in the table), which is why
each workload is replayed ${REPEATS} times between calibrations and the means are compared.

## Readahead

A sample read in several requests is sequential inside the sample, so the kernel's readahead (read_ahead_kb
here: ${readAheadKb(d.file)} KiB) reads past its end: 4 MiB read in 1 MiB requests moves 1 + 2 + 4 + 8 = 15 MiB
cold, and less as the run goes on and later samples are found in what was over-read. The model emulates both
(src/models/storage/readahead.ts; \`data.readahead\` in a scenario): the "device ÷ read" columns compare what
the disk read (/proc/diskstats) with what the model moved. The calibration measures the window sizes too
(1, 2, 4, 8 MiB) and twice the readers, since the windows run behind the readers. Samples read in one request
still show a little over-read (a few %) from the kernel's context readahead — a random read whose preceding
pages are cached is taken for a stream — which the model leaves out.

## What the model leaves out (why it can miss)

- **The loader's own CPU.** With 16 reader threads on 2 cores, 4 KiB samples: the loader reached ~15 % less than
  fio's 16 jobs (Node's per-read overhead and the threads' wake-ups compete for the cores); the model has no
  CPU cost per sample.
- **Context readahead** on single-request samples (above): a few % more device bytes than the model's.
- **Other work on the machine** slows fio and the loader differently; the load average above says how quiet it
  was.
- History: the first validation (2026-11-24 morning: O_DIRECT libaio matrix on 2 GiB files, a libuv-promise
  loader) missed 7 of 10 workloads, mean error 26.3 points; calibrating the data file itself with the loader's
  I/O path and the measured curves brought it to 11.6 (10:00); controlling the disk as above and the readahead
  model to the figure above.
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
