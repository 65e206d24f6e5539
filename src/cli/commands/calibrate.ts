/**
 * `stallsim calibrate FILES|DIR... --name NAME [-o PROFILE.json] [--allow-mixed] [--json]`: fits a storage
 * profile to fio JSON output (directories searched recursively) and prints the fitted curves with their error
 * against the raw points, and warnings for fits not to take at face value (stderr; in the JSON as `warnings`).
 */
import { writeFileSync } from "node:fs";
import { calibrate as calibrateRuns } from "../../calibration/calibrate.ts";
import { curveLabel } from "../../calibration/checks.ts";
import type { FittedCurve } from "../../calibration/fit.ts";
import { calibrationJson, type CalibrationDocument } from "../../calibration/fitted-profile.ts";
import { loadFioFiles } from "../../calibration/load-fio.ts";
import { err, out, reportError } from "../io.ts";
import { UsageError } from "../usage-error.ts";

export interface CalibrateArgs {
  paths: readonly string[];
  name: string | undefined;
  output?: string;
  allowMixed?: boolean;
  json: boolean;
}

export function calibrate(a: CalibrateArgs): number {
  try {
    if (a.paths.length === 0) throw new UsageError("calibrate needs fio JSON files or directories of them");
    if (a.name === undefined) throw new UsageError("calibrate needs --name NAME for the fitted profile");
    const doc = calibrateRuns(a.name, loadFioFiles(a.paths), {
      fallbackMachine: "this machine",
      allowMixed: a.allowMixed ?? false,
    });
    if (a.output !== undefined) writeFileSync(a.output, `${calibrationJson(doc, 2)}\n`);
    if (a.json) out(calibrationJson(doc));
    else {
      out(formatCurves(doc, a.output));
      for (const w of doc.warnings) err(`warning: ${w.message}`);
    }
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  }
}

function formatCurves(doc: CalibrationDocument, output: string | undefined): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  const curves: readonly FittedCurve[] = doc.curves;
  const rows = curves.map((c) => [
    curveLabel(c).split(" ")[0]!,
    curveLabel(c).split(" ").slice(1).join(" "),
    c.baseLatencyUs.toFixed(0),
    (c.saturationBytesPerSecond / 1e6).toFixed(1),
    c.kneeOutstanding.toFixed(1),
    String(c.knots.length),
    String(c.points.length),
    `${pct(c.error.meanAbsRelativeError)} / ${pct(c.error.maxAbsRelativeError)}`,
    `${pct(c.modelError.meanAbsRelativeError)} / ${pct(c.modelError.maxAbsRelativeError)}`,
  ]);
  const head = [
    "op",
    "size",
    "L0 µs",
    "sat MB/s",
    "knee QD",
    "depths",
    "points",
    "curve err % mean/max",
    "model err % mean/max",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((s, i) => (i < 2 ? s.padEnd(widths[i] ?? 0) : s.padStart(widths[i] ?? 0))).join("  ");
  const n = doc.warnings.length;
  return [
    `Fitted profile '${doc.profile.name}' (${doc.profile.title}): ${curves.length} curves, ` +
      "T(q) = min(Tsat, q·s/L0), knee QD = Tsat·L0/s",
    "",
    line(head),
    ...rows.map(line),
    "",
    "curve: piecewise-linear through the points (running max); model: the two-parameter form a profile carries.",
    n === 0 ? "No warnings." : `${n} warning${n === 1 ? "" : "s"} (below, on stderr): check before using the profile.`,
    output === undefined ? "Write the profile with -o PROFILE.json." : `Wrote ${output}.`,
  ].join("\n");
}
