/**
 * Successive top-level JSON objects in one text. fio output files may hold several concatenated JSON
 * documents (the runner or a user appending runs) and non-JSON lines before or between them (fio prints
 * warnings such as `fio: io_u error …` ahead of its JSON). This splitter skips text up to each `{`, finds
 * the matching `}` by scanning strings and nesting, and parses each object with the project's strict JSON
 * parser (src/scenarios/parse-text.ts), which locates a syntax error by line and column whatever the Node
 * version's `JSON.parse` says.
 */
import { isScenarioError } from "../scenarios/errors.ts";
import { parseScenarioText } from "../scenarios/parse-text.ts";
import { CalibrationError } from "./errors.ts";

/** One parsed top-level object and where it started (1-based line). */
export interface JsonDocument {
  readonly value: unknown;
  readonly line: number;
}

/**
 * Parses every top-level JSON object in `text`, skipping non-JSON text before and between them.
 *
 * @throws {CalibrationError} `CAL_ERR_FIO`: `SOURCE: no JSON object found` when there is no `{` at all,
 *   `SOURCE: truncated JSON at line N` when the text ends inside an object (N is the last line), and
 *   `SOURCE: invalid JSON at line N: REASON` when an object does not parse.
 */
export function parseJsonDocuments(text: string, source: string): JsonDocument[] {
  const docs: JsonDocument[] = [];
  let pos = text.indexOf("{");
  if (pos < 0) throw new CalibrationError("CAL_ERR_FIO", source, "no JSON object found");
  while (pos >= 0) {
    const end = matchingBrace(text, pos);
    if (end < 0)
      throw new CalibrationError("CAL_ERR_FIO", source, `truncated JSON at line ${lineAt(text, text.length)}`);
    const slice = text.slice(pos, end + 1);
    let value: unknown;
    try {
      value = parseScenarioText(slice, { format: "json" });
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      const issue = e.issues[0];
      const line = lineAt(text, pos) + (issue?.line ?? 1) - 1;
      const reason = (issue?.message ?? e.message).replace(/^<input>:\d+:\d+: /, "");
      throw new CalibrationError("CAL_ERR_FIO", source, `invalid JSON at line ${line}: ${reason}`, { cause: e });
    }
    docs.push({ value, line: lineAt(text, pos) });
    pos = text.indexOf("{", end + 1);
  }
  return docs;
}

/** Index of the `}` closing the object that opens at `start`, or -1 when the text ends first. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** 1-based line number of character index `index`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
