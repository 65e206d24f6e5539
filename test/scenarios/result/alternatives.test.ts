/**
 * Properties of the result document over every bundled scenario: no headline mixes alternatives (each
 * alternative is exactly what the scenario reduced to that one job, serving workload or design gives), and with
 * replications every interval lies in its quantity's range and contains the mean, and the headline utilisation is
 * the ratio of the mean causes (the number the causes table shows).
 */
import { describe, expect, test } from "vitest";
import { CAUSES } from "../../../src/models/gpu-time.ts";
import { bundledNames, loadScenario } from "../../../src/scenarios/bundled.ts";
import type { AlternativeResult, Interval } from "../../../src/scenarios/result/index.ts";
import { runScenario } from "../../../src/scenarios/run.ts";
import type { ScenarioConfig } from "../../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";

const load = async (name: string): Promise<ScenarioConfig> => validateScenario((await loadScenario(name)).data);

/** The scenario reduced to its alternative `i`. */
function only(s: ScenarioConfig, i: number): ScenarioConfig {
  if (s.cluster.pools !== undefined) return s.designs === undefined ? s : { ...s, designs: [s.designs[i]!] };
  return i < s.jobs.length
    ? { ...s, jobs: [s.jobs[i]!], inference: [] }
    : { ...s, jobs: [], inference: [s.inference[i - s.jobs.length]!] };
}

describe("no headline mixes alternatives", () => {
  test.for(bundledNames())("%s: each alternative is the scenario reduced to it", async (name) => {
    const s = await load(name);
    const whole = runScenario(s);
    expect(whole.alternatives.length).toBe(
      s.cluster.pools !== undefined ? (s.designs?.length ?? 1) : s.jobs.length + s.inference.length,
    );
    whole.alternatives.forEach((a, i) => {
      const alone = runScenario(only(s, i));
      expect(alone.alternatives).toHaveLength(1);
      expect(JSON.stringify(alone.alternatives[0])).toBe(JSON.stringify(a));
    });
    if (whole.alternatives.length > 1) {
      expect(whole.comparison.basis).not.toBe("single");
      expect(whole.comparison.verdict).toMatch(/\S/);
    } else expect(whole.comparison.basis).toBe("single");
  });
});

/** The range of each interval of an alternative. */
function intervals(a: AlternativeResult): [string, Interval, number, number][] {
  const c = a.confidence!;
  const out: [string, Interval, number, number][] = [
    ["utilisation", c.utilisation, 0, 1],
    ["wallHours", c.wallHours, 0, Infinity],
    ["gpuHours", c.gpuHours, 0, Infinity],
    ["totalUsd", c.totalUsd, 0, Infinity],
  ];
  for (const j of a.jobs) {
    const k = j.confidence!;
    out.push(
      [`${j.name}.au`, k.au, 0, 1],
      [`${j.name}.utilisation`, k.utilisation, 0, 1],
      [`${j.name}.completionHours`, k.completionHours, 0, Infinity],
      [`${j.name}.failures`, k.failures, 0, Infinity],
    );
  }
  return out;
}

describe("replications", () => {
  test.for(bundledNames())("%s: every interval lies in its quantity's range and holds the mean", async (name) => {
    const r = runScenario(await load(name), { replications: 3 });
    expect(r.definitions.interval).toMatch(/bootstrap percentile/);
    for (const a of r.alternatives) {
      for (const [what, i, lo, hi] of intervals(a)) {
        expect(i.low, what).toBeGreaterThanOrEqual(lo);
        expect(i.high, what).toBeLessThanOrEqual(hi);
        expect(i.low, what).toBeLessThanOrEqual(i.mean + 1e-12);
        expect(i.mean, what).toBeLessThanOrEqual(i.high + 1e-12);
      }
      const total = CAUSES.reduce((x, c) => x + a.gpuHours.byCause[c], 0);
      if (total > 0) expect(a.utilisation).toBeCloseTo(a.gpuHours.byCause.compute / total, 12);
      expect(a.confidence!.utilisation.mean).toBeCloseTo(a.utilisation, 12);
    }
  });
});
