/**
 * A serving workload's cold starts over wall time: one row per replica start, its start-up (volume attach,
 * image pull, init) and then its model load from storage as bars, so storage-bound loads stand out as long
 * blue bars. From the timeline's `startup` and `modelLoad` events (the first 1,000).
 */
import * as Plot from "@observablehq/plot";
import type { EventRow } from "../derive.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";
import { EVENT_COLOR, EVENT_LABEL } from "./causes.ts";

export interface ModelLoadsOptions extends ChartOptions {
  wallHours: number;
}

/** Each load with the start-up that ended where it began, numbered in start order. */
export function coldStartRows(events: readonly EventRow[]) {
  const loads = events.filter((e) => e.kind === "modelLoad").sort((a, b) => a.start - b.start);
  const startups = events.filter((e) => e.kind === "startup");
  return loads.flatMap((l, i) => {
    const s = startups.find((x) => Math.abs(x.end - l.start) < 1e-9);
    const n = `#${i + 1}`;
    return [...(s ? [{ ...s, n, label: EVENT_LABEL.startup }] : []), { ...l, n, label: EVENT_LABEL.modelLoad }];
  });
}

export function modelLoads(events: readonly EventRow[], options: ModelLoadsOptions) {
  const rows = coldStartRows(events);
  const n = new Set(rows.map((r) => r.n)).size;
  const seconds = (h: number) => `${(h * 3600).toFixed(1)} s`;
  return Plot.plot({
    ...baseOptions(options),
    height: 70 + Math.min(n, 40) * 14,
    marginLeft: 44,
    x: { label: "Wall time (hours) →", domain: [0, Math.max(options.wallHours, 1e-9)], grid: true },
    y: { label: "Cold start", domain: [...new Set(rows.map((r) => r.n))], axis: n > 40 ? null : "left" },
    color: {
      domain: [EVENT_LABEL.startup, EVENT_LABEL.modelLoad],
      range: [EVENT_COLOR.startup, EVENT_COLOR.modelLoad],
      legend: true,
    },
    marks: [
      Plot.barX(rows, {
        x1: "start",
        x2: (d: (typeof rows)[number]) => Math.max(d.end, d.start + options.wallHours / 2000),
        y: "n",
        fill: "label",
        insetTop: 1,
        insetBottom: 1,
        title: (d: (typeof rows)[number]) => `${d.job} cold start ${d.n}\n${d.label}: ${seconds(d.end - d.start)}`,
        tip: true,
      }),
      rows.length === 0 ? Plot.text(["no cold start in this run"], { frameAnchor: "middle" }) : null,
    ],
  });
}
