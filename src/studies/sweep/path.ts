/**
 * Paths into a scenario document as written, for `--param PATH=…`: dot-separated field names with array
 * indices either bracketed or dotted (`jobs[0].data.workers` = `jobs.0.data.workers`), and odd keys quoted in
 * brackets (`storage["my data"].preset`), the same form `formatPath` prints. Bare segments are strings here;
 * whether `0` is an array index is decided against the schema (schema-path.ts).
 */
import { SweepError } from "./errors.ts";

/** A path as parsed: field names and bracketed indices. */
export type PathSegments = (string | number)[];

const invalid = (text: string, why: string) =>
  new SweepError("SWP_ERR_PARAM", `invalid path ${JSON.stringify(text)}: ${why}`);

/**
 * Parses `text` into segments: `a.b[0]["c d"]` → `["a", "b", 0, "c d"]`; `a.0` → `["a", "0"]`.
 * @throws SweepError (`SWP_ERR_PARAM`) for an empty path or segment, an unclosed or malformed bracket.
 */
export function parsePath(text: string): PathSegments {
  const out: PathSegments = [];
  let i = 0;
  const bare = (): void => {
    let j = i;
    while (j < text.length && text[j] !== "." && text[j] !== "[") {
      if (text[j] === "]") throw invalid(text, `unexpected "]" at position ${j + 1}`);
      j++;
    }
    const name = text.slice(i, j).trim();
    if (name === "") throw invalid(text, `empty field name at position ${i + 1}`);
    out.push(name);
    i = j;
  };
  if (text.trim() === "") throw invalid(text, "empty path");
  if (text[0] !== "[") bare();
  while (i < text.length) {
    if (text[i] === ".") {
      i++;
      bare();
    } else if (text[i] === "[") {
      const close = bracketEnd(text, i);
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) out.push(JSON.parse(inner) as string);
      else if (/^'[^']*'$/.test(inner)) out.push(inner.slice(1, -1));
      else throw invalid(text, `expected an index or a quoted key in brackets, got [${inner}]`);
      i = close + 1;
    } else {
      throw invalid(text, `expected "." or "[" at position ${i + 1}`);
    }
  }
  return out;
}

/** Index of the `]` closing the bracket at `open`, skipping quoted text. */
function bracketEnd(text: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j]!;
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "]") return j;
  }
  throw invalid(text, `unclosed "[" at position ${open + 1}`);
}
