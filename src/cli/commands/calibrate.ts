/**
 * `stallsim calibrate FILES|DIR... --name NAME [-o PROFILE.json] [--allow-mixed] [--json]`: fits a storage
 * profile to fio JSON output (directories searched recursively) and prints the fitted curves with their error
 * against the raw points, and warnings for fits not to take at face value (stderr; in the JSON as `warnings`).
 */
import { closeSync, existsSync, fsyncSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { calibrate as calibrateRuns } from "../../calibration/calibrate.ts";
import { curveLabel } from "../../calibration/checks.ts";
import type { FittedCurve } from "../../calibration/fit.ts";
import { calibrationJson, type CalibrationDocument } from "../../calibration/fitted-profile.ts";
import { loadFioFiles } from "../../calibration/load-fio.ts";
import { calibrateVolume, hasFio } from "../../calibration/volume-fio.ts";
import { parseBytes } from "../../scenarios/units.ts";
import { intArg } from "../args.ts";
import { err, out, reportError } from "../io.ts";
import { UsageError } from "../usage-error.ts";

export interface CalibrateArgs {
  paths: readonly string[];
  name: string | undefined;
  output?: string;
  allowMixed?: boolean;
  json: boolean;
  /** `--run PATH`: measure the volume at PATH (a data file, or a folder to write a scratch file in). */
  run?: string;
  sizes?: string;
  threads?: string;
  direct?: boolean;
  passes?: string;
  seconds?: string;
  size?: string;
}

export function calibrate(a: CalibrateArgs): number {
  if (a.run !== undefined) return calibrateRun(a, a.run);
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

/** A list option of sizes (`4k,128k,1m`) or counts (`1,4,8`). */
function listArg(
  name: string,
  v: string | undefined,
  fallback: number[],
  parse: (s: string) => number | undefined,
): number[] {
  if (v === undefined) return fallback;
  const out = v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const n = parse(s);
      if (n === undefined || !(n > 0)) throw new UsageError(`invalid --${name}: ${s} (in ${v})`);
      return n;
    });
  if (out.length === 0) throw new UsageError(`invalid --${name}: ${v}`);
  return [...new Set(out)].sort((x, y) => x - y);
}

const bytesArg = (s: string): number | undefined => {
  const r = parseBytes(s.replace(/^(\d+(?:\.\d+)?)([kmgt])$/i, "$1$2iB"));
  return r.ok ? r.value : undefined;
};

/**
 * `stallsim calibrate --run PATH --name NAME`: fio reads the volume at PATH the way a data loader does
 * (src/calibration/volume-fio.ts: blocking random reads from N threads at the loader's request sizes, buffered
 * unless `--direct`), `--passes` times, and fits the profile; the passes' spread is the volume's repeatability.
 */
function calibrateRun(a: CalibrateArgs, target: string): number {
  let scratch: string | undefined;
  try {
    if (a.name === undefined) throw new UsageError("calibrate needs --name NAME for the fitted profile");
    if (a.paths.length > 0) throw new UsageError("calibrate --run PATH measures PATH; leave out the fio files");
    if (!hasFio()) throw new UsageError("calibrate --run needs fio (apt-get install fio)");
    const sizes = listArg("sizes", a.sizes, [4096, 65536, 1 << 20], bytesArg);
    const threads = listArg("threads", a.threads, [1, 4], (s) => (/^\d+$/.test(s) ? Number(s) : undefined));
    const passes = intArg("passes", a.passes, 1) ?? 3;
    const seconds = intArg("seconds", a.seconds, 1) ?? 2;
    let file = target;
    if (existsSync(target) && statSync(target).isDirectory()) {
      const bytes = a.size === undefined ? 4 * 2 ** 30 : bytesArg(a.size);
      if (bytes === undefined) throw new UsageError(`invalid --size: ${a.size}`);
      scratch = join(target, `stallsim-calibrate-${process.pid}.bin`);
      err(`stallsim: writing a ${(bytes / 2 ** 30).toFixed(1)} GiB scratch file in ${target} to read`);
      writeScratch(scratch, bytes);
      file = scratch;
    } else if (!existsSync(target)) {
      throw new UsageError(`--run ${target}: no such file or folder`);
    }
    const tty = !a.json && process.stderr.isTTY === true;
    const cal = calibrateVolume(a.name, {
      file,
      label: scratch === undefined ? file : `a scratch file in ${target}`,
      sizes,
      jobs: threads,
      runtimeSeconds: seconds,
      passes,
      direct: a.direct === true,
      onRun: (label, i, total) => (tty ? err(`\r  ${label} (${i + 1}/${total})`.padEnd(60)) : undefined),
    });
    if (tty) err("\r".padEnd(61) + "\r");
    const doc = { ...cal.document, repeatability: cal.repeatability, passProfiles: cal.passProfiles };
    if (a.output !== undefined) writeFileSync(a.output, `${calibrationJson(doc as CalibrationDocument, 2)}\n`);
    if (a.json) out(calibrationJson(doc as CalibrationDocument));
    else {
      out(formatCurves(cal.document, a.output));
      const r = cal.repeatability;
      out(
        `Repeatability over ${r.passes} passes: random reads' saturation moved at most ${(r.worstSpread * 100).toFixed(0)}% ` +
          `(${r.curves.map((c) => `${c.requestBytes} B: ${c.saturationBytesPerSecond.map((b) => (b / 1e6).toFixed(0)).join("/")} MB/s`).join("; ")}).`,
      );
      for (const w of cal.document.warnings) err(`warning: ${w.message}`);
    }
    return 0;
  } catch (e) {
    return reportError(e, a.json);
  } finally {
    if (scratch !== undefined) rmSync(scratch, { force: true });
  }
}

/** Writes `bytes` of non-repeating data to `file`, synced: something real to read back. */
function writeScratch(file: string, bytes: number): void {
  const chunk = Buffer.alloc(8 << 20);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
  const fd = openSync(file, "w");
  try {
    for (let off = 0; off < bytes; off += chunk.length) {
      chunk.writeUInt32LE(off >>> 0, 0);
      writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - off), off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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
