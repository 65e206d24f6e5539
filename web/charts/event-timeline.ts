/**
 * The checkpoint and failure timeline: one row per job, a bar from each event's start to its end
 * (start-up, checkpoint write, recovery) and a tick at each start so that events too short to see as a
 * bar (a failure is instantaneous) still show.
 */
import * as Plot from "@observablehq/plot";
import type { EventRow } from "../derive.ts";
import { baseOptions, type ChartOptions } from "./chart-options.ts";
import { EVENT_COLOR, EVENT_KINDS, EVENT_LABEL } from "./causes.ts";

export interface EventTimelineOptions extends ChartOptions {
  /** Every job, so those without events get a row too. */
  jobs: readonly string[];
  /** The x axis ends here (the run's wall hours). */
  wallHours: number;
}

export function eventTimeline(events: readonly EventRow[], options: EventTimelineOptions) {
  const rows = events.map((e) => ({ ...e, label: EVENT_LABEL[e.kind] }));
  const longest = Math.max(...options.jobs.map((j) => j.length), 4);
  return Plot.plot({
    ...baseOptions(options),
    height: 70 + options.jobs.length * 30,
    marginLeft: Math.min(190, 16 + longest * 6.5),
    x: { label: "Wall time (hours) →", domain: [0, Math.max(options.wallHours, 1e-9)], grid: true },
    y: { label: null, domain: options.jobs },
    color: {
      domain: EVENT_KINDS.map((k) => EVENT_LABEL[k]),
      range: EVENT_KINDS.map((k) => EVENT_COLOR[k]),
      legend: true,
    },
    marks: [
      Plot.barX(rows, { x1: "start", x2: "end", y: "job", fill: "label", insetTop: 4, insetBottom: 4 }),
      Plot.tickX(rows, {
        x: "start",
        y: "job",
        stroke: "label",
        strokeWidth: (d: EventRow) => (d.kind === "failure" ? 2 : 1),
        title: (d: EventRow & { label: string }) =>
          `${d.job}\n${d.label}: ${d.start.toFixed(2)}–${d.end.toFixed(2)} h (${((d.end - d.start) * 60).toFixed(1)} min)`,
        tip: true,
      }),
      rows.length === 0 ? Plot.text(["no checkpoint, failure or start-up events"], { frameAnchor: "middle" }) : null,
    ],
  });
}
