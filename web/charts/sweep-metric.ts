/**
 * One metric of a sweep against its first parameter: the first parameter across (a linear axis when its
 * values are numbers, an ordinal one in the sweep's order when they are text such as presets or `500MiB/s`),
 * the metric up, in its unit, and one coloured line per value of the other parameters (per combination when
 * there are several; and per alternative when the scenario has several — never their sum). Each point is a dot
 * with a tip naming all its values; with replications, a rule spans the 95% interval where the sweep reports one.
 */
import * as Plot from "@observablehq/plot";
import { formatHours, formatPercent, formatUsd, formatUsdTick } from "../format.ts";
import {
  hasAlternatives,
  isNumeric,
  sweepRowsOf,
  valueText,
  type AlternativeSummary,
  type SweepDocument,
} from "../sweep-doc.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";

export type SweepMetric = "utilisation" | "totalUsd" | "idlePerYearUsd" | "wallHours";

interface MetricSpec {
  /** For the picker and the card's title. */
  name: string;
  /** The y axis, with its unit. */
  axis: string;
  /** The value in the axis' unit, or null. */
  value: (s: AlternativeSummary) => number | null;
  /** The 95% half-width in the axis' unit, when the sweep reports one. */
  halfWidth: (s: AlternativeSummary) => number | null | undefined;
  /** The value for the tip, from the axis' unit. */
  format: (y: number) => string;
  tickFormat?: (y: number) => string;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? x : x * 100);

export const SWEEP_METRICS: Record<SweepMetric, MetricSpec> = {
  utilisation: {
    name: "Utilisation",
    axis: "↑ Utilisation (%)",
    value: (s) => pct(s.utilisation) ?? null,
    halfWidth: (s) => pct(s.halfWidth?.utilisation),
    format: (y) => formatPercent(y / 100),
  },
  totalUsd: {
    name: "Cost to finish",
    axis: "↑ Cost to finish (USD)",
    value: (s) => s.totalUsd,
    halfWidth: (s) => s.halfWidth?.totalUsd,
    format: formatUsd,
    tickFormat: formatUsdTick,
  },
  idlePerYearUsd: {
    name: "Idle GPU cost per year (if run all year)",
    axis: "↑ Idle GPU cost (USD/year, if run all year)",
    value: (s) => s.idlePerYearUsd,
    halfWidth: () => null,
    format: (y) => `${formatUsd(y)}/year`,
    tickFormat: formatUsdTick,
  },
  wallHours: {
    name: "Wall time",
    axis: "↑ Wall time (hours)",
    value: (s) => s.wallHours,
    halfWidth: (s) => s.halfWidth?.wallHours,
    format: formatHours,
  },
};

/** One dot: x (a number or a value's text), the series (the other parameters' values), y and its interval. */
export interface SweepRow {
  index: number;
  x: number | string;
  series: string;
  y: number;
  low: number | null;
  high: number | null;
  /** Every parameter as `path = value`, one a line, for the tip. */
  params: string;
}

/** The dots of `metric`, in the order of the first parameter's values; points without a value are left out. */
export function sweepRows(doc: SweepDocument, metric: SweepMetric): SweepRow[] {
  const spec = SWEEP_METRICS[metric];
  const [first, ...others] = doc.sweep.params;
  const numeric = isNumeric(first!.values);
  const order = new Map(first!.values.map((v, i) => [valueText(v), i]));
  const rows: SweepRow[] = [];
  const several = hasAlternatives(doc);
  for (const p of sweepRowsOf(doc)) {
    const y = spec.value(p.alternative);
    if (y === null || !Number.isFinite(y)) continue;
    const half = spec.halfWidth(p.alternative);
    const v = p.params[first!.path]!;
    const series = [
      ...(several ? [p.alternative.name] : []),
      ...others.map((o) => (others.length > 1 ? `${o.path}=` : "") + valueText(p.params[o.path]!)),
    ];
    rows.push({
      index: p.index,
      x: numeric ? (v as number) : valueText(v),
      series: series.join(", "),
      y,
      low: typeof half === "number" ? y - half : null,
      high: typeof half === "number" ? y + half : null,
      params: doc.sweep.params.map((o) => `${o.path} = ${valueText(p.params[o.path]!)}`).join("\n"),
    });
  }
  const position = (r: SweepRow) => (numeric ? (r.x as number) : (order.get(r.x as string) ?? 0));
  return rows.sort((a, b) => position(a) - position(b) || a.index - b.index);
}

export interface SweepMetricOptions extends ChartOptions {
  metric: SweepMetric;
}

export function sweepMetric(doc: SweepDocument, options: SweepMetricOptions) {
  const spec = SWEEP_METRICS[options.metric];
  const rows = sweepRows(doc, options.metric);
  const [first, ...others] = doc.sweep.params;
  const numeric = isNumeric(first!.values);
  const seriesDomain = [...new Set(rows.map((r) => r.series))];
  const coloured = others.length > 0 || hasAlternatives(doc);
  const colour = coloured ? "series" : undefined;
  const intervals = rows.filter((r) => r.low !== null && r.high !== null);
  return Plot.plot({
    ...baseOptions(options),
    height: 340,
    marginLeft: 80,
    marginBottom: 44,
    x: numeric
      ? { type: "linear", label: `${first!.path} →`, grid: true, nice: true, inset: 16 }
      : { type: "point", label: first!.path, domain: first!.values.map(valueText), padding: 0.4 },
    y: { label: spec.axis, grid: true, nice: true, inset: 12, tickFormat: spec.tickFormat },
    color: coloured
      ? {
          domain: seriesDomain,
          scheme: "tableau10",
          legend: true,
          label: [...(hasAlternatives(doc) ? ["alternative"] : []), ...others.map((o) => o.path)].join(", "),
        }
      : undefined,
    marks: [
      Plot.ruleX(intervals, { x: "x", y1: "low", y2: "high", stroke: colour ?? "#2f6db5", strokeOpacity: 0.6 }),
      Plot.line(rows, { x: "x", y: "y", z: colour, stroke: colour ?? "#2f6db5", strokeWidth: 2 }),
      Plot.dot(rows, { x: "x", y: "y", fill: colour ?? "#2f6db5", r: 4.5, stroke: "white" }),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "x",
          y: "y",
          title: (r: SweepRow) =>
            `point ${r.index}\n${r.params}\n${spec.name.toLowerCase()} ${spec.format(r.y)}` +
            (r.high !== null ? ` ± ${spec.format(r.high - r.y)}` : ""),
        }),
      ),
    ],
  });
}
