/**
 * Labels of compared runs (issue 13, defect 8: every run was labelled "r00000" by a truncated id): the fields that
 * differ, the seed, the alternative; the whole id only when nothing else tells two runs apart.
 */
import { describe, expect, test } from "vitest";
import { compareLabels, type CompareSource } from "../../../src/api/runs/compare-labels.ts";

const text = (preset: string, throughput?: string) =>
  [
    "name: demo",
    "description: something long",
    "cluster: { nodeType: p5.48xlarge }",
    `storage: { data: { preset: ${preset}${throughput ? `, throughput: ${throughput}` : ""} } }`,
    "jobs: [{ name: train, gpus: 8, steps: 10, compute: { stepTime: 1s }, data: { storage: data, samplesPerStep: 1, sampleSize: 1MB, datasetSize: 1GB } }]",
  ].join("\n");

const src = (id: string, scenarioText: string, seed = 1, alternative?: string): CompareSource => ({
  id,
  scenarioText,
  seed,
  replications: 1,
  fidelity: "auto",
  alternative,
});

describe("compare labels", () => {
  test("runs of one scenario are labelled by the settings that differ, storage first", () => {
    expect(
      compareLabels([
        src("r00000001", text("ebs-gp3", "250MiB/s")),
        src("r00000002", text("ebs-gp3", "1000MiB/s")),
        src("r00000003", text("fsx-lustre")),
      ]),
    ).toEqual([
      "storage.data.preset=ebs-gp3, storage.data.throughput=250MiB/s",
      "storage.data.preset=ebs-gp3, storage.data.throughput=1000MiB/s",
      "storage.data.preset=fsx-lustre, storage.data.throughput=—",
    ]);
  });

  test("the seed, when that is what differs", () => {
    expect(compareLabels([src("r00000001", text("ebs-gp3"), 1), src("r00000002", text("ebs-gp3"), 2)])).toEqual([
      "seed 1",
      "seed 2",
    ]);
  });

  test("identical runs are told apart by their whole ids; alternatives of one run by their names", () => {
    expect(compareLabels([src("r00000001", text("ebs-gp3")), src("r00000002", text("ebs-gp3"))])).toEqual([
      "run r00000001",
      "run r00000002",
    ]);
    expect(
      compareLabels([src("r00000001", text("ebs-gp3"), 1, "sync"), src("r00000001", text("ebs-gp3"), 1, "async")]),
    ).toEqual(["sync", "async"]);
  });
});

describe("runs of different scenarios", () => {
  const named = (name: string, preset: string) => text(preset).replace("name: demo", `name: ${name}`);

  test("are named by their scenario, not by every field in which two scenarios differ", () => {
    expect(
      compareLabels([
        src("r00000001", named("llm-pretrain-ebs-gp3", "ebs-gp3")),
        src("r00000002", named("llm-pretrain-lustre", "fsx-lustre")),
        src("r00000003", named("llm-pretrain-local-nvme", "local-nvme"), 1, "llama-70b"),
      ]),
    ).toEqual(["llm-pretrain-ebs-gp3", "llm-pretrain-lustre", "llm-pretrain-local-nvme, llama-70b"]);
  });

  test("two runs of one scenario among others: the scenario, then what differs between those two", () => {
    expect(
      compareLabels([
        src("r00000001", named("a", "ebs-gp3"), 1),
        src("r00000002", named("a", "ebs-gp3"), 2),
        src("r00000003", named("b", "fsx-lustre")),
      ]),
    ).toEqual(["a: seed 1", "a: seed 2", "b"]);
  });
});
