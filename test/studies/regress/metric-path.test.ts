/**
 * Metric paths: dotted names that round-trip through their segments, and tolerance patterns matching their ends.
 */
import { describe, expect, test } from "vitest";
import { formatMetricPath, matchesMetric, parseMetricPath } from "../../../src/studies/regress/metric-path.ts";

describe("metric paths", () => {
  test.for([
    [["cost", "totalUsd"], "cost.totalUsd"],
    [["jobs", "llama-70b", "au"], "jobs.llama-70b.au"],
    [["jobs", "a.b", "au"], 'jobs["a.b"].au'],
    [["jobs", 'say "hi"', "au"], 'jobs["say \\"hi\\""].au'],
  ] as const)("%j ⇄ %s", ([segments, text]) => {
    expect(formatMetricPath(segments)).toBe(text);
    expect(parseMetricPath(text)).toEqual(segments);
  });

  test.for(["", ".au", "au.", "a..b", 'jobs["x].au', "jobs.a b.au"])("%j is not a path", (text) => {
    expect(() => parseMetricPath(text)).toThrow(/^invalid metric path/);
  });

  test.for([
    ["au", "jobs.j.au", true],
    ["jobs.*.au", "jobs.j.au", true],
    ["*", "utilisation", true],
    ["byCause.dataWait", "gpuHours.byCause.dataWait", true],
    ["utilisation", "jobs.j.utilisation", true],
    ["cost.utilisation", "jobs.j.utilisation", false],
    ["jobs.j.au", "au", false],
    ["jobs.*", "jobs.j.au", false],
  ] as const)("%s matches %s: %s", ([pattern, path, yes]) => {
    expect(matchesMetric(parseMetricPath(pattern), parseMetricPath(path))).toBe(yes);
  });
});
