/**
 * The fitter: fio runs → throughput-vs-concurrency curves, one per operation (read/write), access pattern
 * (random/sequential) and request size. Pure: no file system.
 *
 * The model is the simulator's per-request latency model (docs/model.md, "Storage fabric"): with `q`
 * outstanding requests of `s` bytes (q = iodepth × numjobs), each taking `L0` at low load, throughput is
 *
 *     T(q) = min(Tsat, q · s / L0)
 *
 * until a shared ceiling `Tsat` saturates; past the knee `q* = Tsat · L0 / s` latency grows by Little's law.
 *
 * Fitting rule:
 * - `L0` comes from the lowest measured concurrency `q1` by Little's law, `L0 = q1 · s / T(q1)` (at q1 = 1
 *   that is `s / T(1)`). This is the full per-request time of one stream, submission included; fio's mean
 *   completion latency (`clat`, which leaves submission out) is kept per point for reference. If `q1` is
 *   already past the knee, `L0` is an upper bound.
 * - `Tsat` is the highest measured throughput over all `q` (repeated runs at one `q` averaged first): more
 *   queue depth never lowers throughput below saturation, so a lower reading at a higher `q` is treated as
 *   noise.
 * - The curve itself goes through the measured points (points at the same `q` averaged), made monotone
 *   non-decreasing by a running maximum; between points it is piecewise-linear in `q`. Below the first
 *   point it follows the model linearly, `T(q1) · q / q1 = q · s / L0`; beyond the last point it is flat at
 *   `Tsat`.
 *
 * Each point reports its measured throughput, the curve's value (`fitted`) and the two-parameter model's
 * value (`model`, what a profile carrying only `L0` and `Tsat` predicts), with relative errors
 * `(predicted − measured) / measured`.
 */
import { CalibrationError } from "./errors.ts";
import type { FioDirection, FioRun } from "./fio-types.ts";

/** Read or write. */
export type FitOperation = "read" | "write";
/** fio's `rand*` modes are random, `read`/`write` sequential. */
export type FitPattern = "random" | "sequential";

/** One measured fio job compared with the fitted curve. */
export interface FitPoint {
  readonly source: string;
  readonly jobName: string;
  readonly iodepth: number;
  readonly numjobs: number;
  /** Outstanding I/Os, iodepth × numjobs. */
  readonly outstanding: number;
  readonly measuredBytesPerSecond: number;
  /** The curve's throughput at `outstanding`. */
  readonly fittedBytesPerSecond: number;
  /** The two-parameter model's throughput, min(Tsat, q·s/L0). */
  readonly modelBytesPerSecond: number;
  /** (fitted − measured) / measured. */
  readonly relativeError: number;
  /** (model − measured) / measured. */
  readonly modelRelativeError: number;
  /** fio's mean completion latency, µs. */
  readonly meanLatencyUs: number;
  /** fio's completion-latency percentiles, µs, keyed like `"50"`, `"99"`, `"99.9"`. */
  readonly latencyPercentilesUs: Readonly<Record<string, number>>;
}

/** A knot of the piecewise-linear curve. */
export interface CurveKnot {
  readonly outstanding: number;
  readonly bytesPerSecond: number;
}

/** Error summary of a curve over its points (absolute relative errors). */
export interface FitErrorSummary {
  readonly meanAbsRelativeError: number;
  readonly maxAbsRelativeError: number;
}

/** A fitted throughput-vs-concurrency curve. */
export interface FittedCurve {
  readonly op: FitOperation;
  readonly pattern: FitPattern;
  /** Request (block) size `s`, bytes. */
  readonly requestBytes: number;
  /** Per-request latency at low load `L0`, µs. */
  readonly baseLatencyUs: number;
  /** Saturation throughput `Tsat`, bytes/s. */
  readonly saturationBytesPerSecond: number;
  /** Outstanding I/Os at the knee, Tsat · L0 / s. */
  readonly kneeOutstanding: number;
  /** Monotone non-decreasing knots, ascending in `outstanding`. */
  readonly knots: readonly CurveKnot[];
  /** The measured jobs, in input order. */
  readonly points: readonly FitPoint[];
  /** Errors of the curve (`fitted`) against the points. */
  readonly error: FitErrorSummary;
  /** Errors of the two-parameter model against the points. */
  readonly modelError: FitErrorSummary;
}

/** The fit of a set of runs. */
export interface FioFit {
  /** Sorted by operation, pattern (random first), request size. */
  readonly curves: readonly FittedCurve[];
  /** Jobs left out (mixed read/write modes), as `source: job`. */
  readonly skipped: readonly string[];
}

/** The two-parameter model, min(Tsat, q · s / L0), bytes/s. */
export function modelThroughput(
  curve: Pick<FittedCurve, "baseLatencyUs" | "saturationBytesPerSecond" | "requestBytes">,
  outstanding: number,
): number {
  checkOutstanding(outstanding);
  return Math.min(curve.saturationBytesPerSecond, (outstanding * curve.requestBytes * 1e6) / curve.baseLatencyUs);
}

/**
 * The curve's throughput at `outstanding` I/Os (any real q ≥ 0), bytes/s: piecewise-linear between knots,
 * linear through the origin below the first, flat beyond the last.
 */
export function curveThroughput(curve: Pick<FittedCurve, "knots">, outstanding: number): number {
  checkOutstanding(outstanding);
  const k = curve.knots;
  const first = k[0];
  const last = k[k.length - 1];
  if (first === undefined || last === undefined) throw new RangeError("curve has no knots");
  if (outstanding <= first.outstanding) return (first.bytesPerSecond * outstanding) / first.outstanding;
  if (outstanding >= last.outstanding) return last.bytesPerSecond;
  let i = 1;
  while ((k[i]?.outstanding ?? Infinity) < outstanding) i++;
  const a = k[i - 1] as CurveKnot;
  const b = k[i] as CurveKnot;
  return (
    a.bytesPerSecond +
    ((b.bytesPerSecond - a.bytesPerSecond) * (outstanding - a.outstanding)) / (b.outstanding - a.outstanding)
  );
}

/**
 * Fits one curve per (operation, pattern, request size) found in `runs`.
 *
 * @throws {CalibrationError} `CAL_ERR_FIO` when no run has a plain read or write mode, or a run's direction
 *   reports no throughput.
 */
export function fitFioRuns(runs: readonly FioRun[]): FioFit {
  const groups = new Map<
    string,
    { op: FitOperation; pattern: FitPattern; size: number; runs: [FioRun, FioDirection][] }
  >();
  const skipped: string[] = [];
  for (const run of runs) {
    if (run.rw === "rw" || run.rw === "randrw") {
      skipped.push(`${run.source}: ${run.jobName}`);
      continue;
    }
    const op: FitOperation = run.rw === "read" || run.rw === "randread" ? "read" : "write";
    const pattern: FitPattern = run.rw.startsWith("rand") ? "random" : "sequential";
    const dir = run[op];
    if (dir === undefined || !(dir.bandwidthBytesPerSecond > 0)) {
      throw new CalibrationError("CAL_ERR_FIO", run.source, `job '${run.jobName}' has no ${op} throughput`);
    }
    const key = `${op}/${pattern}/${run.blockSize}`;
    const group = groups.get(key) ?? { op, pattern, size: run.blockSize, runs: [] };
    group.runs.push([run, dir]);
    groups.set(key, group);
  }
  if (groups.size === 0) {
    const where = runs[0]?.source ?? "fit";
    throw new CalibrationError("CAL_ERR_FIO", where, "no read, write, randread or randwrite jobs to fit");
  }
  const curves = [...groups.values()].map((g) => fitCurve(g.op, g.pattern, g.size, g.runs));
  curves.sort(
    (a, b) => a.op.localeCompare(b.op) || a.pattern.localeCompare(b.pattern) || a.requestBytes - b.requestBytes,
  );
  return { curves, skipped };
}

function fitCurve(
  op: FitOperation,
  pattern: FitPattern,
  requestBytes: number,
  runs: readonly [FioRun, FioDirection][],
): FittedCurve {
  const byQ = new Map<number, number[]>();
  for (const [run, dir] of runs) {
    const q = run.iodepth * run.numjobs;
    byQ.set(q, [...(byQ.get(q) ?? []), dir.bandwidthBytesPerSecond]);
  }
  const knots: CurveKnot[] = [];
  let runningMax = 0;
  for (const q of [...byQ.keys()].sort((a, b) => a - b)) {
    const values = byQ.get(q) ?? [];
    runningMax = Math.max(runningMax, values.reduce((s, v) => s + v, 0) / values.length);
    knots.push({ outstanding: q, bytesPerSecond: runningMax });
  }
  const first = knots[0] as CurveKnot;
  const baseLatencyUs = ((first.outstanding * requestBytes) / first.bytesPerSecond) * 1e6;
  const saturationBytesPerSecond = (knots[knots.length - 1] as CurveKnot).bytesPerSecond;
  const params = { baseLatencyUs, saturationBytesPerSecond, requestBytes };
  const points = runs.map(([run, dir]): FitPoint => {
    const q = run.iodepth * run.numjobs;
    const measured = dir.bandwidthBytesPerSecond;
    const fitted = curveThroughput({ knots }, q);
    const model = modelThroughput(params, q);
    return {
      source: run.source,
      jobName: run.jobName,
      iodepth: run.iodepth,
      numjobs: run.numjobs,
      outstanding: q,
      measuredBytesPerSecond: measured,
      fittedBytesPerSecond: fitted,
      modelBytesPerSecond: model,
      relativeError: (fitted - measured) / measured,
      modelRelativeError: (model - measured) / measured,
      meanLatencyUs: dir.latencyUs.mean,
      latencyPercentilesUs: dir.latencyUs.percentiles,
    };
  });
  return {
    op,
    pattern,
    ...params,
    kneeOutstanding: (saturationBytesPerSecond * baseLatencyUs) / 1e6 / requestBytes,
    knots,
    points,
    error: summarise(points.map((p) => p.relativeError)),
    modelError: summarise(points.map((p) => p.modelRelativeError)),
  };
}

function summarise(errors: readonly number[]): FitErrorSummary {
  const abs = errors.map(Math.abs);
  return {
    meanAbsRelativeError: abs.reduce((s, v) => s + v, 0) / abs.length,
    maxAbsRelativeError: Math.max(...abs),
  };
}

function checkOutstanding(q: number): void {
  if (!(q >= 0) || !Number.isFinite(q)) throw new RangeError(`invalid outstanding I/Os: ${q}`);
}
