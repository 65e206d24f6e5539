/**
 * Comparison semantics. A metric passes when it moved no more than its tolerance (tolerance.ts); a move
 * beyond it is a REGRESSION when the metric got worse, IMPROVED when it got better, and CHANGED when the
 * metric has no better direction. Every status but PASS fails the check (an improvement too: the baseline
 * then no longer describes the code, and `--update` records the new numbers). A metric in the run but not
 * in the baseline is NEW, one in the baseline but not in the run is MISSING; both fail.
 */
import type { Better, Metric, MetricKind } from "./metrics.ts";
import { resolveTolerance, type Tolerance, type ToleranceRule } from "./tolerance.ts";

/** The outcome for one metric. */
export type MetricStatus = "pass" | "regression" | "improved" | "changed" | "new" | "missing";

/** One metric of one scenario, baseline against run. Absent sides are `undefined`; `null` is non-finite. */
export interface MetricComparison {
  readonly path: string;
  readonly kind: MetricKind | undefined;
  readonly better: Better | undefined;
  readonly old: number | null | undefined;
  readonly new: number | null | undefined;
  /** new − old, when both are numbers. */
  readonly delta: number | undefined;
  /** (new − old) / |old|; `null` when old is 0 and new is not (an infinite relative move). */
  readonly relDelta: number | null | undefined;
  readonly tolerance: Tolerance | undefined;
  /** Where the tolerance came from: `default (hours)`, `suite.yaml: au`, `--tolerance: cost.totalUsd`. */
  readonly toleranceFrom: string | undefined;
  readonly status: MetricStatus;
}

/** Slack for the subtraction itself, so a move of exactly the tolerance passes (0.805 − 0.8 > 0.005 in floats). */
const SLACK = 1e-9;

/** Whether a move from `old` to `now` is within `t`: |Δ| ≤ max(abs, rel × |old|), with float slack. */
export function withinTolerance(old: number, now: number, t: Tolerance): boolean {
  const bound = Math.max(t.abs, t.rel * Math.abs(old));
  return Math.abs(now - old) <= bound * (1 + SLACK) + 1e-12 * Math.max(Math.abs(old), Math.abs(now));
}

/** The status of a move from `old` to `now` (both present) under `t`, given which direction is better. */
export function moveStatus(old: number | null, now: number | null, t: Tolerance, better: Better): MetricStatus {
  if (old === null || now === null) return old === now ? "pass" : "changed";
  if (withinTolerance(old, now, t)) return "pass";
  if (better === "none") return "changed";
  return now > old === (better === "higher") ? "improved" : "regression";
}

/**
 * Compares the run's metrics (values already rounded like the baseline's) with a baseline entry's, in the
 * run's order followed by baseline-only metrics. `layers` are tolerance rules, lowest precedence first.
 */
export function compareMetrics(
  baseline: Readonly<Record<string, number | null>> | undefined,
  run: readonly Metric[],
  layers: readonly (readonly ToleranceRule[])[],
): MetricComparison[] {
  const out: MetricComparison[] = [];
  const seen = new Set<string>();
  for (const m of run) {
    seen.add(m.path);
    const { tolerance, from } = resolveTolerance(m, layers);
    const has = baseline !== undefined && Object.hasOwn(baseline, m.path);
    const old = has ? baseline[m.path]! : undefined;
    const both = typeof old === "number" && typeof m.value === "number";
    const delta = both ? m.value! - old : undefined;
    out.push({
      path: m.path,
      kind: m.kind,
      better: m.better,
      old,
      new: m.value,
      delta,
      relDelta: both ? (old !== 0 ? delta! / Math.abs(old) : delta === 0 ? 0 : null) : undefined,
      tolerance,
      toleranceFrom: from,
      status: has ? moveStatus(old!, m.value, tolerance, m.better) : "new",
    });
  }
  for (const [path, old] of Object.entries(baseline ?? {})) {
    if (seen.has(path)) continue;
    out.push({
      path,
      kind: undefined,
      better: undefined,
      old,
      new: undefined,
      delta: undefined,
      relDelta: undefined,
      tolerance: undefined,
      toleranceFrom: undefined,
      status: "missing",
    });
  }
  return out;
}
