/**
 * Scenario files on disk: the only place in `src/scenarios` that touches the file system. Reads one file
 * as strict UTF-8 (a byte-order mark is dropped), refuses anything that is not a regular file or is larger
 * than `MAX_SCENARIO_FILE_BYTES`, and hands the text to `parseScenarioText` with the format taken from
 * the extension.
 */
import { open, type FileHandle } from "node:fs/promises";
import { extname } from "node:path";
import { scenarioError } from "./errors.ts";
import { parseScenarioText, type ParseTextOptions, type PlainValue } from "./parse-text.ts";

/** The largest scenario file accepted: 5 MiB. */
export const MAX_SCENARIO_FILE_BYTES = 5 * 1024 * 1024;

const FORMATS: Readonly<Record<string, ParseTextOptions["format"]>> = {
  ".json": "json",
  ".yaml": "yaml",
  ".yml": "yaml",
};

/** `ENOENT`-like codes that mean "there is no such file here". */
const MISSING = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

const notFound = (path: string, why: string) =>
  scenarioError("SCN_ERR_NOT_FOUND", { code: "not_found", message: `${why}: ${JSON.stringify(path)}` });

/**
 * Reads and parses the scenario file at `path` (`.json` → JSON, `.yaml`/`.yml` → YAML, case-insensitive;
 * any other extension → auto-detected). Messages use `path` as given as their source, and call it a `what` file.
 * Throws `ScenarioError`: `SCN_ERR_NOT_FOUND` when the file does not exist or is not a regular file;
 * `SCN_ERR_PARSE` when it is over 5 MiB, not valid UTF-8, or not valid JSON/YAML (see `parseScenarioText`).
 * Other I/O errors (e.g. `EACCES`) are rethrown unchanged.
 */
export async function loadScenarioFile(
  path: string,
  what: "scenario" | "profile" | "suite" = "scenario",
): Promise<PlainValue> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    if (MISSING.has((e as NodeJS.ErrnoException).code ?? "")) throw notFound(path, `no such ${what} file`);
    throw e;
  }
  let bytes: Buffer;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notFound(path, "not a regular file");
    if (stat.size > MAX_SCENARIO_FILE_BYTES) throw tooLarge(path, stat.size);
    bytes = await handle.readFile();
    if (bytes.length > MAX_SCENARIO_FILE_BYTES) throw tooLarge(path, bytes.length);
  } finally {
    await handle.close();
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (e) {
    throw scenarioError(
      "SCN_ERR_PARSE",
      { code: "syntax_error", message: `${path}: not valid UTF-8 text` },
      { source: path, cause: e },
    );
  }
  return parseScenarioText(text, { format: FORMATS[extname(path).toLowerCase()], source: path });
}

function tooLarge(path: string, size: number) {
  return scenarioError(
    "SCN_ERR_PARSE",
    { code: "too_large", message: `${path}: file is too large (${size} bytes; the limit is 5 MiB)` },
    { source: path },
  );
}
