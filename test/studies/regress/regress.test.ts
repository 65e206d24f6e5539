/**
 * The regression check end to end on small suites: metrics, --update, perturbed baselines, new and missing
 * scenarios, changed settings, and runners that must not change the numbers.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { serializeBaseline } from "../../../src/studies/regress/baseline.ts";
import { isRegressError } from "../../../src/studies/regress/errors.ts";
import { extractMetrics } from "../../../src/studies/regress/metrics.ts";
import { regress, type RegressOptions } from "../../../src/studies/regress/regress.ts";
import { serialRunner, type ScenarioBatchRunner } from "../../../src/studies/regress/runner.ts";
import { runScenario } from "../../../src/scenarios/run.ts";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { parseToleranceArgs } from "../../../src/studies/regress/tolerance.ts";
import { makeSuite } from "../../helpers/regress-suite.ts";

const opts = (dir: string, baseline: string, o: Partial<RegressOptions> = {}): RegressOptions => ({
  suiteDir: dir,
  baselinePath: baseline,
  version: "9.9.9",
  date: "2025-01-02",
  ...o,
});

/** A suite with a baseline written by `update`. */
async function withBaseline(suiteFile?: string) {
  const s = makeSuite(suiteFile === undefined ? {} : { suiteFile });
  const first = await regress(opts(s.dir, s.baseline, { update: true }));
  writeFileSync(s.baseline, serializeBaseline(first.baseline));
  return { ...s, first };
}

describe("metrics of a result", () => {
  test("cover utilisation, hours, cost, GPU-hours by cause, idle $/year and each job's numbers", async () => {
    const { data } = await loadScenario("mlperf-unet3d-h100");
    const paths = extractMetrics(runScenario(validateScenario(data), { fidelity: "bulk" })).map((m) => m.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "alternatives.unet3d.utilisation",
        "alternatives.unet3d.wallHours",
        "alternatives.unet3d.gpuHours.total",
        "alternatives.unet3d.gpuHours.byCause.dataWait",
        "alternatives.unet3d.gpuHours.byCause.checkpointWait",
        "alternatives.unet3d.cost.totalUsd",
        "alternatives.unet3d.cost.runRate.idlePerYearUsd",
        "alternatives.unet3d.jobs.unet3d.au",
        "alternatives.unet3d.jobs.unet3d.completionHours",
        "alternatives.unet3d.jobs.unet3d.checkpoints",
        "alternatives.unet3d.jobs.unet3d.failures",
        "alternatives.unet3d.jobs.unet3d.bytesRead",
        "alternatives.unet3d.jobs.unet3d.bytesWritten",
        "alternatives.unet3d.jobs.unet3d.gpuHoursByCause.dataWait",
      ]),
    );
    expect(paths.some((p) => p.includes("timeline"))).toBe(false);
  });

  test("serving workloads add TTFT, load times, cold starts and requests under inference.<name>", async () => {
    const { data } = await loadScenario("vision-resnet50-gp3");
    const r = runScenario(validateScenario(data), { fidelity: "bulk" });
    const a = r.alternatives[0]!;
    const latency = { p50: 1, p95: 2, p99: 3, mean: 1.5, max: 4 };
    const w = {
      name: "chat",
      ttftMs: latency,
      queueMs: latency,
      loadSeconds: { p50: 10, max: 12, mean: 11 },
      coldStartSeconds: { p50: 70, max: 80, mean: 75 },
      coldStarts: 3,
      requests: { arrived: 10, served: 9, unserved: 1, waitedForColdStart: 2 },
      bytesLoaded: 8e9,
      utilisation: 0.5,
      gpuHours: { total: 1, byCause: { compute: 0.5, modelLoad: 0.2, startup: 0.1, idleWarm: 0.2, unallocated: 0 } },
      cost: { gpuUsd: 4 },
    } as unknown as (typeof a.inference)[number];
    const metrics = extractMetrics({ ...r, alternatives: [{ ...a, inference: [w] }] }).filter((m) =>
      m.path.startsWith("alternatives.resnet50.inference."),
    );
    const at = (p: string) => `alternatives.resnet50.inference.chat.${p}`;
    expect(metrics.map((m) => [m.path, m.value, m.better])).toEqual([
      [at("utilisation"), 0.5, "higher"],
      [at("ttftMs.p50"), 1, "lower"],
      [at("ttftMs.p99"), 3, "lower"],
      [at("loadSeconds.p50"), 10, "lower"],
      [at("coldStartSeconds.p50"), 70, "lower"],
      [at("coldStarts"), 3, "none"],
      [at("requests.served"), 9, "higher"],
      [at("requests.unserved"), 1, "lower"],
      [at("requests.waitedForColdStart"), 2, "lower"],
      [at("bytesLoaded"), 8e9, "none"],
      [at("gpuHours.byCause.modelLoad"), 0.2, "lower"],
      [at("gpuHours.byCause.startup"), 0.1, "lower"],
      [at("gpuHours.byCause.idleWarm"), 0.2, "lower"],
      [at("gpuHours.byCause.unallocated"), 0, "lower"],
      [at("cost.gpuUsd"), 4, "lower"],
    ]);
  });
});

describe("regress", () => {
  test("--update without a baseline reports every scenario new and passes; the next run passes unchanged", async () => {
    const { dir, baseline, first } = await withBaseline();
    expect(first.report.ok).toBe(true);
    expect(first.baselineChanged).toBe(true);
    expect(first.report.scenarios.map((s) => s.status)).toEqual(["new", "new"]);
    expect(first.baseline).toMatchObject({ format: 1, stallsim: "9.9.9", date: "2025-01-02" });
    const again = await regress(opts(dir, baseline));
    expect(again.report.ok).toBe(true);
    expect(again.baselineChanged).toBe(false);
    expect(again.report.counts.metrics.pass).toBe(again.report.scenarios.reduce((a, s) => a + s.metrics.length, 0));
    expect(again.report.baselineVersion).toBe("9.9.9");
  });

  test("without --update, a missing baseline is bad input", async () => {
    const { dir, baseline } = makeSuite();
    const e = await regress(opts(dir, baseline)).catch((x: unknown) => x as Error);
    expect(isRegressError(e) && e.code).toBe("REG_ERR_BASELINE");
    expect((e as Error).message).toBe(`no such baseline file (create it with --update): ${JSON.stringify(baseline)}`);
  });

  test("any runner gives the same report: results come back in request order", async () => {
    const { dir, baseline, first } = await withBaseline();
    const reversed: ScenarioBatchRunner = async (reqs) => (await serialRunner([...reqs].reverse())).reverse();
    const other = await regress(opts(dir, baseline, { runner: reversed, update: true }));
    expect(other.baseline).toEqual(first.baseline);
    expect(other.baselineChanged).toBe(false);
  });

  test("a perturbed baseline fails naming the metric, its move and the better direction", async () => {
    const { dir, baseline } = await withBaseline();
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    const m = doc.scenarios["mlperf-unet3d-h100"].metrics;
    m["alternatives.unet3d.jobs.unet3d.au"] = m["alternatives.unet3d.jobs.unet3d.au"] + 0.05;
    m["alternatives.unet3d.cost.totalUsd"] = m["alternatives.unet3d.cost.totalUsd"] * 2;
    writeFileSync(baseline, JSON.stringify(doc));
    const { report } = await regress(opts(dir, baseline));
    expect(report.ok).toBe(false);
    const unet = report.scenarios.find((s) => s.id === "mlperf-unet3d-h100")!;
    expect(unet.status).toBe("fail");
    const moved = unet.metrics.filter((x) => x.status !== "pass").map((x) => [x.path, x.status, x.better]);
    expect(moved).toEqual([
      ["alternatives.unet3d.cost.totalUsd", "improved", "lower"],
      ["alternatives.unet3d.jobs.unet3d.au", "regression", "higher"],
    ]);
    expect(report.scenarios.find((s) => s.id === "vision-resnet50-gp3")!.status).toBe("pass");
    const loose = await regress(opts(dir, baseline, { rules: parseToleranceArgs(["au=0.06abs,totalUsd=60%"]) }));
    expect(loose.report.ok).toBe(true);
  });

  test("a scenario new to the suite and one gone from it both fail", async () => {
    const { dir, baseline } = await withBaseline();
    rmSync(path.join(dir, "vision-resnet50-gp3.yaml"));
    writeFileSync(
      path.join(dir, "suite.yaml"),
      "scenarios:\n  - dir: .\n    fidelity: bulk\n  - file: mlperf-unet3d-h100.yaml\n    name: unet-seed-2\n    seed: 2\n    fidelity: bulk\n",
    );
    const { report } = await regress(opts(dir, baseline));
    expect(report.ok).toBe(false);
    expect(report.scenarios.map((s) => [s.id, s.status])).toEqual([
      ["mlperf-unet3d-h100", "pass"],
      ["unet-seed-2", "new"],
      ["vision-resnet50-gp3", "missing"],
    ]);
    expect(report.counts).toMatchObject({ pass: 1, new: 1, missing: 1 });
    const updated = await regress(opts(dir, baseline, { update: true }));
    expect(Object.keys(updated.baseline.scenarios)).toEqual(["mlperf-unet3d-h100", "unet-seed-2"]);
  });

  test("changed run settings fail even when the numbers happen to agree", async () => {
    const { dir, baseline } = await withBaseline();
    writeFileSync(path.join(dir, "suite.yaml"), "scenarios:\n  - dir: .\n    fidelity: bulk\n    replications: 2\n");
    const { report } = await regress(opts(dir, baseline));
    expect(report.scenarios[0]!.problems).toEqual([
      "replications changed: baseline 1, suite 2 (the numbers are not comparable)",
    ]);
    expect(report.scenarios.every((s) => s.status === "fail")).toBe(true);
  });

  test("tolerance patterns that match no metric are reported", async () => {
    const { dir, baseline } = await withBaseline(
      "tolerance: { jobs.nobody.au: 1% }\nscenarios:\n  - { dir: ., fidelity: bulk }\n",
    );
    const { report } = await regress(opts(dir, baseline, { rules: parseToleranceArgs(["au=1%"]) }));
    expect(report.unusedTolerances).toEqual([`${path.join(dir, "suite.yaml")}: jobs.nobody.au`]);
  });
});
