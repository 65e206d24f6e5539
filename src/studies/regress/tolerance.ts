/**
 * Tolerances: how far a metric may move from its baseline and still pass. A tolerance has a relative part
 * (a fraction of the baseline value) and an absolute part (in the metric's own unit); a move passes when
 * |new − old| ≤ max(abs, rel × |old|), so the absolute part is what applies near a zero baseline.
 *
 * Written as `1%` or `0.01` (relative), `0.005abs` (absolute), `1%+0.5abs` (both) or `exact`. Rules map
 * metric patterns to tolerances (`au=0.005abs`, `jobs.*.completionHours=1%`; a pattern matches a metric
 * whose last segments it names, metric-path.ts). Rules come in layers (suite file, the scenario's entry,
 * the command line); the highest layer with a matching rule wins, and within a layer the most specific
 * pattern (most named segments, then fewest `*`) wins, then the later rule.
 */
import { unknownNameMessage } from "../../scenarios/suggest.ts";
import { formatMetricPath, matchesMetric, parseMetricPath } from "./metric-path.ts";
import { JOB_NAME, METRIC_TEMPLATES, type Metric, type MetricKind } from "./metrics.ts";
import { RegressError } from "./errors.ts";

/** Allowed move: `rel` a fraction of |baseline|, `abs` in the metric's unit; both ≥ 0. */
export interface Tolerance {
  readonly rel: number;
  readonly abs: number;
}

/** A pattern and its tolerance, with where it came from (`suite.yaml`, `--tolerance`) for reports. */
export interface ToleranceRule {
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly tolerance: Tolerance;
  readonly from: string;
}

/**
 * Defaults by kind: counts exact; bytes exact up to the baseline's rounding (1e-6); fractions within 0.0001
 * (0.01 points); hours within 0.1% or 0.001 h; latencies within 0.1% or 0.001 (ms or s); dollars within 0.1%
 * or $0.01.
 */
export const DEFAULT_TOLERANCES: Readonly<Record<MetricKind, Tolerance>> = {
  count: { rel: 0, abs: 0 },
  bytes: { rel: 1e-6, abs: 0 },
  fraction: { rel: 0, abs: 1e-4 },
  hours: { rel: 1e-3, abs: 1e-3 },
  latency: { rel: 1e-3, abs: 1e-3 },
  usd: { rel: 1e-3, abs: 0.01 },
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?`;
const PART = new RegExp(`^(${NUMBER})(%|abs)?$`, "i");

/**
 * Parses a tolerance value: `1%`, `0.01`, `0.005abs`, `1%+0.5abs`, `exact` (or a non-negative number).
 * @throws RegressError `invalid tolerance …` naming the text and the accepted forms.
 */
export function parseTolerance(text: string | number): Tolerance {
  if (typeof text === "number") {
    if (!(Number.isFinite(text) && text >= 0))
      throw new RegressError("REG_ERR_TOLERANCE", `invalid tolerance ${text}: expected ≥ 0`);
    return { rel: text, abs: 0 };
  }
  const t = text.trim();
  if (t.toLowerCase() === "exact") return { rel: 0, abs: 0 };
  let rel: number | undefined;
  let abs: number | undefined;
  for (const part of t.split("+")) {
    const m = PART.exec(part.trim());
    const kind = m?.[2]?.toLowerCase() === "abs" ? "abs" : "rel";
    if (m === null || (kind === "abs" ? abs : rel) !== undefined) {
      throw new RegressError(
        "REG_ERR_TOLERANCE",
        `invalid tolerance ${JSON.stringify(text)}: expected N% or a fraction (relative), Nabs (absolute), ` +
          "both joined by + (1%+0.5abs), or exact",
      );
    }
    const n = Number(m[1]) / (m[2] === "%" ? 100 : 1);
    if (kind === "abs") abs = n;
    else rel = n;
  }
  return { rel: rel ?? 0, abs: abs ?? 0 };
}

/** `{rel: 0.01, abs: 0.5}` → `1%+0.5abs`; `{0, 0}` → `exact`. Round-trips through `parseTolerance`. */
export function formatTolerance(t: Tolerance): string {
  const parts: string[] = [];
  if (t.rel > 0) parts.push(`${Number((t.rel * 100).toPrecision(6))}%`);
  if (t.abs > 0) parts.push(`${Number(t.abs.toPrecision(6))}abs`);
  return parts.length === 0 ? "exact" : parts.join("+");
}

/** Every `n`-segment suffix of the metric catalogue, with `*` for a job's name: candidates for suggestions. */
function suffixes(n: number): string[] {
  const out = new Set<string>();
  for (const t of METRIC_TEMPLATES) {
    if (t.length >= n) out.add(formatMetricPath(t.slice(t.length - n).map((s) => (s === JOB_NAME ? "*" : s))));
  }
  return [...out];
}

/**
 * A rule from `PATTERN` and a tolerance value.
 * @throws RegressError for a malformed pattern, a pattern that names no metric (`unknown metric "utilsation": did
 * you mean "utilisation"?`) or a bad value.
 */
export function toleranceRule(pattern: string, value: string | number, from: string): ToleranceRule {
  const segments = parseMetricPath(pattern.trim());
  const known = METRIC_TEMPLATES.some(
    (t) =>
      segments.length <= t.length &&
      segments.every((p, i) => {
        const s = t[t.length - segments.length + i]!;
        return p === "*" || s === JOB_NAME || p === s;
      }),
  );
  if (!known)
    throw new RegressError(
      "REG_ERR_TOLERANCE",
      unknownNameMessage("metric", pattern.trim(), suffixes(segments.length)),
    );
  return { pattern: pattern.trim(), segments, tolerance: parseTolerance(value), from };
}

/**
 * Parses `--tolerance` values: each `METRIC=TOL[,METRIC=TOL…]`; repeated flags add rules (later ones win ties).
 * @throws RegressError `invalid --tolerance …` for an entry without `=`, or the errors of `toleranceRule`.
 */
export function parseToleranceArgs(values: readonly string[], from = "--tolerance"): ToleranceRule[] {
  const rules: ToleranceRule[] = [];
  for (const value of values) {
    for (const entry of value.split(",")) {
      if (entry.trim() === "") continue;
      const eq = entry.indexOf("=");
      if (eq <= 0) {
        throw new RegressError(
          "REG_ERR_TOLERANCE",
          `invalid --tolerance ${JSON.stringify(entry)}: expected METRIC=TOLERANCE (e.g. au=0.005abs, cost.totalUsd=1%)`,
        );
      }
      rules.push(toleranceRule(entry.slice(0, eq), entry.slice(eq + 1), from));
    }
  }
  return rules;
}

const stars = (r: ToleranceRule): number => r.segments.filter((s) => s === "*").length;
const literals = (r: ToleranceRule): number => r.segments.length - stars(r);

/** The tolerance of `metric`: the highest layer with a matching rule, else the default of its kind. */
export function resolveTolerance(
  metric: Pick<Metric, "segments" | "kind">,
  layers: readonly (readonly ToleranceRule[])[],
): { tolerance: Tolerance; from: string } {
  for (let l = layers.length - 1; l >= 0; l--) {
    let best: ToleranceRule | undefined;
    for (const rule of layers[l]!) {
      if (!matchesMetric(rule.segments, metric.segments)) continue;
      const better =
        best === undefined ||
        literals(rule) > literals(best) ||
        (literals(rule) === literals(best) && stars(rule) <= stars(best));
      if (better) best = rule;
    }
    if (best !== undefined) return { tolerance: best.tolerance, from: `${best.from}: ${best.pattern}` };
  }
  return { tolerance: DEFAULT_TOLERANCES[metric.kind], from: `default (${metric.kind})` };
}
