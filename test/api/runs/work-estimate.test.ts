/**
 * The API's work estimate is the scenarios layer's (`estimateScenarioWork`), job by job, and reads in messages
 * as units and as the time of one core they stand for.
 */
import { describe, expect, test } from "vitest";
import { estimateWork, formatCoreTime, formatUnits } from "../../../src/api/runs/work-estimate.ts";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { estimateScenarioWork } from "../../../src/scenarios/work.ts";

describe("estimateWork", () => {
  test.each(["checkpoint-vs-reads", "fleet-idle-spend"])("%s: estimateScenarioWork's units, per job", async (name) => {
    const config = validateScenario((await loadScenario(name)).data);
    for (const [fidelity, replications] of [
      ["auto", 1],
      ["bulk", 3],
    ] as const) {
      const w = estimateWork(config, fidelity, replications, new Map());
      const want = estimateScenarioWork(config, { fidelity, replications });
      expect(w).toEqual(want);
    }
  });

  test("per-step costs far more than bulk, and replications multiply", async () => {
    const config = validateScenario((await loadScenario("checkpoint-vs-reads")).data);
    const bulk = estimateWork(config, "bulk", 1, new Map()).units;
    expect(estimateWork(config, "per-step", 1, new Map()).units).toBeGreaterThan(100 * bulk);
    expect(estimateWork(config, "bulk", 4, new Map()).units).toBe(4 * bulk);
  });
});

test.each([
  [999, "999"],
  [6400, "6.4K"],
  [6e8, "600M"],
  [1.06e12, "1.1T"],
])("formatUnits(%d) = %s", (units, text) => {
  expect(formatUnits(units)).toBe(text);
});

test.each([
  [2.5e6, "≈ 2.5 s"],
  [4.2e7, "≈ 42 s"],
  [6e8, "≈ 10 min"],
  [1.15e10, "≈ 3.2 h"],
  [1e12, "≈ 11.6 days"],
  [Infinity, "forever"],
])("formatCoreTime(%d) = %s", (units, text) => {
  expect(formatCoreTime(units)).toBe(text);
});
