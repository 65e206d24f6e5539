/**
 * The application's edges: one error body for every status, a generic 500 (logged) only for bugs, unknown
 * endpoints, the OpenAPI document and docs page, and a fuzz of junk requests that must never get a 500.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { errorResponse } from "../../src/api/error-payload.ts";
import { call, makeApp, SMALL_YAML } from "./helpers.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp({ workBudget: 1000, maxQueued: 1 });
  app.get("/api/test/boom", { schema: { hide: true } }, async () => {
    throw new Error("secret detail");
  });
});
afterAll(() => app.close());

const isErrorBody = (body: unknown) =>
  expect(body).toEqual({
    error: expect.objectContaining({
      code: expect.stringMatching(/^[A-Z]+_ERR_[A-Z_]+$/),
      message: expect.any(String),
    }),
  });

describe("errors", () => {
  test("a bug is a 500 with an id and nothing internal; the log has the detail under that id", async () => {
    const lines: string[] = [];
    const logged = await makeApp({ logger: { level: "error", stream: { write: (l: string) => lines.push(l) } } });
    logged.get("/api/test/boom", { schema: { hide: true } }, async () => {
      throw new Error("secret detail");
    });
    const r = await call(logged, "GET", "/api/test/boom");
    await logged.close();
    expect(r.status).toBe(500);
    const { id, message, code } = r.body.error as { id: string; message: string; code: string };
    expect(code).toBe("API_ERR_INTERNAL");
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(message).toBe(`internal error ${id} (logged)`);
    expect(r.res.body).not.toContain("secret");
    const entry = lines
      .map((l) => JSON.parse(l) as { errorId?: string; err?: { message: string } })
      .find((l) => l.errorId === id);
    expect(entry?.err?.message).toBe("secret detail");
  });

  test("an unknown endpoint is a 404 in the same shape", async () => {
    const r = await call(app, "GET", "/api/nothing?x=1");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: "API_ERR_NOT_FOUND", message: "no such endpoint: GET /api/nothing" } });
  });

  test("a body that is not JSON is a 400; an unsupported media type a 415", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/api/runs",
      headers: { "content-type": "application/json" },
      payload: "{nope",
    });
    expect(bad.statusCode).toBe(400);
    isErrorBody(bad.json());
    const form = await app.inject({
      method: "POST",
      url: "/api/runs",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "text=x",
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe("API_ERR_UNSUPPORTED_MEDIA_TYPE");
  });

  test.each([
    // A RangeError from the models or the engine is a bug, never "invalid scenario" (client input errors are typed).
    [new RangeError("invalid flow size: NaN bytes"), 500, "API_ERR_INTERNAL"],
    [new Error("bug"), 500, "API_ERR_INTERNAL"],
    [Object.assign(new Error("Request body is too large"), { statusCode: 413 }), 413, "API_ERR_TOO_LARGE"],
    [Object.assign(new Error("Unsupported Media Type"), { statusCode: 415 }), 415, "API_ERR_UNSUPPORTED_MEDIA_TYPE"],
    ["a string", 500, "API_ERR_INTERNAL"],
    [null, 500, "API_ERR_INTERNAL"],
  ])("errorResponse(%s) → %i %s", (e, status, code) => {
    const r = errorResponse(e, 2 ** 20);
    expect(r.status).toBe(status);
    expect(r.error.code).toBe(code);
    expect(r.internal).toBe(status === 500);
  });

  test("a scenario over a small budget is a 422", async () => {
    const r = await call(app, "POST", "/api/runs", { text: SMALL_YAML });
    expect(r.status).toBe(422);
    expect(r.body.error!.message).toMatch(
      /^estimated work [\d.]+K units \(≈ [\d.]+ s of one core\) exceeds the budget of 1K units/,
    );
  });
});

describe("OpenAPI", () => {
  test("the document lists every endpoint of docs/api.md; the docs page is served", async () => {
    const doc = await call(app, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const endpoints = Object.entries(paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(endpoints.sort()).toEqual(
      [
        "GET /api/health",
        "GET /api/scenarios",
        "GET /api/scenarios/{name}",
        "GET /api/presets",
        "POST /api/scenarios/validate",
        "POST /api/runs",
        "GET /api/runs",
        "GET /api/runs/{id}",
        "GET /api/runs/{id}/result",
        "GET /api/runs/{id}/result.csv",
        "GET /api/runs/{id}/scenario",
        "POST /api/runs/{id}/rerun",
        "DELETE /api/runs/{id}",
        "PATCH /api/runs/{id}",
        "GET /api/compare",
        "POST /api/profiles",
        "GET /api/profiles",
        "GET /api/profiles/{name}",
        "DELETE /api/profiles/{name}",
      ].sort(),
    );
    const docs = await app.inject({ url: "/api/docs" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
  });
});

describe("nothing a client sends gets a 500", () => {
  const junkBodies: unknown[] = [
    null,
    [],
    "text",
    123,
    true,
    { text: 5 },
    { text: "" },
    { text: "{" },
    { text: "a: *nope" },
    { text: "[".repeat(5000) },
    { text: "- ".repeat(2000) + "x" },
    { text: "a: &a [*a]" },
    { text: "\u0000\uFFFF" },
    { text: "name: x\n---\nname: y" },
    { scenario: {} },
    { scenario: [] },
    {
      scenario: { name: "x", cluster: { nodeType: "p5.48xlarge" }, storage: { d: { preset: "ebs-gp3" } }, jobs: [{}] },
    },
    { bundled: "../../../package" },
    { bundled: "checkpoint-vs-reads", seed: 1e300 },
    { bundled: "checkpoint-vs-reads", replications: 1e9 },
    { text: SMALL_YAML.replace("gpus: 8", "gpus: 1e308") },
    { text: SMALL_YAML.replace("steps: 200", "steps: 1e20") },
    { text: SMALL_YAML.replace("stepTime: 300ms", "stepTime: 1e-300s") },
    { text: SMALL_YAML.replace("sampleSize: 10MB", "sampleSize: 1e400GB") },
    { text: SMALL_YAML.replace("datasetSize: 1TB", "datasetSize: 0") },
    { name: "x", fio: ["{".repeat(10000)] },
    { name: "x", fio: ['{"jobs": [{"job options": {"rw": "randread", "bs": "99999999999999999999k"}}]}'] },
  ];
  const posts = ["/api/runs", "/api/scenarios/validate", "/api/profiles", "/api/runs/r00000001/rerun"];

  test.each(junkBodies.map((b) => [JSON.stringify(b)?.slice(0, 60), b]))("POST %s", async (_label, body) => {
    for (const url of posts) {
      const r = await app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(500);
      isErrorBody(r.json());
    }
  });

  test.each([
    "/api/runs?limit=-1",
    "/api/runs?limit=abc",
    "/api/runs?limit=1&limit=2",
    "/api/runs?offset=1e309",
    "/api/runs?status=nope",
    "/api/runs?q=%00%25_%5C",
    "/api/compare?ids=%00",
    `/api/compare?ids=${"a,".repeat(100)}`,
    `/api/runs/${"x".repeat(100)}`,
    "/api/runs/%00",
    "/api/runs/%E0%A4%A",
    "/api/scenarios/%2e%2e",
    "/api/profiles/%2e%2e%2fetc",
    "/api/runs/r00000001/result.csv?x=%zz",
  ])("GET %s", async (url) => {
    const r = await app.inject({ url });
    expect(r.statusCode, r.body).toBeLessThan(500);
    if (r.statusCode >= 400) isErrorBody(r.json());
  });

  fcTest.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 60, seed: 5 })("any JSON body", async (body) => {
    for (const url of posts) {
      const r = await app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(500);
    }
  });

  fcTest.prop([fc.string({ maxLength: 300 }), fc.option(fc.integer(), { nil: undefined })], { numRuns: 60, seed: 6 })(
    "any scenario text",
    async (text, seed) => {
      const r = await call(app, "POST", "/api/scenarios/validate", { text, seed });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    },
  );
});
