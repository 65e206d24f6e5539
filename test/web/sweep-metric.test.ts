/**
 * The sweep chart in jsdom: a dot and a tip per point, a line per value of the second parameter, the metric's
 * unit on the y axis, an ordinal x axis in the sweep's order for text values and a linear one for numbers,
 * and 95% intervals when the sweep was replicated.
 */
import { JSDOM } from "jsdom";
import { describe, expect, test } from "vitest";
import { SWEEP_METRICS, sweepMetric, sweepRows, type SweepMetric } from "../../web/charts/sweep-metric.ts";
import { chartSvg } from "../../web/download.ts";
import { sampleSweep } from "./sweep-fixtures.ts";

const { document } = new JSDOM("<!doctype html><html><body></body></html>").window;
const opts = { document, width: 640 };

const axisLabels = (el: Element): string[] =>
  [...el.querySelectorAll('[aria-label$="axis label"] text')].map((t) => t.textContent ?? "");
const marks = (el: Element, label: string, shape: string) =>
  el.querySelectorAll(`svg [aria-label="${label}"] ${shape}`).length;
const xTicks = (el: Element) =>
  [...el.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);

describe("sweepMetric", () => {
  test("draws a dot per point and a line per value of the second parameter, with a legend", () => {
    const el = sweepMetric(sampleSweep(), { ...opts, metric: "utilisation" });
    expect(marks(el, "dot", "circle")).toBe(6);
    expect(marks(el, "line", "path")).toBe(3);
    expect(el.querySelectorAll('[class$="-swatch"]').length).toBe(3);
    expect(el.querySelector('[aria-label="tip"]')).not.toBeNull();
  });

  test("text values of the first parameter make an ordinal x axis in the sweep's order", () => {
    const el = sweepMetric(sampleSweep(), { ...opts, metric: "utilisation" });
    expect(xTicks(el)).toEqual(["ebs-gp3", "ebs-io2"]);
    expect(axisLabels(el).sort()).toEqual(["storage.imagenet.preset", "↑ Utilisation (%)"]);
  });

  test("numeric values of the first parameter make a linear x axis", () => {
    const el = sweepMetric(sampleSweep({ workersFirst: true }), { ...opts, metric: "wallHours" });
    expect(xTicks(el).length).toBeGreaterThan(3); // ticks between the values, not one per value
    expect(marks(el, "line", "path")).toBe(2);
    expect(axisLabels(el).sort()).toEqual(["jobs[0].data.workers →", "↑ Wall time (hours)"]);
  });

  test.for([
    ["totalUsd", "↑ Cost to finish (USD)"],
    ["idlePerYearUsd", "↑ Idle GPU cost (USD/year, if run all year)"],
  ] as [SweepMetric, string][])("%s has its unit on the y axis", ([metric, label]) => {
    const el = sweepMetric(sampleSweep(), { ...opts, metric });
    expect(axisLabels(el)).toContain(label);
    expect(marks(el, "dot", "circle")).toBe(6);
  });

  test("rows hold the metric in the axis' unit, and intervals come with replications", () => {
    const rows = sweepRows(sampleSweep(), "utilisation");
    expect(rows[0]).toMatchObject({ x: "ebs-gp3", series: "2", low: null, high: null });
    expect(rows[0]!.y).toBeCloseTo(50, 9); // 0.5 as a percentage
    const replicated = sampleSweep({ replications: 5 });
    const el = sweepMetric(replicated, { ...opts, metric: "utilisation" });
    expect(marks(el, "rule", "line")).toBe(6);
    expect(sweepRows(replicated, "idlePerYearUsd").every((r) => r.low === null)).toBe(true);
    expect(SWEEP_METRICS.utilisation.format(98.25)).toBe("98.3%");
  });

  test("a one-parameter sweep draws one line without a legend", () => {
    const doc = sampleSweep();
    doc.sweep.params = doc.sweep.params.slice(0, 1);
    doc.points = doc.points.filter((p) => p.params["jobs[0].data.workers"] === 2);
    const el = sweepMetric(doc, { ...opts, metric: "totalUsd" });
    expect(marks(el, "dot", "circle")).toBe(2);
    expect(marks(el, "line", "path")).toBe(1);
    expect(chartSvg(el).tagName.toLowerCase()).toBe("svg");
  });

  test("points without a value are left out", () => {
    const doc = sampleSweep();
    doc.points[0]!.summary.alternatives[0]!.utilisation = null;
    expect(sweepRows(doc, "utilisation")).toHaveLength(5);
  });
});
