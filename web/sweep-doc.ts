/**
 * Reading a sweep document: the JSON that `stallsim sweep … --json` (or `stallsim merge … --json`) writes,
 * `{ sweep: { scenario, params, … }, points: [{ index, params, summary, result? }] }` (docs/sweeps.md). The
 * reader checks the shape the Sweep tab needs and says plainly what a file is when it is not a sweep: not
 * JSON, a shard file (merge it first), a sweep's error, a single run's result, or a field out of place.
 */
import type { PlainValue } from "../src/scenarios/parse-text.ts";
import type { SweepDefinition } from "../src/studies/sweep/definition.ts";
import type { AlternativeSummary, PointSummary } from "../src/studies/sweep/summary.ts";

export type { AlternativeSummary, PointSummary, SweepDefinition };
export type ParamValue = PlainValue;

/** One point as the UI reads it (`result`, written by `--full`, is not needed and not kept). */
export interface SweepPointDoc {
  index: number;
  params: Record<string, ParamValue>;
  summary: PointSummary;
}

export interface SweepDocument {
  sweep: SweepDefinition;
  points: SweepPointDoc[];
}

export type SweepRead = { ok: true; doc: SweepDocument } | { ok: false; message: string };

/** One row of a sweep: one alternative of one point (a point of a scenario with alternatives gives several). */
export interface SweepRowDoc {
  index: number;
  params: Record<string, ParamValue>;
  alternative: AlternativeSummary;
}

/** The rows of a sweep, point by point, alternatives in the result's order. */
export const sweepRowsOf = (doc: SweepDocument): SweepRowDoc[] =>
  doc.points.flatMap((p) =>
    p.summary.alternatives.map((alternative) => ({ index: p.index, params: p.params, alternative })),
  );

/** True when some point has several alternatives (then rows name theirs). */
export const hasAlternatives = (doc: SweepDocument): boolean =>
  doc.points.some((p) => p.summary.alternatives.length > 1);

const HINT = "expected the JSON that `stallsim sweep … --json` or `stallsim merge … --json` writes";
const NUMBER_FIELDS = ["utilisation", "wallHours", "gpuHours", "totalUsd", "idlePerYearUsd"] as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isNumberOrNull = (x: unknown) => x === null || (typeof x === "number" && Number.isFinite(x));

class ShapeError extends Error {}
const fail = (message: string): never => {
  throw new ShapeError(message);
};

/** Parses and checks a sweep document; a message for the user when it is not one. */
export function readSweepDocument(text: string): SweepRead {
  if (text.trim() === "") return { ok: false, message: `Nothing to read: ${HINT}.` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not JSON (${(e as Error).message}): ${HINT}.` };
  }
  try {
    return { ok: true, doc: checkDocument(data) };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, message: e.message };
    throw e;
  }
}

function checkDocument(data: unknown): SweepDocument {
  if (!isObject(data)) return fail(`Not a sweep document: the JSON is ${kindOf(data)}; ${HINT}.`);
  if (data.kind === "stallsim-sweep-shard") {
    const shard = isObject(data.shard) ? ` (shard ${String(data.shard.index)} of ${String(data.shard.count)})` : "";
    return fail(
      `This is a shard file${shard}, not a whole sweep: merge the shards first, ` +
        "`stallsim merge shard-*.json --json -o sweep.json`, and open that.",
    );
  }
  if (isObject(data.error)) {
    const { code, message } = data.error;
    return fail(`This file holds a sweep's error, not its points: ${String(code)}: ${String(message)}`);
  }
  if (!("sweep" in data) && ("alternatives" in data || ("utilisation" in data && "jobs" in data))) {
    return fail(`This looks like a single run's result (\`stallsim run --json\`), not a sweep; ${HINT}.`);
  }
  if (!isObject(data.sweep) || !Array.isArray(data.points)) {
    return fail(`Not a sweep document: it lacks the "sweep" object or the "points" list; ${HINT}.`);
  }
  const sweep = checkDefinition(data.sweep);
  if (data.points.length === 0) return fail("The sweep has no points.");
  const points = data.points.map((p, i) => checkPoint(p, `points[${i}]`, sweep));
  return { sweep, points };
}

function checkDefinition(s: Record<string, unknown>): SweepDefinition {
  if (typeof s.scenario !== "string") fail(`sweep.scenario: expected the scenario's name, got ${kindOf(s.scenario)}.`);
  if (!Array.isArray(s.params) || s.params.length === 0) {
    fail(`sweep.params: expected a non-empty list of { path, values }, got ${kindOf(s.params)}.`);
  }
  (s.params as unknown[]).forEach((p, i) => {
    if (!isObject(p) || typeof p.path !== "string" || !Array.isArray(p.values)) {
      fail(`sweep.params[${i}]: expected { path, values }.`);
    }
  });
  return s as unknown as SweepDefinition;
}

function checkPoint(p: unknown, where: string, sweep: SweepDefinition): SweepPointDoc {
  if (!isObject(p)) return fail(`${where}: expected an object, got ${kindOf(p)}.`);
  if (typeof p.index !== "number") fail(`${where}.index: expected a number, got ${kindOf(p.index)}.`);
  if (!isObject(p.params)) return fail(`${where}.params: expected an object, got ${kindOf(p.params)}.`);
  for (const { path } of sweep.params) {
    if (!(path in p.params)) fail(`${where}.params: no value for the swept parameter ${path}.`);
  }
  const summary = p.summary;
  if (!isObject(summary)) return fail(`${where}.summary: expected an object, got ${kindOf(summary)}.`);
  // A sweep written before 0.2 has one summary per point (its scenario had one alternative, or they were added).
  const alternatives = Array.isArray(summary.alternatives)
    ? (summary.alternatives as unknown[])
    : [{ name: sweep.scenario, ...summary }];
  if (alternatives.length === 0) fail(`${where}.summary.alternatives: expected at least one alternative.`);
  const checked = alternatives.map((a, k) => {
    const at = `${where}.summary.alternatives[${k}]`;
    if (!isObject(a)) return fail(`${at}: expected an object, got ${kindOf(a)}.`);
    if (typeof a.name !== "string") fail(`${at}.name: expected the alternative's name, got ${kindOf(a.name)}.`);
    for (const field of NUMBER_FIELDS) {
      if (!isNumberOrNull(a[field])) fail(`${at}.${field}: expected a number or null, got ${kindOf(a[field])}.`);
    }
    if (a.au !== undefined && !isObject(a.au)) fail(`${at}.au: expected an object by job.`);
    return { au: {}, ...a } as unknown as AlternativeSummary;
  });
  return {
    index: p.index as number,
    params: p.params as Record<string, ParamValue>,
    summary: { alternatives: checked },
  };
}

function kindOf(x: unknown): string {
  if (x === undefined) return "nothing";
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  return typeof x === "object" ? "an object" : `a ${typeof x} (${JSON.stringify(x).slice(0, 40)})`;
}

/** A parameter value as text: strings as they are, anything else as JSON (`8`, `true`, `{"steps":500}`). */
export const valueText = (v: ParamValue): string => (typeof v === "string" ? v : JSON.stringify(v));

/** Whether every value of a parameter is a finite number (a linear axis) rather than text (an ordinal one). */
export const isNumeric = (values: readonly ParamValue[]): boolean =>
  values.every((v) => typeof v === "number" && Number.isFinite(v));
