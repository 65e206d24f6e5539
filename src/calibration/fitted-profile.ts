/**
 * A fitted storage profile: the `StorageProfile` a scenario can use in place of a preset, built from a
 * `FioFit`, and the calibration document `{ profile, curves, fitError }` that carries it with the full
 * curves. Pure: no file system.
 *
 * What the profile takes from the curves (see fit.ts for the model):
 * - volume read/write bytes/s: the highest saturation throughput of any read/write curve (usually the
 *   largest sequential request; random curves count too: the device delivered that bandwidth);
 * - volume read/write IOPS: saturation of the 4 KiB random read/write curve ÷ 4096 (the smallest random
 *   size when no 4 KiB curve was measured);
 * - latency read/write `baseLatencyUs`: `L0` of the smallest random read/write curve;
 * - latency read/write `perStreamBytesPerSecond`: the largest sequential request's throughput at QD1;
 * - latency read/write `curves`: the random-access curves themselves (knots per request size), which the
 *   simulator uses for per-request times at the job's concurrency (models/storage/concurrency-curve.ts).
 * Everything else is a node-local default: the local-nvme preset's timings, price 0, RWO, node-local,
 * not surviving node loss, unlimited aggregate.
 */
import type { ConcurrencyCurve } from "../models/storage/concurrency-curve.ts";
import type { StorageCategory, StorageProfile } from "../models/storage/profile.ts";
import { LOCAL_NVME } from "../models/storage/presets/local-nvme.ts";
import type { Source } from "../models/source.ts";
import type { CalibrationWarning } from "./checks.ts";
import { CalibrationError } from "./errors.ts";
import { curveThroughput, type FioFit, type FitOperation, type FittedCurve } from "./fit.ts";

/** Per-curve error entry of the calibration document. */
export interface CurveFitError {
  readonly op: FitOperation;
  readonly pattern: FittedCurve["pattern"];
  readonly requestBytes: number;
  readonly meanAbsRelativeError: number;
  readonly maxAbsRelativeError: number;
  readonly modelMeanAbsRelativeError: number;
  readonly modelMaxAbsRelativeError: number;
}

/** The calibration document written by `stallsim calibrate -o`. */
export interface CalibrationDocument {
  readonly profile: StorageProfile;
  readonly curves: readonly FittedCurve[];
  readonly fitError: readonly CurveFitError[];
  /** What an expert would question about the fit (checks.ts), kept with the profile. */
  readonly warnings: readonly CalibrationWarning[];
}

/** Options of {@link fittedProfile}. */
export interface FittedProfileOptions {
  /** Default `local-nvme`. */
  readonly category?: StorageCategory;
  /** Default false (node-local media). */
  readonly survivesNodeLoss?: boolean;
}

const FOUR_KIB = 4096;

/** Profile names: kebab-case, what scenarios write in `storage.<b>.profile`. */
export const PROFILE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The storage profile fitted from `fit`. `machine` names what was measured in titles and sources
 * (default `this machine`).
 *
 * @throws {CalibrationError} `CAL_ERR_NAME` for a name that is not kebab-case.
 * @throws {CalibrationError} `CAL_ERR_FIO` when the fit lacks read or write curves.
 */
export function fittedProfile(
  name: string,
  fit: FioFit,
  machine = "this machine",
  options: FittedProfileOptions = {},
): StorageProfile {
  if (!PROFILE_NAME.test(name)) {
    throw new CalibrationError("CAL_ERR_NAME", "profile name", `'${name}' is not kebab-case (e.g. my-nvme)`);
  }
  const read = direction(fit, "read");
  const write = direction(fit, "write");
  return {
    name,
    title: `Fitted from fio on ${machine}`,
    category: options.category ?? "local-nvme",
    description:
      `Fitted by stallsim calibrate from ${fit.curves.reduce((n, c) => n + c.points.length, 0)} fio jobs on ${machine}: ` +
      "volume bandwidth is the highest saturation throughput measured, IOPS the saturation of 4 KiB random I/O, " +
      "latency the low-load per-request time of the smallest random request, per-stream bandwidth the QD1 throughput " +
      "of the largest sequential request.",
    latency: {
      read: { baseLatencyUs: read.random.baseLatencyUs, perStreamBytesPerSecond: read.perStream, curves: read.curves },
      write: {
        baseLatencyUs: write.random.baseLatencyUs,
        perStreamBytesPerSecond: write.perStream,
        curves: write.curves,
      },
    },
    volume: {
      read: { bytesPerSecond: read.bandwidth, iops: read.iops },
      write: { bytesPerSecond: write.bandwidth, iops: write.iops },
    },
    aggregate: {
      read: { bytesPerSecond: Infinity, iops: Infinity },
      write: { bytesPerSecond: Infinity, iops: Infinity },
    },
    scaling: { kind: "fixed" },
    accessModes: ["RWO"],
    topology: "node-local",
    replicationFactor: 1,
    survivesNodeLoss: options.survivesNodeLoss ?? false,
    timings: LOCAL_NVME.timings,
    price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "n/a" },
    sources: fitSources(fit, machine),
  };
}

/** The calibration document for `profile`, the fit it came from and the fit's warnings. */
export function calibrationDocument(
  profile: StorageProfile,
  fit: FioFit,
  warnings: readonly CalibrationWarning[] = [],
): CalibrationDocument {
  return {
    profile,
    curves: fit.curves,
    fitError: fit.curves.map((c) => ({
      op: c.op,
      pattern: c.pattern,
      requestBytes: c.requestBytes,
      meanAbsRelativeError: c.error.meanAbsRelativeError,
      maxAbsRelativeError: c.error.maxAbsRelativeError,
      modelMeanAbsRelativeError: c.modelError.meanAbsRelativeError,
      modelMaxAbsRelativeError: c.modelError.maxAbsRelativeError,
    })),
    warnings,
  };
}

/** JSON text of a calibration document; Infinity (and NaN) become null. */
export function calibrationJson(doc: CalibrationDocument, indent?: number): string {
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), indent);
}

function direction(fit: FioFit, op: FitOperation) {
  const curves = fit.curves.filter((c) => c.op === op);
  const random = curves.filter((c) => c.pattern === "random").sort((a, b) => a.requestBytes - b.requestBytes);
  const sequential = curves.filter((c) => c.pattern === "sequential").sort((a, b) => b.requestBytes - a.requestBytes);
  const smallestRandom = random[0];
  const largestSequential = sequential[0];
  if (smallestRandom === undefined || largestSequential === undefined) {
    throw new CalibrationError(
      "CAL_ERR_FIO",
      fit.curves[0]?.points[0]?.source ?? "fit",
      `a profile needs random and sequential ${op} runs (rand${op} and ${op} jobs)`,
    );
  }
  const iopsCurve = random.find((c) => c.requestBytes === FOUR_KIB) ?? smallestRandom;
  return {
    random: smallestRandom,
    sequential: largestSequential,
    iops: iopsCurve.saturationBytesPerSecond / iopsCurve.requestBytes,
    perStream: curveThroughput(largestSequential, 1),
    bandwidth: Math.max(...curves.map((c) => c.saturationBytesPerSecond)),
    curves: random.map((c): ConcurrencyCurve => ({ requestBytes: c.requestBytes, knots: c.knots })),
  };
}

/** One source per run file: `fio <rw> <sizes> qd<min>..<max> on <machine>`. */
function fitSources(fit: FioFit, machine: string): Source[] {
  const files = new Map<string, { rw: Set<string>; sizes: Set<number>; q: number[] }>();
  for (const c of fit.curves) {
    const rw = c.pattern === "random" ? `rand${c.op}` : c.op;
    for (const p of c.points) {
      const f = files.get(p.source) ?? { rw: new Set(), sizes: new Set(), q: [] };
      f.rw.add(rw);
      f.sizes.add(c.requestBytes);
      f.q.push(p.outstanding);
      files.set(p.source, f);
    }
  }
  return [...files].map(([ref, f]) => ({
    what:
      `fio ${[...f.rw].join(",")} ${[...f.sizes]
        .sort((a, b) => a - b)
        .map(sizeLabel)
        .join(",")} ` + `qd${Math.min(...f.q)}..${Math.max(...f.q)} on ${machine}`,
    ref,
    tag: "S" as const,
  }));
}

/** 4096 → "4k", 1048576 → "1m", 1000 → "1000". */
function sizeLabel(bytes: number): string {
  for (const [unit, n] of [
    ["g", 2 ** 30],
    ["m", 2 ** 20],
    ["k", 2 ** 10],
  ] as const) {
    if (bytes % n === 0) return `${bytes / n}${unit}`;
  }
  return String(bytes);
}
