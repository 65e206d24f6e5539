/**
 * The sweep grid: each `--param PATH=V1,V2,…` is a dimension, and the points are the cartesian product in
 * row-major order: the first parameter varies slowest, the last fastest, as nested loops written in the order
 * of the `--param`s. A point's index is therefore fixed by the definition alone (not by workers or shards), and
 * point `i`'s values are the digits of `i` in the mixed radix of the value counts.
 */
import { formatPath } from "../../scenarios/errors.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";
import { isSweepError, SweepError } from "./errors.ts";
import { parsePath } from "./path.ts";
import { checkSchemaPath } from "./schema-path.ts";
import { parseValues } from "./values.ts";

/** The most points one sweep may have. */
export const MAX_POINTS = 1_000_000;

/** One dimension of the grid. */
export interface SweepParam {
  /** The `--param` text as given (the Kubernetes manifest repeats it verbatim). */
  readonly text: string;
  /** The canonical path: field names, array indices as numbers. */
  readonly path: readonly (string | number)[];
  /** `formatPath(path)`, e.g. `jobs[0].data.workers`: the key in a point's params and the column name. */
  readonly label: string;
  /** The values in the order given, as parsed from YAML. */
  readonly values: readonly PlainValue[];
}

/** Index of the first `=` that is not inside brackets or quotes. */
function equalsAt(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "=" && depth === 0) return i;
  }
  return -1;
}

/**
 * Parses `PATH=V1,V2,…` and checks the path against the scenario schema and `document` (schema-path.ts).
 * @throws SweepError (`SWP_ERR_PARAM`) naming the `--param`: no `=`, a malformed or unknown path (with a
 *   "did you mean"), an empty, malformed or repeated value.
 */
export function parseParam(text: string, document: PlainValue): SweepParam {
  try {
    const eq = equalsAt(text);
    if (eq < 0) throw new SweepError("SWP_ERR_PARAM", "expected PATH=V1,V2,...");
    const path = checkSchemaPath(parsePath(text.slice(0, eq)), document);
    const values = parseValues(text.slice(eq + 1));
    return { text, path, label: formatPath(path), values };
  } catch (e) {
    if (!isSweepError(e)) throw e;
    throw new SweepError("SWP_ERR_PARAM", `invalid --param ${text}: ${e.message}`, { cause: e });
  }
}

const isPrefix = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean =>
  a.length <= b.length && a.every((s, i) => s === b[i]);

/**
 * Checks that the parameters make a grid: at least one, no path given twice (`jobs.0.x` and `jobs[0].x` are
 * the same path), none inside another (`jobs[0].data` and `jobs[0].data.workers`), at most `MAX_POINTS` points.
 * @throws SweepError (`SWP_ERR_PARAM`).
 */
export function checkGrid(params: readonly SweepParam[]): void {
  if (params.length === 0) throw new SweepError("SWP_ERR_PARAM", "a sweep needs at least one --param PATH=V1,V2,...");
  params.forEach((p, i) => {
    params.slice(0, i).forEach((q) => {
      if (p.label === q.label) throw new SweepError("SWP_ERR_PARAM", `--param ${p.label} is given twice`);
      if (isPrefix(q.path, p.path) || isPrefix(p.path, q.path)) {
        throw new SweepError("SWP_ERR_PARAM", `--param ${q.label} and --param ${p.label} overlap`);
      }
    });
  });
  const n = gridSize(params);
  if (n > MAX_POINTS) {
    throw new SweepError("SWP_ERR_PARAM", `the grid has ${n} points; the limit is ${MAX_POINTS}`);
  }
}

/** The number of points: the product of the value counts. */
export const gridSize = (params: readonly SweepParam[]): number => params.reduce((n, p) => n * p.values.length, 1);

/**
 * The values of point `index`, one per parameter (mixed radix, the last parameter varying fastest).
 * @throws RangeError for an index outside `[0, gridSize)`.
 */
export function gridValues(params: readonly SweepParam[], index: number): PlainValue[] {
  if (!(Number.isInteger(index) && index >= 0 && index < gridSize(params))) {
    throw new RangeError(`invalid point index: ${index}`);
  }
  const out: PlainValue[] = new Array<PlainValue>(params.length);
  let rest = index;
  for (let i = params.length - 1; i >= 0; i--) {
    const n = params[i]!.values.length;
    out[i] = params[i]!.values[rest % n]!;
    rest = Math.floor(rest / n);
  }
  return out;
}

/** Point `index`'s values keyed by parameter label, in parameter order. */
export function pointParams(params: readonly SweepParam[], index: number): Record<string, PlainValue> {
  const values = gridValues(params, index);
  return Object.fromEntries(params.map((p, i) => [p.label, values[i]!]));
}
