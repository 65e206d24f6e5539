/**
 * Loading a regression suite: a folder taken whole or described by suite.yaml, and errors naming the file and field.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isScenarioError } from "../../../src/scenarios/errors.ts";
import { isRegressError } from "../../../src/studies/regress/errors.ts";
import { loadSuite } from "../../../src/studies/regress/load-suite.ts";
import { makeSuite } from "../../helpers/regress-suite.ts";

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

describe("loadSuite", () => {
  test("without a suite file: every scenario file in the folder, own seeds, one replication", async () => {
    const { dir, baseline } = makeSuite({ suiteFile: null });
    writeFileSync(baseline, "{}");
    writeFileSync(path.join(dir, ".hidden.yaml"), "not: a scenario");
    writeFileSync(path.join(dir, "notes.txt"), "ignored");
    const suite = await loadSuite(dir, { exclude: [baseline] });
    expect(suite.file).toBeUndefined();
    expect(suite.scenarios.map((s) => [s.id, s.file, s.seed, s.replications, s.fidelity])).toEqual([
      ["mlperf-unet3d-h100", "mlperf-unet3d-h100.yaml", 1, 1, "auto"],
      ["vision-resnet50-gp3", "vision-resnet50-gp3.yaml", 1, 1, "auto"],
    ]);
  });

  test("a suite file sets names, seeds, replications, fidelity and tolerances per entry", async () => {
    const { dir } = makeSuite({
      suiteFile: [
        "tolerance: { au: 0.005abs }",
        "scenarios:",
        "  - file: mlperf-unet3d-h100.yaml",
        "    name: unet-seed-7",
        "    seed: 7",
        "    replications: 2",
        "    fidelity: bulk",
        "    tolerance: { completionHours: 2% }",
        "  - file: mlperf-unet3d-h100.yaml",
      ].join("\n"),
    });
    const suite = await loadSuite(dir);
    expect(suite.file).toBe(path.join(dir, "suite.yaml"));
    expect(suite.rules.map((r) => r.pattern)).toEqual(["au"]);
    expect(suite.scenarios.map((s) => [s.id, s.seed, s.replications, s.fidelity, s.rules.length])).toEqual([
      ["unet-seed-7", 7, 2, "bulk", 1],
      ["mlperf-unet3d-h100", 1, 1, "auto", 0],
    ]);
  });

  test("a profile file a scenario names is not taken for a scenario", async () => {
    const { LOCAL_NVME } = await import("../../../src/models/storage/presets/local-nvme.ts");
    const { dir } = makeSuite({ scenarios: [], suiteFile: null });
    writeFileSync(
      path.join(dir, "disk.json"),
      JSON.stringify({ profile: LOCAL_NVME }, (_k, v) => (v === Infinity ? null : v)),
    );
    writeFileSync(
      path.join(dir, "measured.yaml"),
      [
        "name: measured",
        "cluster: { nodeType: p5.48xlarge }",
        "storage: { disk: { profile: disk.json } }",
        "jobs:",
        "  - { name: j, gpus: 8, steps: 10, compute: { stepTime: 100ms },",
        "      data: { storage: disk, samplesPerStep: 1, sampleSize: 1MB, datasetSize: 1GB } }",
      ].join("\n"),
    );
    const suite = await loadSuite(dir);
    expect(suite.scenarios.map((s) => s.id)).toEqual(["measured"]);
    expect([...suite.scenarios[0]!.profiles.keys()]).toEqual(["disk.json"]);
  });

  test.for([
    ["a missing folder", (dir: string) => path.join(dir, "nope"), /^no such suite folder: ".*nope"$/],
    ["a file", (dir: string) => path.join(dir, "mlperf-unet3d-h100.yaml"), /^not a folder: .*a suite is a folder/],
  ] as const)("%s is a REG_ERR_SUITE", async ([, where, message]) => {
    const { dir } = makeSuite({ suiteFile: null });
    const e = await failure(loadSuite(where(dir)));
    expect(isRegressError(e) && e.code).toBe("REG_ERR_SUITE");
    expect(e.message).toMatch(message);
  });

  test.for([
    ["scenarios: []", /invalid suite file .*suite\.yaml: scenarios: /],
    ["scenarios:\n  - { file: a.yaml, dir: . }", /scenarios\[0\]: give either file or dir/],
    ["scenarios:\n  - { dir: ., name: x }", /scenarios\[0\]\.name: name needs a file/],
    ["scenarios:\n  - { file: a.yaml, seed: -1 }", /scenarios\[0\]\.seed: /],
    ["scenarios:\n  - { file: a.yaml, sed: 1 }", /scenarios\[0\]\.sed: unknown key/],
    ["scenarios:\n  - { file: missing.yaml }", /suite\.yaml: scenarios\[0\]\.file: no such scenario file: /],
    ["scenarios:\n  - { dir: nowhere }", /suite\.yaml: scenarios\[0\]\.dir: no such folder: /],
    ["tolerance: { utilsation: 1% }", /suite\.yaml: tolerance\.utilsation: unknown metric "utilsation": did you mean/],
    ["scenarios:\n  - { dir: ., tolerance: { au: lots } }", /scenarios\[0\]\.tolerance\.au: invalid tolerance "lots"/],
    [
      "scenarios:\n  - { file: mlperf-unet3d-h100.yaml }\n  - { file: mlperf-unet3d-h100.yaml }",
      /duplicate scenario id "mlperf-unet3d-h100" .*; give one a name/,
    ],
    ["scenarios: [", /unreadable suite file: .*suite\.yaml:\d+:\d+/],
  ] as const)("suite file %j: %s", async ([text, message]) => {
    const { dir } = makeSuite({ suiteFile: text });
    const e = await failure(loadSuite(dir));
    expect(isRegressError(e), e.message).toBe(true);
    expect(e.message).toMatch(message);
  });

  test("an empty folder has no scenarios", async () => {
    const { dir } = makeSuite({ scenarios: [], suiteFile: null });
    expect((await failure(loadSuite(dir))).message).toMatch(/^no scenario files in suite/);
  });

  test("an invalid scenario is a ScenarioError naming its file and field", async () => {
    const { dir } = makeSuite({ suiteFile: null });
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "bad.yaml"), "name: bad\ncluster: { nodeType: p5.48xlarge }\nstorage: {}\njobs: []\n");
    const e = await failure(loadSuite(dir));
    expect(isScenarioError(e)).toBe(true);
    expect(e.message).toContain(`${path.join(dir, "bad.yaml")}: jobs: `);
  });

  test("provisioning a preset cannot give is an invalid scenario naming the file", async () => {
    const { dir } = makeSuite({ scenarios: [], suiteFile: null });
    writeFileSync(
      path.join(dir, "greedy.yaml"),
      [
        "name: greedy",
        "cluster: { nodeType: p5.48xlarge }",
        "storage: { d: { preset: ebs-gp3, throughput: 100GB/s } }",
        "jobs:",
        "  - { name: j, gpus: 8, steps: 10, compute: { stepTime: 100ms },",
        "      data: { storage: d, samplesPerStep: 1, sampleSize: 1MB, datasetSize: 1GB } }",
      ].join("\n"),
    );
    const e = await failure(loadSuite(dir));
    expect(isScenarioError(e) && e.source).toBe(path.join(dir, "greedy.yaml"));
  });
});
