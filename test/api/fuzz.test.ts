/**
 * A seeded, bounded fuzz of every write endpoint (issue 14): a few thousand bodies, each a valid request with
 * one part replaced by something else — any JSON value, a huge or negative number, a long or non-Unicode
 * string, a deep structure, a removed or unknown key. None may get a 5xx, every error has the one error shape,
 * and every validation error names its field (a path, or a line and column in the scenario text).
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { call, makeApp, QUICK, startRun, waitForEnd } from "./helpers.ts";

let app: FastifyInstance;
let runId: string;
beforeAll(async () => {
  app = await makeApp({});
  runId = await startRun(app, QUICK);
  await waitForEnd(app, runId);
  // From here on no run may start: a body that is valid is refused by the budget instead of simulated.
  app.settings = { ...app.settings, workBudget: 1 };
}, 60_000);
afterAll(() => app.close());

const scenario = {
  name: "fuzz",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { data: { preset: "fsx-lustre", capacity: "10TB" } },
  jobs: [
    {
      name: "train",
      gpus: 8,
      steps: 200,
      compute: { stepTime: "300ms" },
      data: { storage: "data", samplesPerStep: 4, sampleSize: "10MB", datasetSize: "1TB" },
      checkpoint: { storage: "data", size: "10GB", interval: "1h" },
    },
  ],
  inference: [
    {
      name: "chat",
      model: "llama-3.1-8b",
      storage: "data",
      arrivals: { kind: "poisson", rate: 2 },
      duration: "10m",
    },
  ],
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in `v`. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** `v` with the value at `path` replaced (`undefined`: removed). */
function replaced(v: Json, path: (string | number)[], by: Json | undefined): Json {
  if (path.length === 0) return by ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (by === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = replaced(copy[head as number]!, rest, by);
    return copy;
  }
  const copy = { ...(v as Record<string, Json>) };
  if (by === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = replaced(copy[head as string]!, rest, by);
  return copy;
}

const odd: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json | undefined>(
    undefined,
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 2,
    1e-300,
    "",
    "1e400GB",
    "999999999999999999999h",
    "a\ud800b",
    "x".repeat(5000),
    "10 ZB",
    "NaN",
    "-5s",
    [],
    {},
    { __x: 1 },
  ),
);

const isError = (body: unknown) => {
  const e = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  expect(typeof e?.code).toBe("string");
  expect(typeof e?.message).toBe("string");
  return e as { code: string; message: string; issues?: { path: unknown[]; line?: number; message: string }[] };
};

/** A 400 about the request or the scenario names where: every issue has a path or a line. */
function namesItsField(status: number, body: unknown): void {
  if (status !== 400) return;
  const e = isError(body);
  if (e.code === "CAL_ERR_FIO" || e.code === "CAL_ERR_MIXED" || e.code === "CAL_ERR_NAME") return; // names the document
  expect(e.issues?.length, JSON.stringify(e)).toBeGreaterThan(0);
  // The whole document of the wrong type has the empty path: the field is the document itself.
  const whole = new Set(["invalid_type", "empty_document", "multiple_documents", "invalid_text"]);
  for (const i of e.issues!) {
    const named = i.path.length > 0 || i.line !== undefined || whole.has((i as { code?: string }).code ?? "");
    expect(named, JSON.stringify(e)).toBe(true);
  }
}

const targets = paths(scenario as unknown as Json);

describe("fuzzed write requests", () => {
  fcTest.prop([fc.nat(targets.length - 1), odd, fc.constantFrom("validate", "runs", "text")], {
    numRuns: 1500,
    seed: 14,
  })("scenario submissions: no 5xx, errors name their field", async (at, value, where) => {
    const body = replaced(scenario as unknown as Json, targets[at]!, value);
    const payload = where === "text" ? { text: JSON.stringify(body) } : { scenario: body as Record<string, Json> };
    const url = where === "runs" ? "/api/runs" : "/api/scenarios/validate";
    const r = await call(app, "POST", url, payload);
    expect(r.status, `${url} ${JSON.stringify(payload).slice(0, 300)}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
    if (r.status >= 400) {
      isError(r.body);
      namesItsField(r.status, r.body);
    }
  });

  const request = { seed: 1, replications: 2, fidelity: "bulk", bundled: "checkpoint-vs-reads" };
  const requestPaths = paths(request as unknown as Json);
  fcTest.prop([fc.nat(requestPaths.length - 1), odd], { numRuns: 500, seed: 15 })(
    "run options: no 5xx, errors name their field",
    async (at, value) => {
      const payload = replaced(request as unknown as Json, requestPaths[at]!, value);
      const r = await call(app, "POST", "/api/runs", payload);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
      if (r.status >= 400 && r.status !== 404) namesItsField(r.status, r.body);
    },
  );

  fcTest.prop([odd, fc.constantFrom("PATCH", "POST"), fc.constantFrom("r00000001", "r99999999", "x".repeat(60))], {
    numRuns: 400,
    seed: 16,
  })("pin and rerun bodies: no 5xx", async (value, method, id) => {
    const url = method === "PATCH" ? `/api/runs/${id}` : `/api/runs/${id}/rerun`;
    const body = method === "PATCH" ? replaced({ pinned: true }, ["pinned"], value) : value;
    const r = await app.inject({
      method,
      url,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(body ?? null),
    });
    expect(r.statusCode, r.body).toBeLessThan(500);
    if (r.statusCode >= 400) isError(r.json());
  });

  fcTest.prop([odd, fc.constantFrom("name", "fio", "machine", "category", "survivesNodeLoss", "allowMixed")], {
    numRuns: 400,
    seed: 17,
  })("profile uploads: no 5xx, errors name their field or document", async (value, key) => {
    const base: Json = { name: "fuzz-disk", fio: ['{"jobs": []}'], machine: "m" };
    const r = await call(app, "POST", "/api/profiles", replaced(base, [key], value));
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    if (r.status >= 400) namesItsField(r.status, r.body);
  });
});
