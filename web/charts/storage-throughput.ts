/**
 * Storage throughput over wall-clock time: read and write per binding (one panel per binding), in MB/s
 * or GB/s, whichever fits the peak.
 */
import * as Plot from "@observablehq/plot";
import type { ThroughputRow } from "../derive.ts";
import { throughputUnit } from "../format.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";

export function storageThroughput(rows: readonly ThroughputRow[], options: ChartOptions = {}) {
  const unit = throughputUnit(Math.max(0, ...rows.map((r) => r.bytesPerSecond)));
  const data = rows.map((r) => ({ ...r, value: r.bytesPerSecond / unit.divisor }));
  const bindings = [...new Set(rows.map((r) => r.binding))];
  return Plot.plot({
    ...baseOptions(options),
    height: bindings.length > 1 ? 40 + bindings.length * 150 : 220,
    marginRight: bindings.length > 1 ? 90 : 20,
    x: { label: "Wall time (hours) →", grid: true },
    y: { label: `↑ Throughput (${unit.label})`, grid: true, nice: true },
    fy: { label: null, domain: bindings, axis: bindings.length > 1 ? "right" : null },
    color: { domain: ["read", "write"], range: ["#2f6db5", "#e07b39"], legend: true },
    marks: [
      Plot.lineY(data, {
        x: "t",
        y: "value",
        fy: "binding",
        stroke: "direction",
        curve: "step-after",
        strokeWidth: 1.5,
      }),
      Plot.ruleY([0]),
      Plot.tip(
        data,
        Plot.pointerX({
          x: "t",
          y: "value",
          fy: "binding",
          stroke: "direction",
          title: (d: (typeof data)[number]) =>
            `${d.binding} ${d.direction}\n${d.t.toFixed(2)} h: ${d.value.toFixed(1)} ${unit.label}`,
        }),
      ),
    ],
  });
}
