/**
 * Loading fio output from disk. Expands directories to their `*.json` files (sorted, `machine.json`
 * skipped wherever it appears: that is the runner's machine description), reads each file and parses it with `parseFioJson`,
 * with the file path as the source named in errors.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { CalibrationError } from "./errors.ts";
import type { FioRun } from "./fio-types.ts";
import { parseFioJson } from "./parse-fio.ts";

/** File name of the runner's machine description, never parsed as fio output. */
export const MACHINE_FILE = "machine.json";

/**
 * Reads and parses fio JSON files and directories of them, in the order given (directory entries sorted).
 *
 * @throws {CalibrationError} `CAL_ERR_FIO` for a path that cannot be read (`PATH: cannot read: …`), a
 *   directory without fio JSON files, or any parse error from `parseFioJson`.
 */
export function loadFioFiles(paths: readonly string[]): FioRun[] {
  return expandFioPaths(paths).flatMap((file) => parseFioJson(readText(file), file));
}

/**
 * The fio JSON files that `paths` names: files as given, directories expanded to sorted `*.json`; any
 * `machine.json` is left out, so a shell glob such as `runs/x/*.json` works.
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
    const found = readdirSync(path)
      .filter((name) => name.endsWith(".json") && name !== MACHINE_FILE)
      .sort()
      .map((name) => join(path, name));
    if (found.length === 0) throw new CalibrationError("CAL_ERR_FIO", path, "directory has no fio .json files");
    files.push(...found);
  }
  return files;
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
