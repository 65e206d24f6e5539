/**
 * The bundled scenarios against their golden numbers (STYLE.md §14): `stallsim regress test/golden` must pass
 * against test/golden/baseline.json. On a mismatch the numbers of this run are written beside it as
 * `baseline-changed.json` (git-ignored) and the failure shows what moved; if the change is intended, record it
 * with `npm run golden:update`. The same run's full results are checked for consistency (the causes sum to
 * the total, the costs add up, AU within (0, 1], a diagnosis), so the scenarios are simulated once.
 */
import { existsSync, rmSync } from "node:fs";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { bundledNames } from "../../src/scenarios/bundled.ts";
import { CAUSES, IDLE_CAUSES } from "../../src/models/gpu-time.ts";
import type { ScenarioResult } from "../../src/scenarios/result/index.ts";
import type { ScenarioBatchRunner } from "../../src/studies/regress/runner.ts";
import { cli } from "../helpers/regress-suite.ts";

const SUITE = "test/golden";
const BASELINE = "test/golden/baseline.json";
const CHANGED = "test/golden/baseline-changed.json";

// Keep the full results the CLI's runner produced, to check them beyond the baseline's metrics. One thread:
// worker threads give identical results (test/studies/regress/runner.test.ts) but start slowly under vitest.
const captured = vi.hoisted(() => new Map<string, ScenarioResult>());
vi.mock("../../src/cli/regress-runner.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/cli/regress-runner.ts")>();
  return {
    defaultSuiteRunner: async (): Promise<ScenarioBatchRunner> => {
      const runner = await real.defaultSuiteRunner(1);
      return async (requests) => {
        const results = await runner(requests);
        for (const r of results) captured.set(r.scenario, r);
        return results;
      };
    },
  };
});

let run: Awaited<ReturnType<typeof cli>>;
beforeAll(async () => {
  run = await cli("regress", SUITE, "--baseline", BASELINE);
}, 60_000);

describe("golden outputs of the bundled scenarios", () => {
  test("stallsim regress test/golden passes against its baseline", async () => {
    if (run.status === 0) {
      if (existsSync(CHANGED)) rmSync(CHANGED);
      return;
    }
    const changed = await cli("regress", SUITE, "--baseline", CHANGED, "--update");
    const hint = changed.status === 0 ? `This run's numbers are in ${CHANGED}; ` : "";
    expect.fail(
      `${run.out}${run.err}\n${hint}if the change is intended, record it with: npm run golden:update ` +
        `(stallsim regress ${SUITE} --baseline ${BASELINE} --update)`,
    );
  });

  test.for(bundledNames())("%s gives a consistent result, per alternative", (name) => {
    const r = captured.get(name);
    expect(r, `${name} was not run by the golden suite`).toBeDefined();
    if (r === undefined) return;
    expect(r.alternatives.length).toBeGreaterThan(0);
    expect(new Set(r.alternatives.map((a) => a.name)).size).toBe(r.alternatives.length);
    for (const a of r.alternatives) {
      const sum = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0);
      const causes = sum(CAUSES.map((c) => a.gpuHours.byCause[c]));
      expect(Math.abs(causes - a.gpuHours.total)).toBeLessThanOrEqual(1e-9 * a.gpuHours.total + 1e-9);
      expect(a.gpuHours.total).toBeCloseTo(a.gpus * a.wallHours, 6);
      if (a.gpuHours.total > 0) expect(a.utilisation).toBeCloseTo(a.gpuHours.byCause.compute / a.gpuHours.total, 12);
      expect(a.cost.totalUsd).toBeCloseTo(a.cost.gpuUsd + a.cost.storageUsd + a.cost.egressUsd, 6);
      expect(a.cost.gpuUsd).toBeCloseTo(sum(CAUSES.map((c) => a.cost.gpuUsdByCause[c])), 6);
      expect(a.cost.idleUsd).toBeCloseTo(sum(IDLE_CAUSES.map((c) => a.cost.gpuUsdByCause[c])), 6);
      expect(a.cost.storageUsd).toBeCloseTo(sum(a.storage.map((s) => s.usd)), 6);
      expect(a.jobs.length + a.inference.length).toBeGreaterThan(0);
      for (const w of a.inference) {
        const serving = sum(CAUSES.map((c) => w.gpuHours.byCause[c]));
        expect(Math.abs(serving - w.gpuHours.total)).toBeLessThanOrEqual(1e-9 * w.gpuHours.total);
        expect(w.ttftMs.p50).toBeLessThanOrEqual(w.ttftMs.p95);
        expect(w.ttftMs.p95).toBeLessThanOrEqual(w.ttftMs.p99);
        expect(w.requests.served).toBeGreaterThan(0);
        expect(sum(w.ttftHistogram.counts)).toBe(w.requests.served);
      }
      for (const j of a.jobs) {
        expect(j.completionHours).toBeGreaterThan(0);
        expect(j.au).toBeGreaterThan(0);
        expect(j.au).toBeLessThanOrEqual(1 + 1e-9);
      }
      expect(a.diagnosis.length).toBeGreaterThan(0);
    }
  });
});
