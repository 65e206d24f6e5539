/**
 * GPU time by cause as horizontal stacked bars — one for the alternative and, when it holds several workloads,
 * one per job and serving workload — in GPU-hours or in USD. Rows come from `causeRows` (derive.ts).
 */
import * as Plot from "@observablehq/plot";
import type { CauseRow } from "../derive.ts";
import { formatNumber, formatUsd, usdTickFormat, usdTicks } from "../format.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";
import { causeColorScale } from "./causes.ts";

export interface GpuTimeByCauseOptions extends ChartOptions {
  unit: "hours" | "usd";
}

export function gpuTimeByCause(rows: readonly CauseRow[], options: GpuTimeByCauseOptions) {
  const groups = [...new Set(rows.map((r) => r.group))];
  const causes = [...new Set(rows.map((r) => r.cause))];
  const width = options.width ?? 640;
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group, (totals.get(r.group) ?? 0) + r.value);
  const fmt = options.unit === "usd" ? formatUsd : (x: number) => `${formatNumber(x, 2)} GPU-h`;
  return Plot.plot({
    ...baseOptions(options),
    height: 60 + groups.length * 34,
    marginLeft: Math.min(180, 16 + Math.max(...groups.map((g) => g.length), 4) * 6.5),
    x: {
      label: options.unit === "usd" ? "Cost (USD) →" : "GPU time (GPU-hours) →",
      grid: true,
      tickFormat: options.unit === "usd" ? usdTickFormat(Math.max(0, ...totals.values())) : undefined,
      ticks: usdTicks(width - 200),
    },
    y: { label: null, domain: groups },
    color: { ...causeColorScale(causes), legend: true },
    marks: [
      Plot.barX(rows, {
        x: "value",
        y: "group",
        fill: "label",
        order: causeColorScale(causes).domain,
        title: (d: CauseRow) => `${d.group}\n${d.label}: ${fmt(d.value)}`,
        tip: true,
      }),
      Plot.ruleX([0]),
    ],
  });
}
