/**
 * Loading fio output from disk. Expands directories, recursively, to their `*.json` files (sorted by path;
 * `machine.json` skipped wherever it appears: that is the runner's machine description, read for the runs
 * beside it), reads each file and parses it with `parseFioJson`, with the file path as the source named in
 * errors.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CalibrationError } from "./errors.ts";
import type { FioRun } from "./fio-types.ts";
import { parseFioJson } from "./parse-fio.ts";

/** File name of the runner's machine description, never parsed as fio output. */
export const MACHINE_FILE = "machine.json";

/**
 * Reads and parses fio JSON files and directories of them, in the order given (directory entries sorted).
 * Each run's `host.machine` is the description in a `machine.json` in the same directory, when there is one.
 *
 * @throws {CalibrationError} `CAL_ERR_FIO` for a path that cannot be read (`PATH: cannot read: …`), a
 *   directory without fio JSON files, or any parse error from `parseFioJson`.
 */
export function loadFioFiles(paths: readonly string[]): FioRun[] {
  const machines = new Map<string, string | undefined>();
  return expandFioPaths(paths).flatMap((file) => {
    const dir = dirname(file);
    if (!machines.has(dir)) machines.set(dir, machineLabel(dir));
    const machine = machines.get(dir);
    return parseFioJson(readText(file), file).map((r) =>
      machine === undefined ? r : { ...r, host: { ...r.host, machine } },
    );
  });
}

/**
 * The fio JSON files that `paths` names: files as given, directories searched recursively for `*.json`
 * (hidden folders skipped, paths sorted); any `machine.json` is left out, so a shell glob such as
 * `runs/x/*.json` works too.
 */
export function expandFioPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      throw new CalibrationError("CAL_ERR_FIO", path, `cannot read: ${reason(e)}`, { cause: e });
    }
    if (!isDir) {
      if (basename(path) !== MACHINE_FILE) files.push(path);
      continue;
    }
    const found = jsonFilesUnder(path);
    if (found.length === 0) {
      throw new CalibrationError("CAL_ERR_FIO", path, "directory has no fio .json files (searched its subfolders too)");
    }
    files.push(...found);
  }
  return files;
}

/** `*.json` files other than `machine.json` under `dir`, recursively, sorted by path. */
function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFilesUnder(p));
    else if (e.isFile() && e.name.endsWith(".json") && e.name !== MACHINE_FILE) out.push(p);
  }
  return out;
}

/**
 * "host (device, fs)" from the runner's `machine.json` in `dir` (calibration/run-fio.sh writes it), if any;
 * a missing or broken description gives undefined.
 */
export function machineLabel(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, MACHINE_FILE), "utf8");
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as { hostname?: unknown; target?: { device?: unknown; fsType?: unknown } };
    const what = [m.target?.device, m.target?.fsType].filter((s) => typeof s === "string").join(", ");
    if (typeof m.hostname === "string") return what ? `${m.hostname} (${what})` : m.hostname;
    return what || undefined;
  } catch {
    // A broken machine description only loses the label.
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CalibrationError("CAL_ERR_FIO", file, `cannot read: ${reason(e)}`, { cause: e });
  }
}

function reason(e: unknown): string {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : String(e);
}
