/**
 * Idle GPU-hours by cause for several compared entries: one group of bars per cause that any entry has, one bar
 * per entry. Rows come from `idleRows` (derive.ts).
 */
import * as Plot from "@observablehq/plot";
import type { CauseRow } from "../derive.ts";
import { formatNumber } from "../format.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";
import { CAUSE_LABEL, IDLE_CAUSES } from "./causes.ts";

export function idleByCause(rows: readonly CauseRow[], options: ChartOptions = {}) {
  const runs = [...new Set(rows.map((r) => r.group))];
  return Plot.plot({
    ...baseOptions(options),
    height: 300,
    marginLeft: 60,
    x: { axis: null, domain: runs, paddingInner: 0.1 },
    fx: {
      label: null,
      domain: IDLE_CAUSES.filter((c) => rows.some((r) => r.cause === c)).map((c) => CAUSE_LABEL[c]),
      padding: 0.15,
    },
    y: { label: "↑ Idle GPU time (GPU-hours)", grid: true, nice: true },
    color: { domain: runs, scheme: "tableau10", legend: true },
    marks: [
      Plot.barY(rows, {
        fx: "label",
        x: "group",
        y: "value",
        fill: "group",
        title: (d: CauseRow) => `${d.group}\n${d.label}: ${formatNumber(d.value, 2)} GPU-h`,
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}
