/**
 * Each chart function of web/charts renders an SVG with its marks for sample data, and every axis label
 * names its unit. Plot draws into a jsdom document; a few normalised SVG snapshots pin the output.
 */
import { JSDOM } from "jsdom";
import { describe, expect, test } from "vitest";
import { costVsUtilisation } from "../../web/charts/cost-vs-utilisation.ts";
import { eventTimeline } from "../../web/charts/event-timeline.ts";
import { gpuTimeByCause } from "../../web/charts/gpu-time-by-cause.ts";
import { idleByCause } from "../../web/charts/idle-by-cause.ts";
import { storageThroughput } from "../../web/charts/storage-throughput.ts";
import { utilisationOverTime } from "../../web/charts/utilisation-over-time.ts";
import { causeRows, comparePoints, eventRows, idleRows, throughputRows, utilisationSeries } from "../../web/derive.ts";
import { modelLoads } from "../../web/charts/model-loads.ts";
import { ttftHistogram } from "../../web/charts/ttft-histogram.ts";
import { sampleAlternative, sampleCompare, servingAlternative } from "./fixtures.ts";
import { normaliseSvg } from "./normalise-svg.ts";
import { chartSvg as svgOf, standaloneSvg } from "../../web/download.ts";

const { document } = new JSDOM("<!doctype html><html><body></body></html>").window;
const opts = { document, width: 640 };

/** The text of the axis labels (Plot marks them with aria-label="… axis label"). */
const axisLabels = (el: Element): string[] =>
  [...el.querySelectorAll('[aria-label$="axis label"] text')].map((t) => t.textContent ?? "");

const marks = (el: Element, label: string, shape: string) =>
  el.querySelectorAll(`svg [aria-label="${label}"] ${shape}`).length;

const result = sampleAlternative();
const timeline = result.timeline;

describe("gpuTimeByCause", () => {
  test.for([
    { unit: "hours", label: "GPU time (GPU-hours) →" },
    { unit: "usd", label: "Cost (USD) →" },
  ] as const)("draws one stacked bar for the alternative and one per job, in $unit", ({ unit, label }) => {
    const rows = causeRows(result, unit);
    expect([...new Set(rows.map((r) => r.group))]).toEqual(["All of cluster", "a", "b"]);
    const causes = [...new Set(rows.map((r) => r.cause))];
    expect(causes).toContain("unallocated"); // the cluster's third node is free once job b ends
    const el = gpuTimeByCause(rows, { ...opts, unit });
    expect(marks(el, "bar", "rect")).toBe(3 * causes.length);
    expect(axisLabels(el)).toEqual([label]);
    expect(el.querySelectorAll('[class$="-swatch"]').length).toBe(causes.length);
  });

  test("the stacked $ add up to the GPU bill, cause by cause", () => {
    const rows = causeRows(result, "usd").filter((r) => r.group === "All of cluster");
    expect(rows.reduce((s, r) => s + r.value, 0)).toBeCloseTo(result.cost.gpuUsd, 9);
    expect(rows.find((r) => r.cause === "dataWait")?.value).toBe(result.cost.gpuUsdByCause.dataWait);
  });

  test("matches its snapshot", () => {
    const el = gpuTimeByCause(causeRows(result, "hours"), { ...opts, unit: "hours" });
    expect(normaliseSvg(svgOf(el).outerHTML)).toMatchSnapshot();
  });
});

describe("utilisationOverTime", () => {
  test("draws the utilisation as an area and a line, in %, against hours", () => {
    const el = utilisationOverTime(utilisationSeries(timeline), { ...opts, mean: result.utilisation });
    expect(marks(el, "area", "path")).toBe(1);
    expect(marks(el, "line", "path")).toBe(1);
    expect(axisLabels(el).sort()).toEqual(["Wall time (hours) →", "↑ Utilisation (%)"]);
    expect(el.textContent).toContain(`mean ${(100 * result.utilisation).toFixed(1)}%`);
  });

  test("matches its snapshot", () => {
    const el = utilisationOverTime(utilisationSeries(timeline), { ...opts, mean: 0.5 });
    expect(normaliseSvg(svgOf(el).outerHTML)).toMatchSnapshot();
  });
});

describe("eventTimeline", () => {
  test("draws a bar and a tick per event, a row per job", () => {
    const jobs = result.jobs.map((j) => j.name);
    const events = eventRows(timeline);
    expect(events.some((e) => e.kind === "checkpoint")).toBe(true);
    const el = eventTimeline(events, { ...opts, jobs, wallHours: result.wallHours });
    expect(marks(el, "bar", "rect")).toBe(events.length);
    expect(marks(el, "tick", "line")).toBe(events.length);
    expect(axisLabels(el)).toEqual(["Wall time (hours) →"]);
    const ticks = [...el.querySelectorAll('[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(jobs);
  });

  test("says so when there are no events", () => {
    const el = eventTimeline([], { ...opts, jobs: ["a"], wallHours: 2 });
    expect(el.textContent).toContain("no checkpoint, failure or start-up events");
  });
});

describe("storageThroughput", () => {
  test("draws read and write per binding, one panel each, in GB/s when the peak is above 2 GB/s", () => {
    const el = storageThroughput(throughputRows(timeline), opts);
    expect(marks(el, "line", "path")).toBe(4);
    expect(axisLabels(el)).toContain("↑ Throughput (GB/s)");
    expect(axisLabels(el)).toContain("Wall time (hours) →");
  });

  test("uses MB/s for slower storage", () => {
    const thousandth = (xs: number[]) => xs.map((x) => x / 1000);
    const slow = {
      ...timeline,
      storage: timeline.storage.map((s) => ({
        ...s,
        readBytesPerSecond: thousandth(s.readBytesPerSecond),
        writeBytesPerSecond: thousandth(s.writeBytesPerSecond),
      })),
    };
    expect(axisLabels(storageThroughput(throughputRows(slow), opts))).toContain("↑ Throughput (MB/s)");
  });
});

describe("serving charts", () => {
  test("the TTFT histogram counts every served request, on a log axis, with p50/p95/p99 marked", async () => {
    const w = (await servingAlternative()).inference[0]!;
    expect(w.ttftHistogram.counts.reduce((a, b) => a + b, 0)).toBe(w.requests.served);
    const el = ttftHistogram(w, opts);
    expect(marks(el, "rect", "rect")).toBe(w.ttftHistogram.counts.length);
    expect(axisLabels(el).sort()).toEqual(["Time to first token (seconds, log scale) →", "↑ Requests"]);
    expect(el.textContent).toMatch(/p50 .*p95 .*p99/s);
  });

  test("cold starts: a start-up and a model-load bar per replica start, with its duration in the tip", async () => {
    const a = await servingAlternative();
    const events = eventRows(a.timeline);
    const loads = events.filter((e) => e.kind === "modelLoad");
    expect(loads).toHaveLength(a.inference[0]!.coldStarts);
    const el = modelLoads(events, { ...opts, wallHours: a.wallHours });
    expect(marks(el, "bar", "rect")).toBe(events.filter((e) => e.kind === "modelLoad" || e.kind === "startup").length);
    expect(axisLabels(el)).toContain("Wall time (hours) →");
  });
});

describe("compare charts", () => {
  const points = comparePoints(sampleCompare());

  test("entries keep the server's labels (what differs) and whole ids", () => {
    expect(points.map((p) => p.label)).toEqual(sampleCompare().map((r) => r.label));
    expect(points.map((p) => p.id)).toEqual(["r00000001", "r00000002", "r00000003"]);
  });

  test("costVsUtilisation draws a labelled dot per run", () => {
    const el = costVsUtilisation(points, opts);
    expect(marks(el, "dot", "circle")).toBe(3);
    expect([...el.querySelectorAll('[aria-label="text"] text')].map((t) => t.textContent)).toEqual(
      points.map((p) => p.label),
    );
    expect(axisLabels(el).sort()).toEqual(["Utilisation (%) →", "↑ Cost to finish (USD)"]);
  });

  test("idleByCause draws a bar per run and idle cause with time", () => {
    const rows = idleRows(points);
    expect([...new Set(rows.map((r) => r.cause))]).toEqual([
      "dataWait",
      "checkpointWait",
      "recovery",
      "lostWork",
      "idle",
    ]);
    const el = idleByCause(rows, opts);
    expect(marks(el, "bar", "rect")).toBe(15);
    expect(axisLabels(el)).toContain("↑ Idle GPU time (GPU-hours)");
  });

  test("costVsUtilisation matches its snapshot", () => {
    expect(normaliseSvg(svgOf(costVsUtilisation(points, opts)).outerHTML)).toMatchSnapshot();
  });
});

describe("standaloneSvg", () => {
  test("puts the title and the legend into one SVG document above the chart", () => {
    const el = gpuTimeByCause(causeRows(result, "hours"), { ...opts, unit: "hours" });
    const svg = standaloneSvg(el, "GPU time by cause");
    const parsed = new JSDOM(svg, { contentType: "image/svg+xml" }).window.document;
    const root = parsed.documentElement;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const texts = [...root.children].filter((c) => c.tagName === "text").map((t) => t.textContent);
    const causes = [...new Set(causeRows(result, "hours").map((r) => r.label))];
    expect(texts).toEqual(["GPU time by cause", ...causes]);
    expect(root.querySelectorAll('[aria-label="bar"] rect').length).toBe(3 * causes.length);
    expect(Number(root.getAttribute("height"))).toBeGreaterThan(Number(svgOf(el).getAttribute("height")));
  });
});
