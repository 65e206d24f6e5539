/**
 * Suite runners: worker threads and the serial runner give byte-identical results in request order.
 */
import { describe, expect, test } from "vitest";
import { loadSuite } from "../../../src/studies/regress/load-suite.ts";
import { poolRunner, serialRunner } from "../../../src/studies/regress/runner.ts";
import { makeSuite } from "../../helpers/regress-suite.ts";

describe("suite runners", () => {
  test("worker threads give byte-identical results to the serial runner, in request order", async () => {
    const { dir } = makeSuite({
      suiteFile: [
        "scenarios:",
        "  - { dir: ., fidelity: bulk }",
        "  - { file: mlperf-unet3d-h100.yaml, name: unet-2, seed: 2, replications: 2, fidelity: per-step }",
      ].join("\n"),
    });
    const suite = await loadSuite(dir);
    const requests = suite.scenarios.map((s) => ({
      config: s.config,
      options: { seed: s.seed, replications: s.replications, fidelity: s.fidelity, profiles: s.profiles },
    }));
    const serial = await serialRunner(requests);
    const pooled = await poolRunner(2)(requests);
    expect(pooled.map((r) => r.scenario)).toEqual(["mlperf-unet3d-h100", "vision-resnet50-gp3", "mlperf-unet3d-h100"]);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(serial));
  });

  test("the pool rejects with what the failing run threw, not the pool's wrapper", async () => {
    const { dir } = makeSuite({ suiteFile: "scenarios:\n  - { dir: ., fidelity: bulk }\n" });
    const [s] = (await loadSuite(dir)).scenarios;
    const bad = { config: s!.config, options: { replications: 0 } };
    await expect(poolRunner(1)([bad])).rejects.toThrow(/^invalid replications: 0$/);
    await expect(poolRunner(2)([bad, bad])).rejects.toThrow(/^invalid replications: 0$/);
  });
});
