/**
 * Numbers in regression reports (text and JUnit): compact, with up to 6 significant digits, signed for
 * differences, and `—` for an absent side.
 */
import type { MetricComparison } from "./compare.ts";
import { formatTolerance } from "./tolerance.ts";

/** `0.812345`, `43008`, `1.23457e+15`; `null` (non-finite) → `n/a`; absent → `—`. */
export function formatValue(x: number | null | undefined): string {
  if (x === undefined) return "—";
  if (x === null) return "n/a";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e9 || a < 1e-4) return x.toExponential(5).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(6)));
}

/** A difference with its sign: `+0.0123`, `−5.6` (a true minus sign), `0`. */
export function formatDelta(x: number | undefined): string {
  if (x === undefined) return "—";
  if (x === 0) return "0";
  const s = formatValue(Math.abs(x));
  return x > 0 ? `+${s}` : `−${s}`;
}

/** A relative difference in percent: `+1.23%`, `−0.05%`; from a zero baseline `new`; absent `—`. */
export function formatPercent(x: number | null | undefined): string {
  if (x === undefined) return "—";
  if (x === null) return "from 0";
  if (x === 0) return "0%";
  const p = Math.abs(x * 100);
  const s = p >= 100 ? p.toFixed(0) : p >= 1 ? p.toFixed(2) : Number(p.toPrecision(2)).toString();
  return `${x > 0 ? "+" : "−"}${s}%`;
}

/** One line about a metric's move: `0.8 → 0.75 (Δ −0.05, −6.25%; tolerance 0.01abs; higher is better)`. */
export function describeMove(m: MetricComparison): string {
  if (m.status === "new") return `new metric, not in the baseline: ${formatValue(m.new)}`;
  if (m.status === "missing") return `in the baseline (${formatValue(m.old)}) but not in this run`;
  const better = m.better === "none" || m.better === undefined ? "no better direction" : `${m.better} is better`;
  const tol = m.tolerance === undefined ? "" : `; tolerance ${formatTolerance(m.tolerance)}`;
  return (
    `${formatValue(m.old)} → ${formatValue(m.new)} (Δ ${formatDelta(m.delta)}, ${formatPercent(m.relDelta)}` +
    `${tol}; ${better})`
  );
}
