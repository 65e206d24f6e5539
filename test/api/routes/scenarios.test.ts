/**
 * Scenarios, presets and health: the bundled scenarios and their text, the catalogs with their sources, and
 * validation, whose 400s list every issue with its path into the scenario (text or object alike).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bundledNames } from "../../../src/scenarios/bundled.ts";
import { parseScenarioText } from "../../../src/scenarios/parse-text.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { estimateScenarioWork } from "../../../src/scenarios/work.ts";
import { call, makeApp, SMALL_YAML } from "../helpers.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

const BAD_YAML = `name: bad
cluster: { nodeType: p5.48xlarge }
storage: { d: { preset: ebs-gp2 } }
jobs:
  - name: j
    gpus: 0
    steps: 10
    compute: { stepTime: 1s }
    data: { storage: d, samplesPerStep: 1, sampleSize: 40 GX, datasetSize: 1TB, sampelSize: 1 }
`;

describe("GET /api/health", () => {
  test("answers ok with the version", async () => {
    const r = await call(app, "GET", "/api/health");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe("GET /api/scenarios", () => {
  test("lists every bundled scenario with its description, alternatives and the GPUs of one (never a sum)", async () => {
    const r = await call(app, "GET", "/api/scenarios");
    expect(r.status).toBe(200);
    const list = r.body as unknown as { name: string; description: string; alternatives: number; gpus: number }[];
    expect(list.map((s) => s.name)).toEqual(bundledNames());
    // Three 8-GPU policies side by side: 3 alternatives of 8 GPUs (it was "24 GPUs · 3 jobs").
    expect(list.find((s) => s.name === "checkpoint-vs-reads")).toMatchObject({
      alternatives: 3,
      workloads: 1,
      gpus: 8,
    });
    expect(list.find((s) => s.name === "fleet-idle-spend")).toMatchObject({ alternatives: 1, gpus: 1024 });
    // Serving workloads count (it was "0 GPUs · 0 jobs").
    expect(list.find((s) => s.name === "inference-mig-cold-start")).toMatchObject({ alternatives: 2, gpus: 1 });
    expect(list.find((s) => s.name === "cluster-storage-designs")).toMatchObject({ alternatives: 3, gpus: 32 });
    for (const s of list) expect(s.description.length).toBeGreaterThan(20);
  });

  test("gives one bundled scenario's YAML text", async () => {
    const r = await call(app, "GET", "/api/scenarios/mlperf-unet3d-h100");
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("mlperf-unet3d-h100");
    expect(parseScenarioText(r.body.text as string)).toMatchObject({ name: "mlperf-unet3d-h100" });
  });

  test.each(["nope", "..%2F..%2Fpackage", "mlperf-unet3d-h10"])("an unknown name (%s) is a 404", async (name) => {
    const r = await call(app, "GET", `/api/scenarios/${name}`);
    expect(r.status).toBe(404);
    expect(r.body.error!.code).toBe("SCN_ERR_NOT_FOUND");
  });
});

describe("GET /api/presets", () => {
  test("lists storage presets, GPUs and node types, each with its sources; unlimited is null", async () => {
    const r = await call(app, "GET", "/api/presets");
    expect(r.status).toBe(200);
    const p = r.body as unknown as Record<"storage" | "gpus" | "nodeTypes", Record<string, unknown>[]>;
    for (const kind of ["storage", "gpus", "nodeTypes"] as const) {
      expect(p[kind].length).toBeGreaterThan(2);
      for (const e of p[kind]) expect((e.sources as unknown[]).length).toBeGreaterThan(0);
    }
    expect(p.storage.map((s) => s.name)).toContain("ebs-gp3");
    expect(p.nodeTypes.find((n) => n.name === "p5.48xlarge")).toMatchObject({ gpu: "h100-sxm", gpusPerNode: 8 });
    const gp3 = p.storage.find((s) => s.name === "ebs-gp3") as { aggregate: { read: { bytesPerSecond: unknown } } };
    expect(gp3.aggregate.read.bytesPerSecond).toBeNull();
    expect(r.res.body).not.toMatch(/:Infinity|:NaN/);
  });
});

describe("POST /api/scenarios/validate", () => {
  test("a valid scenario: its name, jobs and estimated work against the budget", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", { text: SMALL_YAML, replications: 3 });
    expect(r.status).toBe(200);
    const units = estimateScenarioWork(validateScenario(parseScenarioText(SMALL_YAML)), { replications: 3 }).units;
    expect(units).toBeGreaterThan(0);
    expect(r.body).toEqual({
      valid: true,
      name: "small",
      jobs: 1,
      alternatives: 1,
      work: { units, budget: 6e8 },
      warnings: [],
    });
  });

  test("a bundled scenario validates too", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", { bundled: "node-failure-rwo-vs-rwx" });
    expect(r.body).toMatchObject({ valid: true, name: "node-failure-rwo-vs-rwx", jobs: 3, alternatives: 3 });
  });

  test("every issue comes back with its path into the scenario", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", { text: BAD_YAML });
    expect(r.status).toBe(400);
    expect(r.body).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "SCN_ERR_INVALID",
          "issues": [
            {
              "code": "custom",
              "message": "unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?",
              "path": [
                "storage",
                "d",
                "preset",
              ],
            },
            {
              "code": "custom",
              "message": "invalid count 0: must be greater than 0",
              "path": [
                "jobs",
                0,
                "gpus",
              ],
            },
            {
              "code": "custom",
              "message": "invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)",
              "path": [
                "jobs",
                0,
                "data",
                "sampleSize",
              ],
            },
            {
              "code": "unrecognized_keys",
              "message": "unknown key: did you mean "sampleSize"?",
              "path": [
                "jobs",
                0,
                "data",
                "sampelSize",
              ],
            },
          ],
          "message": "scenario: 4 issues:
        storage.d.preset: unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?
        jobs[0].gpus: invalid count 0: must be greater than 0
        jobs[0].data.sampleSize: invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)
        jobs[0].data.sampelSize: unknown key: did you mean "sampleSize"?",
        },
      }
    `);
  });

  test("a scenario object gets the same issues, with the same paths, as its text", async () => {
    const asText = await call(app, "POST", "/api/scenarios/validate", { text: BAD_YAML });
    const asObject = await call(app, "POST", "/api/scenarios/validate", { scenario: parseScenarioText(BAD_YAML) });
    expect(asObject.status).toBe(400);
    expect(asObject.body.error!.issues).toEqual(asText.body.error!.issues);
  });

  test("a syntax error is SCN_ERR_PARSE with the line and column", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", { text: '{"name": "x",\n  "jobs": [1,]}' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: "SCN_ERR_PARSE",
      issues: [{ code: "syntax_error", path: [], line: 2, column: 14 }],
    });
    expect(r.body.error!.issues![0]!.message).toContain("trailing comma");
  });

  test.each([
    [{}, [["text"]]],
    [{ text: "a: 1", bundled: "x" }, [["bundled"]]],
    [{ text: "" }, [["text"]]],
    [{ text: "a", seed: -1, replications: 0, fidelity: "fast" }, [["seed"], ["replications"], ["fidelity"]]],
    [{ text: "a", colour: "red" }, [["colour"]]],
    [{ scenario: [1, 2] }, [["scenario"]]],
  ])("a malformed request body (%j) is API_ERR_BAD_REQUEST with paths into the body", async (body, paths) => {
    const r = await call(app, "POST", "/api/scenarios/validate", body);
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe("API_ERR_BAD_REQUEST");
    expect(r.body.error!.issues!.map((i) => i.path)).toEqual(paths);
  });

  test("a stored profile that does not exist is a 400 at the binding's path", async () => {
    const text = SMALL_YAML.replace("preset: fsx-lustre, capacity: 10TB", "profile: my-disk");
    const r = await call(app, "POST", "/api/scenarios/validate", { text });
    expect(r.status).toBe(400);
    expect(r.body.error!.issues).toEqual([
      { code: "unknown_name", path: ["storage", "data", "profile"], message: expect.stringContaining("my-disk") },
    ]);
  });

  test("a body over the limit is a 413", async () => {
    const small = await makeApp({ bodyLimit: 1024 });
    const r = await call(small, "POST", "/api/scenarios/validate", { text: `${SMALL_YAML}#${"x".repeat(2000)}` });
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({
      code: "API_ERR_TOO_LARGE",
      message: "request body is larger than the limit of 1 KiB (STALLSIM_BODY_LIMIT)",
    });
    await small.close();
  });
});
