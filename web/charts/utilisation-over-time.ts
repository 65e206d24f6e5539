/**
 * Utilisation (compute / allocated GPU time) over wall-clock time, as a stepped area per timeline bin,
 * with the run's mean as a dashed rule.
 */
import * as Plot from "@observablehq/plot";
import type { SeriesPoint } from "../derive.ts";
import { formatPercent } from "../format.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";
import { CAUSE_COLOR } from "./causes.ts";

export interface UtilisationOptions extends ChartOptions {
  /** The run's overall utilisation (0–1), drawn as a rule; omitted when undefined. */
  mean?: number;
}

export function utilisationOverTime(points: readonly SeriesPoint[], options: UtilisationOptions = {}) {
  const pct = points.map((p) => ({ t: p.t, pct: p.value * 100 }));
  return Plot.plot({
    ...baseOptions(options),
    height: 220,
    x: { label: "Wall time (hours) →", grid: true },
    y: { label: "↑ Utilisation (%)", domain: [0, 100], grid: true },
    marks: [
      Plot.areaY(pct, { x: "t", y: "pct", curve: "step-after", fill: CAUSE_COLOR.compute, fillOpacity: 0.25 }),
      Plot.lineY(pct, { x: "t", y: "pct", curve: "step-after", stroke: CAUSE_COLOR.compute, strokeWidth: 1.5 }),
      options.mean === undefined
        ? null
        : Plot.ruleY([options.mean * 100], { stroke: "#333", strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      options.mean === undefined
        ? null
        : Plot.text([options.mean * 100], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: -4,
            // Below the rule when the area would cover the label above it.
            dy: options.mean > 0.8 ? 9 : -7,
            text: () => `mean ${formatPercent(options.mean!)}`,
            fill: "#333",
          }),
      Plot.ruleY([0]),
      Plot.tip(pct, Plot.pointerX({ x: "t", y: "pct", title: (d) => `${d.t.toFixed(2)} h: ${d.pct.toFixed(1)}%` })),
    ],
  });
}
