/**
 * Checks of a calibration before its profile is trusted: that the runs come from one machine and one device
 * (a profile describes one), and warnings for fits an expert would not take at face value — a curve measured
 * at one queue depth (its saturation is unknown), a curve that misses a measured point by more than
 * `POOR_FIT` (repeated runs disagree or throughput fell at a higher depth), and buffered I/O (the page cache
 * may have been measured instead of the storage). Pure: no file system.
 */
import { CalibrationError } from "./errors.ts";
import type { FioRun } from "./fio-types.ts";
import type { FioFit, FittedCurve } from "./fit.ts";

/** A curve that misses a measured point by more than this (relative) is a poor fit. */
export const POOR_FIT = 0.2;

/** Why a calibration may not be what it seems. */
export type CalibrationWarningCode = "one-point-curve" | "poor-fit" | "buffered-io" | "unstable-volume";

/** A warning about a calibration: a stable code and a sentence that says what to change. */
export interface CalibrationWarning {
  readonly code: CalibrationWarningCode;
  readonly message: string;
}

/** "rand-read 4 KiB", "seq-write 1 MiB". */
export function curveLabel(c: Pick<FittedCurve, "op" | "pattern" | "requestBytes">): string {
  return `${c.pattern === "random" ? "rand" : "seq"}-${c.op} ${sizeText(c.requestBytes)}`;
}

/** The warnings of a fit and the runs it came from, in a stable order. */
export function calibrationWarnings(fit: FioFit, runs: readonly FioRun[]): CalibrationWarning[] {
  const out: CalibrationWarning[] = [];
  for (const c of fit.curves) {
    if (c.knots.length === 1) {
      const q = c.knots[0]!.outstanding;
      out.push({
        code: "one-point-curve",
        message:
          `${curveLabel(c)} was measured at one queue depth (${q} outstanding I/O${q === 1 ? "" : "s"}): its ` +
          `saturation is unknown, so the profile takes that depth's ${rateText(c.saturationBytesPerSecond)} as the ` +
          "device's limit. Run it at several depths (e.g. iodepth 1, 4, 16, 64; calibration/run-fio.sh does).",
      });
    }
  }
  for (const c of fit.curves) {
    const worst = c.points.reduce((a, p) => (Math.abs(p.relativeError) > Math.abs(a.relativeError) ? p : a));
    if (Math.abs(worst.relativeError) <= POOR_FIT) continue;
    const pct = `${worst.relativeError > 0 ? "+" : ""}${(worst.relativeError * 100).toFixed(0)}%`;
    out.push({
      code: "poor-fit",
      message:
        `${curveLabel(c)}: the fitted curve misses ${worst.source} job '${worst.jobName}' (${worst.outstanding} ` +
        `outstanding) by ${pct} (measured ${rateText(worst.measuredBytesPerSecond)}, curve ` +
        `${rateText(worst.fittedBytesPerSecond)}): repeated runs disagree or throughput fell at a higher depth ` +
        "(burst credits, throttling, caching). Rerun longer (runtime 60 s or more) and check the device.",
    });
  }
  const buffered = runs.filter((r) => !r.direct && r.rw !== "rw" && r.rw !== "randrw");
  if (buffered.length > 0) {
    out.push({
      code: "buffered-io",
      message:
        `${buffered.length} of ${runs.length} fio job${runs.length === 1 ? "" : "s"} ran without direct=1 ` +
        `(e.g. ${buffered[0]!.source} job '${buffered[0]!.jobName}'): the page cache may have been measured ` +
        "rather than the storage. Rerun with direct=1.",
    });
  }
  return out;
}

/**
 * Refuses runs from more than one machine or device: different `machine.json` descriptions, fio host names
 * or `disk_util` device sets. Runs that say nothing about their machine are not counted.
 *
 * @throws {CalibrationError} `CAL_ERR_MIXED` naming the machines (or devices) and their files, unless
 *   `allowMixed`.
 */
export function checkOneMachine(runs: readonly FioRun[], allowMixed: boolean): void {
  if (allowMixed) return;
  const kinds: [string, (r: FioRun) => string | undefined][] = [
    ["machines", (r) => r.host.machine],
    ["hosts", (r) => r.host.hostname],
    ["devices", (r) => (r.host.disks.length > 0 ? r.host.disks.join("+") : undefined)],
  ];
  for (const [kind, key] of kinds) {
    const files = new Map<string, Set<string>>();
    for (const r of runs) {
      const k = key(r);
      if (k === undefined) continue;
      files.set(k, (files.get(k) ?? new Set()).add(r.source));
    }
    if (files.size < 2) continue;
    const list = [...files]
      .map(([k, f]) => {
        const names = [...f];
        return `${k} (${names.slice(0, 2).join(", ")}${names.length > 2 ? `, +${names.length - 2} more` : ""})`;
      })
      .join("; ");
    throw new CalibrationError(
      "CAL_ERR_MIXED",
      runs[0]!.source,
      `the runs come from ${files.size} ${kind}: ${list}. A profile describes one machine's storage: calibrate ` +
        "each separately (one --name each), or allow mixing (calibrate --allow-mixed; allowMixed in the API) " +
        "when they are the same hardware.",
    );
  }
}

function rateText(bytesPerSecond: number): string {
  return bytesPerSecond >= 1e9
    ? `${(bytesPerSecond / 1e9).toFixed(2)} GB/s`
    : `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

export function sizeText(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
}
