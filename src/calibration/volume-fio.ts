/**
 * Calibrates a volume the way a data loader reads it — `stallsim calibrate --run` and the validation both use
 * this (calibration/README.md), so the profile a user makes is the one the validation checks: fio random reads of the
 * data file itself (so the same host and device caches are in play), `psync` with `numjobs` threads and
 * `iodepth=1` (one blocking read per reader thread, as the replay's readers do), buffered I/O after the
 * page cache is dropped (`--direct=0 --invalidate=1 --fadvise_hint=0`: no fadvise, as the loader), for
 * each request size and reader count asked for. A sequential read of the data file and small sequential and
 * random write runs on a scratch file complete the profile (the fitter needs both directions; the replay
 * only reads). The runs are fitted by src/calibration into a profile that carries the measured curves.
 *
 * Writes disturb what follows them on a disk backed by a host's page cache: the host writes the data back
 * seconds later, in the middle of whatever reads come next (on 2026-11-24 a 1 MiB one-reader replay right
 * after the write runs moved 759 MB/s, and 1,300 MB/s a few minutes later with no writes before it). So the
 * write runs can be made once (`calibrateWrites`) and passed in (`writeRuns`), and the read calibrations that
 * sit next to a replay then only read.
 *
 * Offsets are drawn as the loader draws samples — every block at most once, fresh each run: fio's random map
 * (on by default: each block once per pass), `--randrepeat=0` (a new seed each run: with
 * fio's default the same offsets come back run after run, and a disk backed by a host's page cache — this
 * VM's is — serves them from there: 128 KiB one-reader reads went 391 → 600 → 673 MB/s over three runs on
 * 2026-11-24), and each job reads its own slice of the file (`--size` = file ÷ jobs, `--offset_increment`)
 * without `--time_based`, so a job that finishes its slice stops instead of reading it again from the page
 * cache (on a small file, four 1 MiB readers read it whole in well under a second). Not
 * `--random_generator=lfsr`, used here until 2026-11-24: with a few hundred blocks or fewer per job, fio 3.x
 * sometimes fails to set it up for a random seed ("fio: failed initializing LFSR", on stderr only) and runs the
 * group without that job, so a run labelled four readers measured three (seen in 1–2 of 20 runs of 4–8 MiB
 * blocks on a 512 MiB file; a known fio problem, also hit by fstests generic/774 in 2025-11).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sampleDeviceReads } from "../models/storage/readahead.ts";
import { fitFioRuns } from "./fit.ts";
import { calibrationDocument, fittedProfile, type CalibrationDocument } from "./fitted-profile.ts";
import type { FioRun } from "./fio-types.ts";
import { parseFioJson } from "./parse-fio.ts";

/**
 * Evicts `file` from the page cache: `dd iflag=nocache count=0` (GNU coreutils) asks the kernel to drop the
 * file's clean pages (POSIX_FADV_DONTNEED) — no root needed, other files untouched. Throws when it cannot.
 */
export function dropFileCache(file: string): void {
  execFileSync("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"]);
}

/** What to measure. */
export interface DiskCalibrationOptions {
  /** The replay's data file (read only). */
  readonly file: string;
  /** Random-read request sizes, bytes. */
  readonly sizes: readonly number[];
  /** Reader threads (fio numjobs) per size. */
  readonly jobs: readonly number[];
  /** Seconds per fio run (at most). */
  readonly runtimeSeconds: number;
  /**
   * Bytes one read run moves at most, all jobs together (default 2 GiB): `--io_size` per job. Keeps the page
   * cache's growth in a run small (see validate.ts: this VM's buffered reads slow down past ~3.5 GB).
   */
  readonly maxBytesPerRun?: number;
  /** Where the raw fio JSON goes (one file per run); not written when absent. */
  readonly outDir?: string;
  /** Scratch directory for the write runs (default the data file's directory). */
  readonly scratchDir?: string;
  /**
   * Write runs to fit with (from `calibrateWrites`) instead of running the write jobs here; absent: they run
   * here, after the reads.
   */
  readonly writeRuns?: readonly FioRun[];
  /** Called before each fio run with a short label. */
  readonly onRun?: (label: string, index: number, total: number) => void;
}

/** The result: parsed runs and the fitted calibration document. */
export interface DiskCalibration {
  readonly runs: readonly FioRun[];
  readonly document: CalibrationDocument;
  /** Wall seconds spent in fio. */
  readonly seconds: number;
}

/** True when `fio` can be run. */
export function hasFio(): boolean {
  try {
    execFileSync("fio", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface FioJob {
  readonly name: string;
  readonly args: readonly string[];
}

function jobsFor(o: DiskCalibrationOptions, scratch: string, fileBytes: number): FioJob[] {
  const common = ["--ioengine=psync", "--iodepth=1", "--thread", "--group_reporting"];
  const runtime = `--runtime=${o.runtimeSeconds}`;
  const reads = (bs: number, nj: number, rw: string): FioJob => {
    // Each job its own slice, a whole number of blocks.
    const slice = Math.floor(fileBytes / nj / bs) * bs;
    if (slice < bs)
      throw new RangeError(`${o.file} (${fileBytes} bytes) is too small for ${nj} readers of ${bs} bytes`);
    const ioSize = Math.max(bs, Math.min(slice, Math.floor((o.maxBytesPerRun ?? 2 * 2 ** 30) / nj / bs) * bs));
    return {
      name: `${rw}-${bs}-nj${nj}`,
      args: [
        `--name=${rw}-${bs}-nj${nj}`,
        `--filename=${o.file}`,
        `--rw=${rw}`,
        `--bs=${bs}`,
        `--numjobs=${nj}`,
        `--size=${slice}`,
        `--offset_increment=${slice}`,
        `--io_size=${ioSize}`,
        "--randrepeat=0",
        "--direct=0",
        "--invalidate=1",
        "--fadvise_hint=0",
        "--readonly",
        runtime,
        ...common,
      ],
    };
  };
  const writes = (bs: number, rw: string): FioJob => ({
    name: `${rw}-${bs}-nj1`,
    args: [
      `--name=${rw}-${bs}-nj1`,
      `--filename=${scratch}`,
      "--size=256m",
      `--rw=${rw}`,
      `--bs=${bs}`,
      "--numjobs=1",
      "--direct=1",
      runtime,
      "--time_based",
      ...common,
    ],
  });
  const out: FioJob[] = [];
  for (const bs of o.sizes) for (const nj of o.jobs) out.push(reads(bs, nj, "randread"));
  out.push(reads(Math.max(...o.sizes, 1 << 20), 1, "read"));
  if (o.writeRuns === undefined) out.push(writes(1 << 20, "write"), writes(4096, "randwrite"));
  return out;
}

/** True when fio's JSON output reports no completed I/O in any job. */
function movedNothing(text: string): boolean {
  try {
    const jobs =
      (
        JSON.parse(text.slice(text.indexOf("{"))) as {
          jobs?: { read?: { io_bytes?: number }; write?: { io_bytes?: number } }[];
        }
      ).jobs ?? [];
    return jobs.every((j) => (j.read?.io_bytes ?? 0) + (j.write?.io_bytes ?? 0) === 0);
  } catch {
    return false; // the parser will say what is wrong
  }
}

/**
 * One fio run of `job` on a cold page cache, its JSON output returned. fio reports a job it could not set up
 * on stderr only ("fio: …") and runs the rest of the group, whose numbers then stand for fewer readers than
 * the job file says; such a run, or one that completed no I/O, is run once more (a fresh seed), and a second
 * failure is an error that quotes fio.
 *
 * @throws {Error} fio missing, exiting non-zero, or failing twice.
 */
function runFio(file: string, job: FioJob): string {
  let why = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    dropFileCache(file);
    const r = spawnSync("fio", [...job.args, "--output-format=json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error !== undefined) throw new Error(`fio (${job.name}): ${r.error.message}`);
    const complaints = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("fio:"))
      .join("; ");
    if (r.status !== 0) throw new Error(`fio (${job.name}) exited with ${r.status}: ${r.stderr.trim()}`);
    if (complaints === "" && !movedNothing(r.stdout)) return r.stdout;
    why = complaints !== "" ? complaints : "the run completed no I/O";
  }
  throw new Error(`fio (${job.name}) failed twice: ${why}`);
}

/** Runs `jobs` one after the other (`runFio`), saves each output in `outDir`, parses them; removes `scratch`. */
function runJobs(
  file: string,
  jobs: readonly FioJob[],
  scratch: string,
  outDir: string | undefined,
  onRun?: (label: string, index: number, total: number) => void,
): FioRun[] {
  const runs: FioRun[] = [];
  try {
    jobs.forEach((job, i) => {
      onRun?.(job.name, i, jobs.length);
      const text = runFio(file, job);
      if (outDir !== undefined) writeFileSync(path.join(outDir, `${job.name}.json`), text);
      runs.push(...parseFioJson(text, `${job.name}.json`));
    });
  } finally {
    rmSync(scratch, { force: true });
  }
  return runs;
}

/**
 * Runs the fio matrix and fits it.
 *
 * @throws {Error} fio missing or failing; {CalibrationError} from the parser or the fitter.
 */
export function calibrateDisk(name: string, o: DiskCalibrationOptions): DiskCalibration {
  const scratch = path.join(o.scratchDir ?? path.dirname(o.file), `stallsim-fio-scratch-${process.pid}.dat`);
  if (o.outDir !== undefined) mkdirSync(o.outDir, { recursive: true });
  const jobs = jobsFor(o, scratch, statSync(o.file).size);
  const t0 = process.hrtime.bigint();
  const runs = runJobs(o.file, jobs, scratch, o.outDir, o.onRun);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const fit = fitFioRuns([...runs, ...(o.writeRuns ?? [])]);
  const profile = fittedProfile(name, fit, "the replay's data file");
  return { runs, document: calibrationDocument(profile, fit), seconds };
}

/**
 * The write runs alone (1 MiB sequential and 4 KiB random direct writes on a scratch file beside `file`), for
 * `writeRuns`: run them once, well before the reads they would disturb. Waits `settleSeconds` after them
 * (default 0) so a host's write-back of the data is over before the caller reads.
 */
export async function calibrateWrites(
  file: string,
  o: { readonly runtimeSeconds: number; readonly outDir?: string; readonly settleSeconds?: number },
): Promise<FioRun[]> {
  const scratch = path.join(path.dirname(file), `stallsim-fio-scratch-${process.pid}.dat`);
  if (o.outDir !== undefined) mkdirSync(o.outDir, { recursive: true });
  const jobs = jobsFor(
    { file, sizes: [], jobs: [], runtimeSeconds: o.runtimeSeconds },
    scratch,
    statSync(file).size,
  ).filter((j) => j.name.startsWith("write") || j.name.startsWith("randwrite"));
  const runs = runJobs(file, jobs, scratch, o.outDir);
  execFileSync("sync");
  await new Promise((resolve) => setTimeout(resolve, 1000 * (o.settleSeconds ?? 0)));
  return runs;
}

/**
 * What to calibrate for a loader reading `sampleBytes` samples in requests of at most `maxRequestBytes` with
 * `workers` readers on a disk with a `readaheadBytes` window: the sizes the device will be asked for (the
 * request, and the readahead windows when a sample is read in several requests — sampleDeviceReads: 4 MiB in
 * 1 MiB requests under 8 MiB readahead → 1, 2, 4, 8 MiB) and the reader counts (1 and `workers`, and twice
 * `workers` where windows run behind the readers, so the device sees more reads in flight than readers).
 */
export function calibrationPlan(w: {
  readonly sampleBytes: number;
  readonly maxRequestBytes?: number;
  readonly workers: number;
  readonly readaheadBytes: number;
}): { sizes: number[]; jobs: number[] } {
  const r = Math.min(w.sampleBytes, w.maxRequestBytes ?? Infinity);
  const reads = sampleDeviceReads(w.sampleBytes, r, w.readaheadBytes).reads;
  const sizes = [...new Set([r, ...reads])].sort((a, b) => a - b);
  const jobs = [...new Set([1, w.workers])];
  if (reads.reduce((a, b) => a + b, 0) > w.sampleBytes) jobs.push(2 * w.workers);
  return { sizes, jobs };
}
