/**
 * Settings that are valid but almost surely not meant (issue 13, defect 6): a 30-second checkpoint interval for a
 * 988 GB checkpoint ran and reported 691,188 checkpoints; `sampleSize: 150` was 150 bytes; `duration: 2d` is
 * compute time but reads as wall time. Each is now a warning at its field, counted, in the result, the CLI and the
 * validation answer.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../src/scenarios/bundled.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";
import { preRunWarnings } from "../../src/scenarios/warnings.ts";

const codes = (ws: { code: string; path: (string | number)[] }[]) => ws.map((w) => [w.code, w.path.join(".")]);

/** plan-llm-storage: a week of 70B pre-training, hourly 988 GB checkpoints to gp3 volumes at their baseline. */
async function llm(edit: (s: ScenarioSpec) => void) {
  const spec = (await loadScenario("plan-llm-storage")).data as ScenarioSpec;
  edit(spec);
  return validateScenario(spec);
}

describe("warnings", () => {
  test("many hourly checkpoints over 30,000 h: the advice is a longer interval, not a missing unit", async () => {
    const s = await llm((x) => {
      x.jobs[0]!.duration = "30000h";
      x.jobs[0]!.checkpoint!.interval = "1h";
    });
    const w = preRunWarnings(s).find((x) => x.code === "many-checkpoints");
    expect(w?.message).toMatch(/is 30,000 checkpoints \(more than 10,000\): a longer interval, or "young"/);
    expect(w?.message).not.toContain("without a unit");
  });

  test("a 30 s checkpoint interval for a 988 GB checkpoint: back to back, and tens of thousands of them", async () => {
    const s = await llm((x) => (x.jobs[0]!.checkpoint!.interval = 30));
    const ws = preRunWarnings(s);
    expect(codes(ws)).toEqual([
      ["many-checkpoints", "jobs.0.checkpoint.interval"],
      ["checkpoint-interval-shorter-than-write", "jobs.0.checkpoint.interval"],
    ]);
    expect(ws[0]!.message).toMatch(
      /a number without a unit is seconds; write a unit \(e\.g\. "30m" or "1h"\) or "young"/,
    );
    expect(ws[0]!.message).toMatch(/^a checkpoint every 30 s over 168 h of compute is 20,160 checkpoints/);
    expect(ws[1]!.message).toMatch(/writing 988(\.\d)? GB takes at least [\d.]+ min at .*use an interval above/);
  });

  test("a sample of 150 bytes and a step of 300 s are almost surely missing units", () => {
    const s = validateScenario({
      name: "units",
      cluster: { nodeType: "p5.48xlarge" },
      storage: { d: { preset: "local-nvme" } },
      jobs: [
        {
          name: "j",
          gpus: 8,
          steps: 10,
          compute: { stepTime: 900 },
          data: { storage: "d", samplesPerStep: 4, sampleSize: 150, datasetSize: "1TB" },
        },
      ],
    });
    expect(codes(preRunWarnings(s))).toEqual([
      ["tiny-sample", "jobs.0.data.sampleSize"],
      ["long-step", "jobs.0.compute.stepTime"],
    ]);
  });

  test("the bundled scenarios as written carry no pre-run warning", async () => {
    const { bundledNames } = await import("../../src/scenarios/bundled.ts");
    for (const name of bundledNames()) {
      const s = validateScenario((await loadScenario(name)).data);
      expect(preRunWarnings(s), name).toEqual([]);
    }
  });

  test("duration is compute time: when stalls make the run longer the result says so", async () => {
    const r = runScenario(await llm(() => {}), { fidelity: "bulk" });
    const w = r.warnings.find((x) => x.code === "duration-is-compute-time")!;
    expect(w.path).toEqual(["jobs", 0, "duration"]);
    expect(w.message).toMatch(
      /^duration 168 h is compute time \([\d,]+ steps of 8 s\), not wall time: with its stalls the job took [\d.]+ h/,
    );
  });

  test("the CLI prints the warnings, counted, before the numbers", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-warn-"));
    const file = path.join(dir, "s.yaml");
    writeFileSync(
      file,
      [
        "name: tiny",
        "cluster: { nodeType: p5.48xlarge }",
        "storage: { d: { preset: local-nvme } }",
        "jobs:",
        "  - { name: j, gpus: 8, steps: 20, compute: { stepTime: 100ms },",
        "      data: { storage: d, samplesPerStep: 4, sampleSize: 150, datasetSize: 1GB } }",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, ["bin/stallsim.js", "run", file], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Warnings \(1\):\n {2}jobs\[0\]\.data\.sampleSize: 150 bytes per sample/m);
  });
});
