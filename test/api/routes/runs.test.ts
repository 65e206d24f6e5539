/**
 * Runs through the API: a run goes queued → running → done with progress, its result is byte for byte what
 * `runScenario` gives for the same scenario and seed, a rerun gives the same bytes, and the list, search,
 * delete and error paths (404, 409, 422, provisioning 400) behave as docs/api.md says.
 */
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseScenarioText } from "../../../src/scenarios/parse-text.ts";
import { runScenario } from "../../../src/scenarios/run.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { call, makeApp, pollRun, QUICK, SMALL_YAML, startRun, waitForEnd } from "../helpers.ts";

const bundledText = (name: string) =>
  readFileSync(new URL(`../../../src/scenarios/bundled/${name}.yaml`, import.meta.url), "utf8");

/** What `stallsim run --json` prints for this text and options. */
const direct = (text: string, opts: Parameters<typeof runScenario>[1] = {}) =>
  JSON.stringify(runScenario(validateScenario(parseScenarioText(text)), opts));

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

describe("POST /api/runs", () => {
  test("a run goes queued → running → done with progress, and its result is runScenario's, byte for byte", async () => {
    const id = await startRun(app, { bundled: "checkpoint-vs-reads", replications: 2, seed: 5 });
    expect(id).toMatch(/^r\d{8}$/);
    const seen = await pollRun(app, id, (r) => r.status === "done", 60_000);
    const statuses = seen.map((r) => r.status).filter((s, i, a) => s !== a[i - 1]);
    expect(statuses).toEqual(["queued", "running", "done"]);
    const fractions = seen.map((r) => r.progress.fraction);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ progress: { fraction: 1, message: "done" }, seed: 5, replications: 2, error: null });
    expect(last.startedAt).not.toBeNull();
    expect(last.finishedAt! >= last.startedAt!).toBe(true);

    const res = await app.inject({ url: `/api/runs/${id}/result` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toBe(direct(bundledText("checkpoint-vs-reads"), { seed: 5, replications: 2 }));
    const result = res.json();
    // One headline per alternative (the three checkpoint policies), never a sum.
    expect(last.headline).toEqual({
      alternatives: result.alternatives.map(
        (a: { name: string; utilisation: number; wallHours: number; cost: Record<string, never> }) => ({
          name: a.name,
          utilisation: a.utilisation,
          totalUsd: a.cost.totalUsd,
          wallHours: a.wallHours,
          idlePerYearUsd: (a.cost.runRate as unknown as { idlePerYearUsd: number }).idlePerYearUsd,
        }),
      ),
      cheapest: result.comparison.cheapest,
      warnings: result.warnings.length,
    });
    expect(last.headline!.alternatives).toHaveLength(3);
  });

  test("a scenario given as text or as an object runs like the CLI; the text is kept as submitted", async () => {
    const fromText = await startRun(app, { text: SMALL_YAML, fidelity: "bulk" });
    const asObject = parseScenarioText(SMALL_YAML);
    const fromObject = await startRun(app, { scenario: asObject, fidelity: "bulk" });
    for (const id of [fromText, fromObject]) expect((await waitForEnd(app, id)).status).toBe("done");
    const a = await app.inject({ url: `/api/runs/${fromText}/result` });
    const b = await app.inject({ url: `/api/runs/${fromObject}/result` });
    expect(a.body).toBe(direct(SMALL_YAML, { fidelity: "bulk" }));
    expect(b.body).toBe(a.body);
    expect((await call(app, "GET", `/api/runs/${fromText}/scenario`)).body).toEqual({ text: SMALL_YAML });
    expect((await call(app, "GET", `/api/runs/${fromObject}/scenario`)).body.text).toBe(
      JSON.stringify(asObject, null, 2),
    );
  });

  test("a rerun of a stored run gives byte-identical result JSON", async () => {
    const first = await startRun(app, { ...QUICK, seed: 11 });
    expect((await waitForEnd(app, first)).status).toBe("done");
    const again = await call(app, "POST", `/api/runs/${first}/rerun`, {});
    expect(again.status).toBe(202);
    const second = again.body.id as string;
    expect(second).not.toBe(first);
    expect(again.res.headers.location).toBe(`/api/runs/${second}`);
    const run = await waitForEnd(app, second);
    expect(run).toMatchObject({ status: "done", seed: 11, name: "mlperf-unet3d-h100" });
    const a = await app.inject({ url: `/api/runs/${first}/result` });
    const b = await app.inject({ url: `/api/runs/${second}/result` });
    expect(b.body).toBe(a.body);
    expect(JSON.parse(a.body).seed).toBe(11);
  });

  test("provisioning above a preset's maximum is the client's error: 400, not 500", async () => {
    const text = SMALL_YAML.replace("preset: fsx-lustre, capacity: 10TB", "preset: ebs-gp3, iops: 900000");
    const r = await call(app, "POST", "/api/runs", { text });
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe("SCN_ERR_INVALID");
    expect(r.body.error!.message).toMatch(/iops|IOPS/);
  });

  test("work over the budget is refused with 422 saying the estimate, the budget and how to reduce it", async () => {
    const r = await call(app, "POST", "/api/runs", { bundled: "fleet-idle-spend", fidelity: "per-step" });
    expect(r.status).toBe(422);
    const e = r.body.error!;
    expect(e.code).toBe("API_ERR_OVER_BUDGET");
    expect(e.message).toMatch(
      /^estimated work \S+ units \(≈ [\d.]+ \w+ of one core\) exceeds the budget of 600M units \(≈ 10 min, STALLSIM_WORK_BUDGET\)/,
    );
    expect(e.message).toContain("fidelity: bulk");
    expect(e.issues).toEqual([
      { code: "over_budget", path: ["jobs", 0], message: expect.stringContaining("per-step") },
    ]);
    const runs = await call(app, "GET", "/api/runs?q=fleet");
    expect(runs.body.total).toBe(0);
  });

  test("an unknown bundled scenario is a 404 with a suggestion", async () => {
    const r = await call(app, "POST", "/api/runs", { bundled: "mlperf-unet3d-h10" });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "SCN_ERR_NOT_FOUND", issues: [{ path: ["bundled"] }] });
    expect(r.body.error!.message).toContain('did you mean "mlperf-unet3d-h100"?');
  });
});

describe("GET /api/runs and /api/runs/:id", () => {
  test("lists newest first, searches by name, filters by status, pages with limit and offset", async () => {
    const all = await call(app, "GET", "/api/runs?limit=500");
    const runs = all.body.runs as { id: string; name: string; status: string }[];
    expect(all.body.total).toBe(runs.length);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.map((r) => r.id)).toEqual(
      runs
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
    const small = await call(app, "GET", "/api/runs?q=SMA");
    expect((small.body.runs as { name: string }[]).every((r) => r.name === "small")).toBe(true);
    expect(small.body.total).toBe(2);
    expect((await call(app, "GET", "/api/runs?q=%25")).body.total).toBe(0);
    const done = await call(app, "GET", "/api/runs?status=done&limit=1&offset=1");
    expect(done.body.runs).toHaveLength(1);
    expect((done.body.runs as { id: string }[])[0]!.id).toBe(runs.filter((r) => r.status === "done")[1]!.id);
  });

  test.each([
    ["/api/runs/r99999999", "GET"],
    ["/api/runs/r99999999/result", "GET"],
    ["/api/runs/r99999999/result.csv", "GET"],
    ["/api/runs/r99999999/scenario", "GET"],
    ["/api/runs/r99999999/rerun", "POST"],
    ["/api/runs/r99999999", "DELETE"],
  ] as const)("%s (%s) of an unknown id is a 404 naming it", async (url, method) => {
    const r = await call(app, method, url, method === "POST" ? {} : undefined);
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: "API_ERR_NOT_FOUND", message: 'unknown run: "r99999999"' });
  });

  test("a run that is not done has no result yet: 409", async () => {
    // One worker: the second run waits in the queue behind the first.
    const busy = await startRun(app, { bundled: "checkpoint-vs-reads" });
    const queued = await startRun(app, QUICK);
    const r = await call(app, "GET", `/api/runs/${queued}/result`);
    expect(r.status).toBe(409);
    expect(r.body.error!.code).toBe("API_ERR_NOT_READY");
    expect(r.body.error!.message).toMatch(new RegExp(`^run ${queued} is (queued|running)`));
    expect((await call(app, "GET", `/api/runs/${queued}/result.csv`)).status).toBe(409);
    await waitForEnd(app, busy, 60_000);
    await waitForEnd(app, queued);
  });
});

describe("DELETE /api/runs/:id", () => {
  test("deletes one run and never another", async () => {
    const before = (await call(app, "GET", "/api/runs?limit=500")).body.runs as { id: string }[];
    const victim = before[1]!.id;
    expect((await call(app, "DELETE", `/api/runs/${victim}`)).status).toBe(204);
    expect((await call(app, "GET", `/api/runs/${victim}`)).status).toBe(404);
    const after = (await call(app, "GET", "/api/runs?limit=500")).body.runs as { id: string }[];
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id).filter((id) => id !== victim));
    for (const { id } of after) expect((await call(app, "GET", `/api/runs/${id}`)).status).toBe(200);
    // A new run never reuses a deleted run's id.
    const fresh = await startRun(app, { ...QUICK, fidelity: "bulk" });
    expect(fresh > before[0]!.id).toBe(true);
    await waitForEnd(app, fresh);
  });
});
