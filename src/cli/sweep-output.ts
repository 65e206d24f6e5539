/**
 * Output of `stallsim sweep` and `stallsim merge`: the sweep as a table, JSON or CSV, written to stdout or to
 * a file (`-o`, written whole to a temporary file and renamed, so a killed pod never leaves half a shard); and
 * their errors: a `SweepError` prints its message (and the point's issues) and exits 2.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatSweepCsv, formatSweepTable } from "../studies/sweep/format.ts";
import { isSweepError } from "../studies/sweep/errors.ts";
import { sweepJson, type SweepOutput } from "../studies/sweep/output.ts";
import { PointRunError } from "../scenarios/many/pool.ts";
import { err, out, reportError } from "./io.ts";
import { UsageError } from "./usage-error.ts";

/** How to print a sweep. */
export type SweepFormat = "table" | "json" | "csv";

/**
 * The format from the `--json` / `--csv` flags (`--full` adds full results to JSON).
 * @throws UsageError when both are given, or `--full` without `--json`.
 */
export function sweepFormat(json: boolean, csv: boolean, full = false): SweepFormat {
  if (json && csv) throw new UsageError("give --json or --csv, not both");
  if (full && !json) throw new UsageError("--full goes with --json");
  return json ? "json" : csv ? "csv" : "table";
}

/** The text of `output` in `format` (`full`: JSON with each point's full result). */
export function renderSweep(output: SweepOutput, format: SweepFormat, full: boolean): string {
  if (format === "json") return `${sweepJson(output, full)}\n`;
  if (format === "csv") return formatSweepCsv(output);
  return `${formatSweepTable(output)}\n`;
}

/** Writes `text` to `file` (creating its folder; atomically, by rename), or to stdout without one. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file === undefined) {
    out(text);
    return;
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Prints a sweep or merge error; resolves to the exit status (2 for input errors, 1 otherwise). */
export function reportSweepError(e: unknown, json: boolean): number {
  if (isSweepError(e)) {
    if (json) out(JSON.stringify({ error: e.toJSON() }));
    else err(`stallsim: ${e.message}`);
    return 2;
  }
  if (e instanceof PointRunError) {
    err(`stallsim: internal error: ${e.message}`);
    return 1;
  }
  return reportError(e, json);
}
