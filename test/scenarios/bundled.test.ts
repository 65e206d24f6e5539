/**
 * Every bundled scenario runs from `stallsim run NAME --json`, and its numbers are consistent; the two
 * fidelities agree within 1% on every bundled job small enough for per-step.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { bundledNames, loadScenario } from "../../src/scenarios/bundled.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import type { ScenarioResult } from "../../src/scenarios/result.ts";
import { PER_STEP_BUDGET, runJob } from "../../src/scenarios/run.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

const exec = promisify(execFile);
const names = bundledNames();

describe("bundled scenarios", () => {
  test("there are at least 6, each with a description", async () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const n of names) {
      const { data } = await loadScenario(n);
      expect(String((data as { description?: string }).description).length).toBeGreaterThan(40);
    }
  });

  test.for(names)("stallsim run %s --json gives a consistent result", async (name) => {
    const { stdout } = await exec(process.execPath, ["bin/stallsim.js", "run", name, "--json"], {
      maxBuffer: 1 << 24,
    });
    const r = JSON.parse(stdout) as ScenarioResult;
    const causes = Object.values(r.gpuHours.byCause).reduce((a, b) => a + b, 0);
    expect(Math.abs(causes - r.gpuHours.total)).toBeLessThanOrEqual(1e-9 * r.gpuHours.total + 1e-9);
    expect(r.utilisation).toBeCloseTo(r.gpuHours.byCause.compute / r.gpuHours.total, 12);
    expect(r.cost.totalUsd).toBeCloseTo(r.cost.gpuUsd + r.cost.storageUsd + r.cost.egressUsd, 6);
    const idle = Object.values(r.cost.idleUsdByCause).reduce((a, b) => a + b, 0);
    expect(idle).toBeLessThanOrEqual(r.cost.gpuUsd + 1e-6);
    expect(r.jobs.length).toBeGreaterThan(0);
    for (const j of r.jobs) {
      expect(j.completionHours).toBeGreaterThan(0);
      expect(j.au).toBeGreaterThan(0);
      expect(j.au).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(r.diagnosis.length).toBeGreaterThan(0);
  });
});

describe("fidelities agree on every bundled job small enough for per-step", async () => {
  const jobs: { label: string; job: ReturnType<typeof resolveScenario>["jobs"][number] }[] = [];
  for (const n of names) {
    const { data } = await loadScenario(n);
    for (const job of resolveScenario(validateScenario(data)).jobs) {
      if (job.gpus * job.steps * job.data.samplesPerStep <= PER_STEP_BUDGET)
        jobs.push({ label: `${n}/${job.name}`, job });
    }
  }

  test("some bundled jobs are small enough", () => expect(jobs.length).toBeGreaterThanOrEqual(3));

  test.for(jobs)("$label: bulk-advance within 1% of per-step", ({ job }) => {
    const a = runJob(job, "per-step", 1);
    const b = runJob(job, "bulk", 1);
    expect(Math.abs(b.wallUs - a.wallUs) / a.wallUs).toBeLessThanOrEqual(0.01);
    expect(Math.abs(b.au - a.au)).toBeLessThanOrEqual(0.01);
  });
});
