/**
 * `stallsim calibrate FILES|DIR... --name NAME [-o PROFILE.json] [--json]`: fits a storage profile to fio
 * JSON output and prints the fitted curves with their error against the raw points.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fitFioRuns, type FittedCurve } from "../../calibration/fit.ts";
import { calibrationDocument, calibrationJson, fittedProfile } from "../../calibration/fitted-profile.ts";
import { loadFioFiles, MACHINE_FILE } from "../../calibration/load-fio.ts";
import { out, reportError } from "../io.ts";

export interface CalibrateArgs {
  paths: readonly string[];
  name: string | undefined;
  output?: string;
  json: boolean;
}

export function calibrate(a: CalibrateArgs): number {
  try {
    if (a.paths.length === 0) throw new RangeError("calibrate needs fio JSON files or directories of them");
    if (a.name === undefined) throw new RangeError("calibrate needs --name NAME for the fitted profile");
    const fit = fitFioRuns(loadFioFiles(a.paths));
    const doc = calibrationDocument(fittedProfile(a.name, fit, machineLabel(a.paths)), fit);
    if (a.output !== undefined) writeFileSync(a.output, `${calibrationJson(doc, 2)}\n`);
    out(a.json ? calibrationJson(doc) : formatCurves(doc.profile.name, fit.curves, a.output));
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}

/** "host (device, fs)" from the first runner machine description beside the inputs, if any. */
function machineLabel(paths: readonly string[]): string | undefined {
  for (const p of paths) {
    const dir = existsSync(p) && statSync(p).isDirectory() ? p : dirname(p);
    const file = join(dir, MACHINE_FILE);
    if (!existsSync(file)) continue;
    try {
      const m = JSON.parse(readFileSync(file, "utf8")) as {
        hostname?: unknown;
        target?: { device?: unknown; fsType?: unknown };
      };
      const what = [m.target?.device, m.target?.fsType].filter((s) => typeof s === "string").join(", ");
      if (typeof m.hostname === "string") return what ? `${m.hostname} (${what})` : m.hostname;
    } catch {
      // A broken machine description only loses the label.
    }
  }
  return undefined;
}

function formatCurves(name: string, curves: readonly FittedCurve[], output: string | undefined): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  const rows = curves.map((c) => [
    `${c.pattern === "random" ? "rand" : "seq"}-${c.op}`,
    sizeText(c.requestBytes),
    c.baseLatencyUs.toFixed(0),
    (c.saturationBytesPerSecond / 1e6).toFixed(1),
    c.kneeOutstanding.toFixed(1),
    String(c.points.length),
    `${pct(c.error.meanAbsRelativeError)} / ${pct(c.error.maxAbsRelativeError)}`,
    `${pct(c.modelError.meanAbsRelativeError)} / ${pct(c.modelError.maxAbsRelativeError)}`,
  ]);
  const head = ["op", "size", "L0 µs", "sat MB/s", "knee QD", "points", "curve err % mean/max", "model err % mean/max"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((s, i) => (i < 2 ? s.padEnd(widths[i] ?? 0) : s.padStart(widths[i] ?? 0))).join("  ");
  return [
    `Fitted profile '${name}': ${curves.length} curves, T(q) = min(Tsat, q·s/L0), knee QD = Tsat·L0/s`,
    "",
    line(head),
    ...rows.map(line),
    "",
    "curve: piecewise-linear through the points (running max); model: the two-parameter form a profile carries.",
    output === undefined ? "Write the profile with -o PROFILE.json." : `Wrote ${output}.`,
  ].join("\n");
}

function sizeText(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
}
