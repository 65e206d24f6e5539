/**
 * Preparing a sweep: every point is built and validated before anything runs; an invalid point names its
 * values and the Zod paths of its issues; the definition hash depends on what changes results and on nothing else.
 */
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import type { PlainValue } from "../../../src/scenarios/parse-text.ts";
import { isSweepError, type SweepError } from "../../../src/studies/sweep/errors.ts";
import { prepareSweep, type SweepRequest } from "../../../src/studies/sweep/prepare.ts";

const { data, source } = await loadScenario("vision-resnet50-gp3");
const req = (params: string[], more: Partial<SweepRequest> = {}): SweepRequest => ({
  document: data as PlainValue,
  source,
  params,
  ...more,
});
const failure = async (r: SweepRequest, select?: (i: number) => boolean): Promise<SweepError> => {
  const e = await prepareSweep(r, select).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isSweepError(e)) throw new Error(`expected a SweepError, got ${String(e)}`);
  return e;
};

describe("prepareSweep", () => {
  test("builds every point with its values set and the run options", async () => {
    const p = await prepareSweep(
      req(["storage.imagenet.throughput=125MiB/s,250MiB/s", "jobs[0].data.workers=4,8"], { seed: 7, fidelity: "bulk" }),
    );
    expect(p.points.map((x) => x.params)).toEqual([
      { "storage.imagenet.throughput": "125MiB/s", "jobs[0].data.workers": 4 },
      { "storage.imagenet.throughput": "125MiB/s", "jobs[0].data.workers": 8 },
      { "storage.imagenet.throughput": "250MiB/s", "jobs[0].data.workers": 4 },
      { "storage.imagenet.throughput": "250MiB/s", "jobs[0].data.workers": 8 },
    ]);
    expect(p.points[3]!.config.storage.imagenet!.throughput).toBe(250 * 2 ** 20);
    expect(p.points[3]!.config.jobs[0]!.data.workers).toBe(8);
    expect(p.points.every((x) => x.seed === 7 && x.fidelity === "bulk" && x.replications === 1)).toBe(true);
    expect(p.definition).toMatchObject({
      scenario: "vision-resnet50-gp3",
      params: [
        { path: "storage.imagenet.throughput", values: ["125MiB/s", "250MiB/s"] },
        { path: "jobs[0].data.workers", values: [4, 8] },
      ],
      seed: 7,
      replications: 1,
      fidelity: "bulk",
      points: 4,
    });
    expect(p.definition.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test("an invalid point is an error naming its values and the zod path, after all points are checked", async () => {
    const e = await failure(req(["storage.imagenet.preset=ebs-gp3,local-nvme", "jobs[0].data.workers=4,0,-1"]));
    expect(e.code).toBe("SWP_ERR_POINT");
    expect(e.point).toEqual({ index: 1, params: { "storage.imagenet.preset": "ebs-gp3", "jobs[0].data.workers": 0 } });
    expect(e.issues.map((i) => i.path)).toEqual([["jobs", 0, "data", "workers"]]);
    expect(e.message).toMatchInlineSnapshot(`
      "invalid sweep point 1 of 6 (storage.imagenet.preset=ebs-gp3, jobs[0].data.workers=0) (4 of 6 points are invalid; the first is shown)
        jobs[0].data.workers: the pool loader needs at least one worker (loader: pytorch with workers: 0 loads in the training process)"
    `);
  });

  test("a provisioning limit is checked before running too", async () => {
    const e = await failure(req(["storage.imagenet.throughput=250MiB/s,5GB/s"]));
    expect(e.point?.index).toBe(1);
    expect(e.message).toContain("invalid sweep point 1 of 2 (storage.imagenet.throughput=5GB/s)");
    expect(e.message).toContain("5 GB/s is more than ebs-gp3 gives per volume");
  });

  test("points outside the selection (another shard) are validated as well", async () => {
    const e = await failure(req(["jobs[0].data.workers=4,0"]), (i) => i === 0);
    expect(e.point?.index).toBe(1);
    const ok = await prepareSweep(req(["jobs[0].data.workers=4,8,16"]), (i) => i % 2 === 0);
    expect(ok.points.map((p) => p.index)).toEqual([0, 2]);
    expect(ok.definition.points).toBe(3);
  });

  test("an unknown path is an error before any point is built", async () => {
    const e = await failure(req(["storage.imagenet.troughput=1"]));
    expect(e.code).toBe("SWP_ERR_PARAM");
    expect(e.message).toContain('did you mean "throughput"?');
  });

  describe("the definition hash", () => {
    const hash = async (params: string[], more: Partial<SweepRequest> = {}) =>
      (await prepareSweep(req(params, more))).definition.hash;
    const base = ["jobs[0].data.workers=4,8"];

    test("does not depend on where the scenario came from or on how a path is spelt", async () => {
      const h = await hash(base);
      expect(await hash(base, { source: "/scenario/vision-resnet50-gp3.yaml" })).toBe(h);
      expect(await hash(["jobs.0.data.workers=4, 8"])).toBe(h);
    });

    test("changes with the values, their order, the seed, replications, fidelity and the scenario", async () => {
      const h = await hash(base);
      const others = await Promise.all([
        hash(["jobs[0].data.workers=4,16"]),
        hash(["jobs[0].data.workers=8,4"]),
        hash(base, { seed: 2 }),
        hash(base, { replications: 2 }),
        hash(base, { fidelity: "bulk" }),
        prepareSweep({ ...req(base), document: { ...(data as object), seed: 9 } }).then((p) => p.definition.hash),
      ]);
      expect(new Set([h, ...others]).size).toBe(others.length + 1);
    });
  });
});
