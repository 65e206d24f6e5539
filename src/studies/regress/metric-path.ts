/**
 * Metric paths: the stable dotted names of regression metrics (`cost.totalUsd`, `jobs.unet3d.au`). A path is
 * a list of segments; a segment that is not a plain word (letters, digits, `_`, `-`) is written in brackets
 * as a JSON string, so a job named `a.b` reads `jobs["a.b"].au` and every path parses back to its segments.
 */
import { RegressError } from "./errors.ts";

const PLAIN = /^[A-Za-z0-9_-]+$/;

/** `["jobs", "unet3d", "au"]` → `jobs.unet3d.au`; an odd segment → `jobs["a.b"].au`. */
export function formatMetricPath(segments: readonly string[]): string {
  let out = "";
  for (const s of segments) {
    if (PLAIN.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/**
 * Splits a metric path or tolerance pattern into segments (`*` stays a segment of its own).
 * @throws RegressError `invalid metric path: …` for an empty segment or an unterminated bracket.
 */
export function parseMetricPath(text: string): string[] {
  const bad = (why: string) =>
    new RegressError("REG_ERR_TOLERANCE", `invalid metric path ${JSON.stringify(text)}: ${why}`);
  const segments: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "[") {
      const m = /^\["(?:[^"\\]|\\.)*"\]/.exec(text.slice(i));
      if (m === null) throw bad("expected a quoted name in brackets");
      segments.push(JSON.parse(m[0].slice(1, -1)) as string);
      i += m[0].length;
      if (text[i] === ".") i++;
      continue;
    }
    const m = /^[^.[]*/.exec(text.slice(i))![0];
    if (m === "" || !(m === "*" || PLAIN.test(m))) throw bad(m === "" ? "empty segment" : `odd segment "${m}"`);
    segments.push(m);
    i += m.length;
    if (text[i] === ".") {
      i++;
      if (i === text.length) throw bad("empty segment");
    }
  }
  if (segments.length === 0) throw bad("empty path");
  return segments;
}

/**
 * True when `pattern` (segments, `*` matching any one segment) matches the last segments of `path`: `au`
 * matches `jobs.x.au`, `byCause.dataWait` matches `gpuHours.byCause.dataWait`, `*` matches everything.
 */
export function matchesMetric(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  const offset = path.length - pattern.length;
  return pattern.every((p, i) => p === "*" || p === path[offset + i]);
}
