/**
 * `npm run validate`: replays a spread of workloads on the real disk (page cache dropped before each run),
 * simulates each with the fitted storage profile, prints measured vs predicted AU and step time, and writes
 * docs/VALIDATION.md. Target: |measured AU − predicted AU| ≤ 5 points on every workload.
 *
 * Options (env): STALLSIM_REPLAY_FILE (data file, default /tmp/stallsim-replay-8g.bin, 8 GiB, created once),
 * STALLSIM_PROFILE (a profile JSON to predict with instead of calibrating the data file with fio first),
 * STALLSIM_VALIDATE_ONLY (comma-separated workload names: run those only and print their table, leaving
 * docs/VALIDATION.md as it is).
 * The compute time given to the model is the measured mean compute per step: the timer sleep (which can end
 * ~0.5 ms late) and the hand-off of the batch to the readers, i.e. all of a step but its data wait (replay.ts),
 * so neither timer error nor harness overhead is counted as model error.
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
import { agreement } from "./agreement.ts";
import { blockDeviceOf } from "./block-device.ts";
import { calibrateDisk, calibrateWrites, calibrationPlan } from "../../src/calibration/volume-fio.ts";
import type { FioRun } from "../../src/calibration/fio-types.ts";
import { loadProfile, predict, type Prediction } from "./predict.ts";
import { f, renderDoc, table, type Row, type Workload } from "./validation-doc.ts";
import { prepareDataFile, readThrough, runReplayProcess, type ReplayResult } from "./replay.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

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
    checkpointWaitMs: m("checkpointWaitMs"),
    dataWaitMs: m("dataWaitMs"),
    checkpoints: m("checkpoints"),
  };
}

/** The mean of replays, field by field (the device's readahead window is the same for all). */
function meanReplay(rs: readonly ReplayResult[]): ReplayResult {
  const m = (k: Exclude<keyof ReplayResult, "stepWaitMs">): number =>
    rs.reduce((t, r) => t + (r[k] ?? NaN), 0) / rs.length;
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
const REPEATS = Math.max(1, Number(process.env.STALLSIM_VALIDATE_REPEATS ?? 10));

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
    // The model gets the compute the emulated accelerator actually did (mean per step, all but the data wait), the
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
      auSePoints:
        100 *
        agreement(
          p.map((x) => x.au),
          replays.map((x) => x.au),
        ).se,
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
    repeats: REPEATS,
    fioRuntimeSeconds: FIO_RUNTIME,
  });
  // Formatted as `npm run check` expects (the table is regenerated on every full run; a subset only prints).
  if (only !== undefined) return;
  writeFileSync(path.join(root, "docs/VALIDATION.md"), await format(doc, { parser: "markdown", printWidth: 120 }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
