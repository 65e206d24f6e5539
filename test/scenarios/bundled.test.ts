/**
 * The bundled scenarios: each has a description, and the two fidelities agree within 1% on every bundled job
 * small enough for per-step. Each scenario's result (at its own seed and fidelity, as `stallsim run NAME --json`
 * gives it) is checked for consistency and against its golden numbers in test/golden/bundled.test.ts, which
 * runs them once for both.
 */
import { describe, expect, test } from "vitest";
import { bundledNames, loadScenario } from "../../src/scenarios/bundled.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import { PER_STEP_BUDGET, runJob } from "../../src/scenarios/run.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

const names = bundledNames();

describe("bundled scenarios", () => {
  test("there are at least 6, each with a description", async () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const n of names) {
      const { data } = await loadScenario(n);
      expect(String((data as { description?: string }).description).length).toBeGreaterThan(40);
    }
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
