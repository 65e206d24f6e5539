/**
 * Time to first token of a serving workload's requests as a histogram on a log time axis (the result's
 * `ttftHistogram`: prefill of a fraction of a second and cold-start waits of minutes fit on one axis), with
 * the p50, p95 and p99 marked as dashed rules and given in the caption.
 */
import * as Plot from "@observablehq/plot";
import { latencyText } from "../format.ts";
import type { InferenceResult } from "../types.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";

export function ttftHistogram(w: InferenceResult, options: ChartOptions = {}) {
  const { edgesMs, counts } = w.ttftHistogram;
  const bins = counts.map((count, i) => ({ x1: edgesMs[i]! / 1e3, x2: edgesMs[i + 1]! / 1e3, count }));
  const marks = [
    { name: "p50", s: w.ttftMs.p50 / 1e3 },
    { name: "p95", s: w.ttftMs.p95 / 1e3 },
    { name: "p99", s: w.ttftMs.p99 / 1e3 },
  ];
  return Plot.plot({
    ...baseOptions(options),
    height: 240,
    caption: `Dashed: ${marks.map((m) => `${m.name} ${latencyText(m.s * 1e3)}`).join(" · ")}`,
    marginLeft: 56,
    x: { type: "log", label: "Time to first token (seconds, log scale) →", grid: true },
    y: { label: "↑ Requests", grid: true, nice: true },
    marks: [
      Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: "#2f8fb5", fillOpacity: 0.8, inset: 0.5 }),
      Plot.ruleX(marks, {
        x: "s",
        stroke: "#333",
        strokeDasharray: "4,3",
        title: (d: (typeof marks)[number]) => `${d.name} ${latencyText(d.s * 1e3)}`,
      }),
      Plot.ruleY([0]),
      Plot.tip(
        bins,
        Plot.pointerX({
          x1: "x1",
          x2: "x2",
          y: "count",
          title: (d: (typeof bins)[number]) =>
            `${latencyText(d.x1 * 1e3)}–${latencyText(d.x2 * 1e3)}: ${d.count} requests`,
        }),
      ),
    ],
  });
}
