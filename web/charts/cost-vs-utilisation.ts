/**
 * Compared alternatives as points: utilisation across, cost to finish up, each labelled to the right of its
 * point. Both axes fit the points rather than starting at zero, so that designs a few percent apart are told
 * apart; the cheap, busy designs sit at the bottom right.
 */
import * as Plot from "@observablehq/plot";
import type { ComparePoint } from "../derive.ts";
import { formatPercent, formatUsd, usdTickFormat } from "../format.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";

/** What the chart needs of a point. */
export type CostPoint = Pick<ComparePoint, "label" | "utilisation" | "totalUsd">;

export function costVsUtilisation(points: readonly CostPoint[], options: ChartOptions = {}) {
  const data = points.map((p) => ({ ...p, pct: p.utilisation * 100 }));
  const longest = Math.max(...data.map((d) => d.label.length), 0);
  const lo = Math.min(...data.map((d) => d.totalUsd));
  const hi = Math.max(...data.map((d) => d.totalUsd));
  return Plot.plot({
    ...baseOptions(options),
    height: 320,
    marginLeft: 80,
    marginRight: 30,
    x: {
      label: "Utilisation (%) →",
      grid: true,
      nice: true,
      insetLeft: 20,
      insetRight: Math.min(260, 24 + longest * 6.8),
    },
    y: {
      label: "↑ Cost to finish (USD)",
      grid: true,
      nice: true,
      inset: 24,
      tickFormat: usdTickFormat(hi),
      ticks: 6,
      // Alternatives that cost the same get a band around their cost, not a zero-height axis.
      ...(hi - lo <= 0.01 * hi ? { domain: [lo * 0.9, hi * 1.1] } : {}),
    },
    // The same colour per run as the idle-by-cause bars.
    color: { domain: data.map((d) => d.label), scheme: "tableau10" },
    marks: [
      Plot.dot(data, { x: "pct", y: "totalUsd", fill: "label", r: 6, stroke: "white" }),
      Plot.text(data, { x: "pct", y: "totalUsd", text: "label", dx: 10, textAnchor: "start", fontWeight: 600 }),
      Plot.tip(
        data,
        Plot.pointer({
          x: "pct",
          y: "totalUsd",
          title: (d: (typeof data)[number]) =>
            `${d.label}\nutilisation ${formatPercent(d.utilisation)}\ncost to finish ${formatUsd(d.totalUsd)}`,
        }),
      ),
    ],
  });
}
