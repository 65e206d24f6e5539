/**
 * Scenario text to plain data. JSON goes through a small strict RFC 8259 parser of our own, because
 * `JSON.parse` on Node 20 neither reports positions for every error nor detects duplicate keys; its
 * results are checked against `JSON.parse` in the tests. YAML 1.2 (core schema) goes through the `yaml`
 * package with duplicate keys, unknown tags and multiple documents treated as errors; anchors, aliases
 * and `<<` merge keys are expanded into an ordinary tree (no shared objects), with the package's
 * alias-expansion limit against "billion laughs" documents.
 *
 * Every failure is a `ScenarioError` with code `SCN_ERR_PARSE` and issues at path `[]` whose messages
 * start with `source:line:column:` (1-based; `source` defaults to `<input>`).
 */
import { Composer, isScalar, Parser, type CST, type ParsedNode, type YAMLError } from "yaml";
import { formatPath, ScenarioError, type ScenarioIssue } from "./errors.ts";

/** Data as it comes out of JSON or YAML: no anchors, no shared objects, no class instances. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/** How to read scenario text. */
export interface ParseTextOptions {
  /** Skip auto-detection: JSON if the first non-blank character is `{` or `[`, YAML otherwise. */
  readonly format?: "json" | "yaml" | undefined;
  /** File name or label used in messages, e.g. `scenario.yaml`. */
  readonly source?: string | undefined;
}

/** Deeper documents are rejected rather than risking a stack overflow. */
export const MAX_NESTING = 256;
/** YAML errors listed in full; the next one also says how many more there were ("and N more errors"). */
const MAX_ISSUES = 20;

/**
 * Parses one JSON or YAML scenario document to plain data. A leading byte-order mark is ignored.
 * Throws `ScenarioError` (`SCN_ERR_PARSE`) on a syntax error, a duplicate key, nesting beyond
 * `MAX_NESTING`, an empty document, or (YAML) more than one document or an unknown tag.
 */
export function parseScenarioText(text: string, options: ParseTextOptions = {}): PlainValue {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const format = options.format ?? (/^\s*[[{]/.test(body) ? "json" : "yaml");
  const at = (offset: number, code: string, message: string): ScenarioIssue => {
    const { line, column } = lineColumn(body, offset);
    return { code, path: [], message: `${options.source ?? "<input>"}:${line}:${column}: ${message}`, line, column };
  };
  const issues = format === "json" ? parseJson(body, at) : parseYaml(body, at);
  if ("issues" in issues) throw new ScenarioError("SCN_ERR_PARSE", issues.issues, { source: options.source });
  return issues.value;
}

type Locate = (offset: number, code: string, message: string) => ScenarioIssue;
type Outcome = { value: PlainValue } | { issues: ScenarioIssue[] };

/** 1-based line and column (UTF-16 code units) of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------------- JSON

class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly code: string;
  constructor(message: string, offset: number, code = "syntax_error") {
    super(message);
    this.offset = offset;
    this.code = code;
  }
}

/** What ends the fast path for a JSON string: an escape, or a control character (invalid unescaped). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PLAIN_STRING_BREAKER = /[\\\u0000-\u001f]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NUMBERISH = /[-+.\deE]+/y;
const WORD = /[A-Za-z_$][\w$]*/y;

/** Describes the character at `i` for messages: `"}"`, `end of input`. */
const describeAt = (text: string, i: number): string =>
  i >= text.length ? "end of input" : JSON.stringify(String.fromCodePoint(text.codePointAt(i)!));

function parseJson(text: string, at: Locate): Outcome {
  let pos = 0;
  const fail = (message: string, offset = pos, code?: string): never => {
    throw new JsonSyntaxError(message, offset, code);
  };
  const skipWhitespace = () => {
    let c = text.charCodeAt(pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
  };
  const expected = (what: string): never => {
    const c = text[pos];
    if (c === "/" && (text[pos + 1] === "/" || text[pos + 1] === "*")) fail("comments are not allowed in JSON");
    if (c === "'") fail("strings must use double quotes in JSON");
    return fail(`expected ${what}, found ${describeAt(text, pos)}`);
  };

  const string = (): string => {
    // Fast path: no escapes or control characters before the closing quote.
    const close = text.indexOf('"', pos + 1);
    if (close !== -1) {
      const plain = text.slice(pos + 1, close);
      if (!PLAIN_STRING_BREAKER.test(plain)) {
        pos = close + 1;
        return plain;
      }
    }
    const start = pos++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) fail("unterminated string", start);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        const e = text[pos + 1];
        if (e === "u" ? !/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)) : !e || !'"\\/bfnrt'.includes(e))
          fail(`invalid escape ${JSON.stringify(text.slice(pos, pos + (e === "u" ? 6 : 2)))} in string`);
        pos += e === "u" ? 6 : 2;
      } else if (c < 0x20) {
        fail(c === 10 || c === 13 ? "unterminated string (line break inside a string)" : "control character in string");
      } else pos++;
    }
    pos++;
    const raw = text.slice(start, pos);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };

  /** Keys and indices from the root to the value being parsed (pushed and popped as we go). */
  const path: (string | number)[] = [];
  const value = (): PlainValue => {
    if (path.length > MAX_NESTING) fail(`nesting deeper than ${MAX_NESTING} levels`);
    skipWhitespace();
    const c = text[pos];
    if (c === "{") {
      const obj: { [key: string]: PlainValue } = {};
      pos++;
      skipWhitespace();
      if (text[pos] === "}") {
        pos++;
        return obj;
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') {
          if (text[pos] === "}") fail("trailing comma is not allowed in JSON");
          expected("a key in double quotes");
        }
        const keyAt = pos;
        const key = string();
        if (Object.hasOwn(obj, key)) {
          const where = path.length === 0 ? "at the top level" : `in ${formatPath(path)}`;
          fail(`duplicate key ${JSON.stringify(key)} ${where}`, keyAt, "duplicate_key");
        }
        skipWhitespace();
        if (text[pos] !== ":") expected('":" after a key');
        pos++;
        path.push(key);
        // A "__proto__" key must stay data, as with JSON.parse: define it rather than assign it.
        if (key === "__proto__") {
          Object.defineProperty(obj, key, { value: value(), enumerable: true, writable: true, configurable: true });
        } else obj[key] = value();
        path.pop();
        skipWhitespace();
        const next = text[pos];
        if (next !== "," && next !== "}") expected('"," or "}" after a value in an object');
        pos++;
        if (next === "}") return obj;
      }
    }
    if (c === "[") {
      const arr: PlainValue[] = [];
      pos++;
      skipWhitespace();
      if (text[pos] === "]") {
        pos++;
        return arr;
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] === "]") fail("trailing comma is not allowed in JSON");
        path.push(arr.length);
        arr.push(value());
        path.pop();
        skipWhitespace();
        const next = text[pos];
        if (next !== "," && next !== "]") expected('"," or "]" after a value in an array');
        pos++;
        if (next === "]") return arr;
      }
    }
    if (c === '"') return string();
    if (c !== undefined && /[-+.\d]/.test(c)) {
      NUMBER.lastIndex = NUMBERISH.lastIndex = pos;
      const token = NUMBERISH.exec(text)![0];
      const m = NUMBER.exec(text);
      if (!m || m[0] !== token) fail(`invalid number ${JSON.stringify(token)}`);
      pos += token.length;
      return Number(token);
    }
    WORD.lastIndex = pos;
    const word = WORD.exec(text)?.[0];
    if (word === "true" || word === "false" || word === "null") {
      pos += word.length;
      return word === "null" ? null : word === "true";
    }
    if (word !== undefined) fail(`unexpected word ${JSON.stringify(word)} (strings need double quotes)`);
    return expected("a value");
  };

  try {
    const result = value();
    skipWhitespace();
    if (pos < text.length) fail(`unexpected ${describeAt(text, pos)} after the end of the JSON value`);
    return { value: result };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { issues: [at(e.offset, e.code, e.message)] };
  }
}

// ---------------------------------------------------------------------------------------------------- YAML

const YAML_OPTIONS = {
  version: "1.2",
  schema: "core",
  merge: true,
  stringKeys: true,
  resolveKnownTags: false,
  prettyErrors: false,
  logLevel: "error",
} as const;

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const EMPTY = "empty document (expected a scenario)";

function parseYaml(text: string, at: Locate): Outcome {
  // yaml's own duplicate check, plus a note of each duplicate key's value by offset for the message.
  const duplicates = new Map<number, string>();
  const uniqueKeys = (a: ParsedNode, b: ParsedNode): boolean => {
    const same = a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
    if (same && isScalar(b)) duplicates.set(b.range[0], String(b.value));
    return same;
  };
  // Parse to a CST first (yaml's parser is iterative) and refuse deep nesting before the recursive composer
  // sees it: near the stack limit V8 may abort the process instead of throwing a RangeError.
  const tokens = Array.from(new Parser().parse(text));
  const deep = tooDeep(tokens);
  if (deep !== undefined) return { issues: [at(deep, "syntax_error", `nesting deeper than ${MAX_NESTING} levels`)] };
  const docs = Array.from(new Composer({ ...YAML_OPTIONS, uniqueKeys }).compose(tokens));
  if (docs.length === 0) return { issues: [at(0, "empty_document", EMPTY)] };
  const yamlIssue = (e: YAMLError): ScenarioIssue => {
    const offset = e.pos[0];
    const source = text.slice(offset, e.pos[1]);
    switch (e.code) {
      case "DUPLICATE_KEY": {
        const key = duplicates.get(offset) ?? source;
        const hint = key === "<<" ? " (to merge several anchors write <<: [*a, *b])" : "";
        return at(offset, "duplicate_key", `duplicate key ${JSON.stringify(key)}${hint}`);
      }
      case "TAG_RESOLVE_FAILED":
        return at(offset, "syntax_error", `unsupported tag ${source} (scenario files use plain values)`);
      case "NON_STRING_KEY":
        return at(offset, "syntax_error", "keys must be strings, not lists or maps");
      default:
        return at(offset, "syntax_error", lowerFirst(e.message));
    }
  };
  const issues = docs.flatMap((d) => [...d.errors, ...d.warnings].map(yamlIssue));
  if (docs.length > 1) {
    const msg = "a second YAML document starts here; a scenario file holds exactly one";
    issues.push(at(docs[1]!.range[0], "multiple_documents", msg));
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
    if (issues.length <= MAX_ISSUES + 1) return { issues };
    const last = issues[MAX_ISSUES]!;
    const more = `${last.message} (and ${issues.length - MAX_ISSUES - 1} more errors)`;
    return { issues: [...issues.slice(0, MAX_ISSUES), { ...last, message: more }] };
  }
  const doc = docs[0]!;
  // An empty document has no contents or an empty plain scalar (`---` alone); `~` and `null` are not empty.
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.range[0] === doc.contents.range[1]))
    return { issues: [at(doc.range[0], "empty_document", EMPTY)] };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Unresolved aliases and alias bombs surface only here; point at the alias when we can find it.
    const message = lowerFirst(e instanceof Error ? e.message : String(e));
    const alias = /alias.*: (\S+)$/.exec(message)?.[1];
    const offset = alias === undefined ? 0 : Math.max(0, text.indexOf(`*${alias}`));
    return { issues: [at(offset, "syntax_error", message)] };
  }
  try {
    return { value: toTree(raw, 0) };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { issues: [at(0, "syntax_error", e.message)] };
  }
}

/** The offset of a collection nested deeper than `MAX_NESTING` in a YAML CST, if any (iterative walk). */
function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack = tokens.map((token) => ({ token, depth: 0 }));
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { token, depth } = top;
    if (depth > MAX_NESTING) return token.offset;
    if (token.type === "document" && token.value) stack.push({ token: token.value, depth });
    if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      for (const item of token.items) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** A fresh copy of YAML output: aliased objects are duplicated, so the result is a tree. */
function toTree(v: unknown, depth: number): PlainValue {
  if (depth > MAX_NESTING) throw new RangeError(`nesting deeper than ${MAX_NESTING} levels after expanding aliases`);
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => toTree(x, depth + 1));
  const proto = typeof v === "object" ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: { [key: string]: PlainValue } = {};
    for (const [k, x] of Object.entries(v as object)) {
      Object.defineProperty(out, k, {
        value: toTree(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  // Unreachable with the core schema and resolveKnownTags off (no Date, Set, Map or Uint8Array); kept so
  // nothing but plain data ever leaves this module.
  throw new RangeError(`unsupported YAML value: ${Object.prototype.toString.call(v)}`);
}
