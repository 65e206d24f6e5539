/**
 * The scenario text the user edits, as a document the form can read and write. YAML goes through the
 * `yaml` package's Document API, so a form edit changes one value in place and keeps comments, anchors,
 * key order and formatting elsewhere; JSON stays JSON (re-printed with two-space indentation).
 *
 * Merge keys (`<<: *job`) are resolved for reading. Writing into a merged job that does not state the
 * value itself adds the key to that job (overriding the merged one), copying the merged parent first, so
 * the job's other inherited values stay as they were.
 */
import { Document, isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Path } from "./types.ts";

export type Format = "yaml" | "json";

/** A problem reading the text itself, with its 1-based line when known. */
export interface SyntaxProblem {
  message: string;
  line?: number;
}

export type ParsedScenario =
  | { ok: true; format: Format; text: string; data: unknown; doc: Document; lines: LineCounter }
  | { ok: false; format: Format; text: string; problems: SyntaxProblem[] };

/** A form value: a number, a string (units such as `"40MB"`), or `undefined` to remove the key. */
export type FieldValue = number | string | boolean | undefined;

export const detectFormat = (text: string): Format => (/^\s*[[{]/.test(text) ? "json" : "yaml");

/** Parses scenario text; never throws. */
export function parseScenario(text: string): ParsedScenario {
  const format = detectFormat(text);
  const lines = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      line: e.linePos?.[0].line,
    }));
    return { ok: false, format, text, problems };
  }
  try {
    const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    return { ok: true, format, text, data, doc, lines };
  } catch (err) {
    return { ok: false, format, text, problems: [{ message: (err as Error).message }] };
  }
}

/** The value at `path` in plain data (merge keys resolved), or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** The scenario text with `path` set to `value` (or removed when `value` is undefined). */
export function withValue(parsed: Extract<ParsedScenario, { ok: true }>, path: Path, value: FieldValue): string {
  if (path.length === 0) throw new RangeError("cannot replace the whole document from a field");
  if (parsed.format === "json")
    return `${JSON.stringify(setPlain(structuredClone(parsed.data), path, value), null, 2)}\n`;
  const spliced = value === undefined ? undefined : splice(parsed, path, value);
  if (spliced !== undefined) return spliced;
  const doc = parsed.doc.clone();
  const parent = materialise(doc, parsed.data, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (value === undefined) parent.delete(key);
  else parent.set(key, value);
  return doc.toString({ lineWidth: 120 });
}

/**
 * Replaces a scalar the document states itself by editing only its characters in the text, so the rest
 * (folded descriptions, comments, spacing) stays byte for byte. Undefined when the value is not written
 * there as a plain scalar (merged, missing, a collection): the caller re-prints the document instead.
 */
function splice(parsed: Extract<ParsedScenario, { ok: true }>, path: Path, value: Exclude<FieldValue, undefined>) {
  let node: unknown = parsed.doc.contents;
  let flow = false;
  for (const key of path) {
    if (!isMap(node) && !isSeq(node)) return undefined;
    flow ||= node.flow === true;
    node = node.get(key, true);
  }
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  if (node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL") return undefined;
  const written =
    flow && typeof value === "string"
      ? JSON.stringify(value)
      : new Document(value).toString({ lineWidth: 0 }).trimEnd();
  if (written.includes("\n")) return undefined;
  const [start, end] = node.range;
  return parsed.text.slice(0, start) + written + parsed.text.slice(end);
}

/** Walks to the collection at `path`, making own copies of merged or aliased collections on the way. */
function materialise(doc: Document, data: unknown, path: Path) {
  if (!isCollection(doc.contents)) doc.contents = doc.createNode({}) as Node as typeof doc.contents;
  let coll = doc.contents as unknown as { get(k: unknown, keep: true): unknown; set(k: unknown, v: unknown): void };
  for (let i = 0; i < path.length; i++) {
    let child = coll.get(path[i], true);
    if (!isCollection(child) || isAlias(child)) {
      const resolved = valueAt(data, path.slice(0, i + 1));
      const fresh =
        resolved !== null && typeof resolved === "object" ? resolved : typeof path[i + 1] === "number" ? [] : {};
      child = doc.createNode(fresh);
      coll.set(path[i], child);
    }
    coll = child as typeof coll;
  }
  return coll as unknown as { set(k: unknown, v: unknown): void; delete(k: unknown): boolean };
}

function setPlain(root: unknown, path: Path, value: FieldValue): unknown {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur[path[i]!];
    if (next === null || typeof next !== "object") cur[path[i]!] = typeof path[i + 1] === "number" ? [] : {};
    cur = cur[path[i]!] as Record<string | number, unknown>;
  }
  const key = path[path.length - 1]!;
  if (value === undefined) delete cur[key];
  else cur[key] = value;
  return root;
}

/**
 * The 1-based line where `path` is written in YAML text (the nearest written ancestor for merged or
 * missing values), or undefined for JSON or unparsed text.
 */
export function lineOf(parsed: ParsedScenario, path: Path): number | undefined {
  if (!parsed.ok || parsed.format !== "yaml") return undefined;
  let node: unknown = parsed.doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(parsed.doc);
    if (!isMap(node) && !isSeq(node)) break;
    const pair = isMap(node) ? node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key) : undefined;
    const next: unknown = isMap(node) ? pair?.value : node.get(key, true);
    if (next === undefined || next === null) break;
    offset = (pair?.key as Node | undefined)?.range?.[0] ?? (next as Node).range?.[0] ?? offset;
    node = next;
  }
  return offset === undefined ? undefined : parsed.lines.linePos(offset).line;
}
