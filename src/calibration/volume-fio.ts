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
import { calibrationWarnings, sizeText, type CalibrationWarning } from "./checks.ts";
import type { FittedCurve } from "./fit.ts";

/**
 * Evicts `file` from the page cache: `dd iflag=nocache count=0` (GNU coreutils) asks the kernel to drop the
 * file's clean pages (POSIX_FADV_DONTNEED) — no root needed, other files untouched. Throws when it cannot.
 */
export function dropFileCache(file: string): void {
  execFileSync("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"]);
}

/** What to measure. */
export interface DiskCalibrationOptions {
  /** Read with O_DIRECT (a loader that opens its files with O_DIRECT); default buffered, as Python loaders read. */
  readonly direct?: boolean;
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
        ...(o.direct === true ? ["--direct=1"] : ["--direct=0", "--invalidate=1", "--fadvise_hint=0"]),
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
  // A checkpoint as torch.save makes one: 4 MiB buffered writes of a 1 GiB file, then fsync (`end_fsync`: the time
  // to durable is in the run's bandwidth), as a 4 MiB random-write point — the request size the checkpoint model
  // uses by default. Direct writes on this project's host-cached virtual disk moved 3.0–4.5 GB/s while a file
  // made durable with fsync moved 386 MB/s (2026-12-07): a checkpoint waits for the durable rate.
  const durable: FioJob = {
    name: `randwrite-${4 << 20}-nj1-fsync`,
    args: [
      `--name=randwrite-${4 << 20}-nj1-fsync`,
      `--filename=${scratch}`,
      "--size=1g",
      "--rw=randwrite",
      `--bs=${4 << 20}`,
      "--numjobs=1",
      "--direct=0",
      "--end_fsync=1",
      ...common,
    ],
  };
  if (o.writeRuns === undefined) out.push(writes(1 << 20, "write"), writes(4096, "randwrite"), durable);
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
  const runs = writeRuns(file, o);
  execFileSync("sync");
  await new Promise((resolve) => setTimeout(resolve, 1000 * (o.settleSeconds ?? 0)));
  return runs;
}

/** The write jobs alone, run now (calibrateWrites without the settling). */
function writeRuns(
  file: string,
  o: { readonly runtimeSeconds: number; readonly outDir?: string; readonly onRun?: DiskCalibrationOptions["onRun"] },
): FioRun[] {
  const scratch = path.join(path.dirname(file), `stallsim-fio-scratch-${process.pid}.dat`);
  if (o.outDir !== undefined) mkdirSync(o.outDir, { recursive: true });
  const jobs = jobsFor(
    { file, sizes: [], jobs: [], runtimeSeconds: o.runtimeSeconds },
    scratch,
    statSync(file).size,
  ).filter((j) => j.name.startsWith("write") || j.name.startsWith("randwrite"));
  return runJobs(file, jobs, scratch, o.outDir, o.onRun);
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

/** How much a volume's throughput moved between passes of the same measurements. */
export interface Repeatability {
  readonly passes: number;
  /** Per random-read curve: its saturation throughput in each pass, bytes/s, and the spread (max − min) / mean. */
  readonly curves: readonly {
    readonly requestBytes: number;
    readonly saturationBytesPerSecond: readonly number[];
    readonly spread: number;
  }[];
  /** The largest spread of any curve. */
  readonly worstSpread: number;
}

/** A spread above this between passes makes one pass not a stable profile (a warning). */
export const UNSTABLE_SPREAD = 0.2;

type PassCurve = Pick<FittedCurve, "op" | "pattern" | "requestBytes" | "saturationBytesPerSecond">;

/**
 * The spread of each random-read curve's saturation over the passes (each pass's fitted curves): (max − min) /
 * mean; a size missing from some pass is left out.
 */
export function repeatabilityOf(passes: readonly (readonly PassCurve[])[]): Repeatability {
  const sizes = [
    ...new Set(
      passes.flatMap((p) => p.filter((c) => c.op === "read" && c.pattern === "random").map((c) => c.requestBytes)),
    ),
  ].sort((a, b) => a - b);
  const curves = sizes.flatMap((requestBytes) => {
    const sat = passes.map(
      (p) =>
        p.find((x) => x.op === "read" && x.pattern === "random" && x.requestBytes === requestBytes)
          ?.saturationBytesPerSecond,
    );
    if (sat.some((x) => x === undefined)) return [];
    const xs = sat as number[];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const spread = mean > 0 ? (Math.max(...xs) - Math.min(...xs)) / mean : 0;
    return [{ requestBytes, saturationBytesPerSecond: xs, spread }];
  });
  return { passes: passes.length, curves, worstSpread: Math.max(0, ...curves.map((c) => c.spread)) };
}

/** The `unstable-volume` warning when the passes moved more than `UNSTABLE_SPREAD`; undefined otherwise. */
export function unstableWarning(r: Repeatability): CalibrationWarning | undefined {
  const worst = r.curves.find((c) => c.spread === r.worstSpread);
  if (r.passes < 2 || r.worstSpread <= UNSTABLE_SPREAD || worst === undefined) return undefined;
  const mbs = worst.saturationBytesPerSecond.map((b) => (b / 1e6).toFixed(0)).join(", ");
  return {
    code: "unstable-volume",
    message:
      `the volume's throughput moved ${(r.worstSpread * 100).toFixed(0)}% between the ${r.passes} passes ` +
      `(random ${sizeText(worst.requestBytes)} reads saturated at ${mbs} MB/s): one pass is not a stable profile. ` +
      "Predictions with each pass's profile give the range (stallsim run prints it); measure when the volume is " +
      "quiet, or with more --passes and longer --seconds.",
  };
}

/** Options of {@link calibrateVolume}. */
export interface VolumeCalibrationOptions extends DiskCalibrationOptions {
  /** Passes of the read measurements (default 3): their spread is the volume's repeatability. */
  readonly passes?: number;
  /** What the profile's description names as measured (default the file). */
  readonly label?: string;
}

/** The calibration document with its passes: the profile of all passes, each pass's profile, the spread. */
export interface VolumeCalibration extends DiskCalibration {
  readonly passProfiles: readonly CalibrationDocument["profile"][];
  readonly repeatability: Repeatability;
}

/**
 * The loader-pattern calibration of a volume (calibrateDisk's runs) made `passes` times: the profile fitted to
 * every pass's runs together (repeated points averaged), one profile per pass (each with the same write runs),
 * and how far each random-read curve's saturation moved between passes. A spread above `UNSTABLE_SPREAD` adds a
 * warning to the document: one pass of this volume is not a stable profile.
 *
 * @throws {Error} fio missing or failing; {CalibrationError} from the parser or the fitter.
 */
export function calibrateVolume(name: string, o: VolumeCalibrationOptions): VolumeCalibration {
  const passes = o.passes ?? 3;
  if (!(Number.isInteger(passes) && passes >= 1)) throw new RangeError(`invalid passes: ${passes}`);
  const t0 = process.hrtime.bigint();
  // The write runs once, first (they disturb the reads after them on a host-cached disk).
  const writes =
    o.writeRuns ??
    writeRuns(o.file, {
      runtimeSeconds: o.runtimeSeconds,
      ...(o.outDir === undefined ? {} : { outDir: path.join(o.outDir, "writes") }),
      ...(o.onRun === undefined ? {} : { onRun: (label, i, total) => o.onRun!(`writes: ${label}`, i, total) }),
    });
  const perPass = Array.from({ length: passes }, (_, p) =>
    calibrateDisk(`${name}-pass${p + 1}`, {
      ...o,
      writeRuns: writes,
      outDir: o.outDir && path.join(o.outDir, `pass${p + 1}`),
      onRun: o.onRun && ((label, i, total) => o.onRun!(`pass ${p + 1}/${passes}: ${label}`, i, total)),
    }),
  );
  const runs = [...perPass.flatMap((c) => c.runs.filter((r) => r.rw !== "write" && r.rw !== "randwrite")), ...writes];
  const fit = fitFioRuns(runs);
  const profile = fittedProfile(name, fit, `${passes} passes on ${o.label ?? o.file}`);
  const repeatability = repeatabilityOf(perPass.map((p) => p.document.curves));
  const unstable = unstableWarning(repeatability);
  // Buffered reads are the point here (a Python loader reads buffered), and the sequential read and the writes
  // are measured the way one loader reads a file and one torch.save writes it (one stream): those warnings are
  // not ones. Random reads are measured at each reader count asked for.
  const warnings = calibrationWarnings(fit, runs).filter(
    (w) =>
      (w.code !== "buffered-io" || o.direct === true) &&
      (w.code !== "one-point-curve" || o.jobs.length < 2 || w.message.startsWith("rand-read")),
  );
  const base = calibrationDocument(profile, fit, warnings);
  const document = { ...base, warnings: unstable === undefined ? base.warnings : [...base.warnings, unstable] };
  return {
    runs,
    document,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    passProfiles: perPass.map((p) => p.document.profile),
    repeatability,
  };
}
