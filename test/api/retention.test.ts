/**
 * Retention (issue 14, item 8: 4,201 runs in 30 s grew the database by 92 MB, with no limit): at most
 * STALLSIM_MAX_RUNS runs and STALLSIM_MAX_STORED_BYTES bytes are kept; beyond, the oldest finished runs that are
 * not pinned are deleted; when what may not be evicted fills the limits, a new run is refused with 507.
 */
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, test } from "vitest";
import { call, makeApp, QUICK, startRun, waitForEnd } from "./helpers.ts";

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ids = async (a: FastifyInstance): Promise<string[]> =>
  ((await call(a, "GET", "/api/runs?limit=500")).body.runs as { id: string }[]).map((r) => r.id);

async function runOne(a: FastifyInstance): Promise<string> {
  const id = await startRun(a, QUICK);
  await waitForEnd(a, id);
  return id;
}

describe("retention", () => {
  test("beyond the run limit the oldest finished, unpinned runs go; a pinned one stays", async () => {
    app = await makeApp({ maxRuns: 3 });
    const first = await runOne(app);
    const pin = await call(app, "PATCH", `/api/runs/${first}`, { pinned: true });
    expect(pin.status).toBe(200);
    expect(pin.body.pinned).toBe(true);
    const made = [first];
    for (let i = 0; i < 4; i++) made.push(await runOne(app));
    // 5 made, 3 kept: the pinned first and the two newest.
    expect((await ids(app)).sort()).toEqual([first, made[3]!, made[4]!].sort());
    expect((await call(app, "GET", `/api/runs/${made[1]!}`)).status).toBe(404);
  });

  test("the byte limit counts the scenario and the result", async () => {
    app = await makeApp({ maxStoredBytes: 50_000 });
    const a = await runOne(app);
    const bytesOfOne = (await app.inject({ url: `/api/runs/${a}/result` })).body.length;
    expect(bytesOfOne).toBeGreaterThan(10_000);
    for (let i = 0; i < 3; i++) await runOne(app);
    const kept = await ids(app);
    expect(kept.length).toBeLessThan(4);
    expect(kept.length * bytesOfOne).toBeLessThanOrEqual(50_000);
  });

  test("when pinned and active runs fill the limit a new run is refused (507) and nothing is deleted", async () => {
    app = await makeApp({ maxRuns: 2 });
    const a = await runOne(app);
    const b = await runOne(app);
    for (const id of [a, b]) expect((await call(app, "PATCH", `/api/runs/${id}`, { pinned: true })).status).toBe(200);
    const r = await call(app, "POST", "/api/runs", QUICK);
    expect(r.status).toBe(507);
    expect(r.body.error!.code).toBe("API_ERR_STORAGE_FULL");
    expect(r.body.error!.message).toMatch(/2 runs .* are queued, running or pinned.*unpin/);
    expect((await ids(app)).sort()).toEqual([a, b].sort());
    // Unpinning one makes room: it is the one evicted.
    expect((await call(app, "PATCH", `/api/runs/${a}`, { pinned: false })).body.pinned).toBe(false);
    const c = await runOne(app);
    expect((await ids(app)).sort()).toEqual([b, c].sort());
  });

  test("PATCH takes only {pinned: boolean}", async () => {
    app = await makeApp();
    const a = await runOne(app);
    const bad = await call(app, "PATCH", `/api/runs/${a}`, { pinned: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues![0]!.path).toEqual(["pinned"]);
    expect((await call(app, "PATCH", "/api/runs/r99999999", { pinned: true })).status).toBe(404);
  });
});
