/**
 * The run manager under load, through the API with one worker thread: the server answers while a long run
 * simulates, a full queue is a 429, a running or queued run is cancelled by DELETE (its thread is stopped, so
 * the next run goes on). Closing the app with runs going is in ../persistence.test.ts.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, LONG, makeApp, pollRun, QUICK, startRun, waitForEnd } from "../helpers.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp({ workers: 1, maxQueued: 2 });
});
afterAll(() => app.close());

describe("a long run in a worker thread", () => {
  let long: string;

  test("the server answers while it simulates", async () => {
    long = await startRun(app, LONG);
    await pollRun(app, long, (r) => r.status === "running" && r.progress.fraction > 0);
    const health = await call(app, "GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);
    const scenarios = await call(app, "GET", "/api/scenarios");
    expect(scenarios.status).toBe(200);
    // Still running: the answers did not wait for it.
    expect((await call(app, "GET", `/api/runs/${long}`)).body.status).toBe("running");
    // A run that is not done cannot be compared.
    const compare = await call(app, "GET", `/api/compare?ids=${long}`);
    expect(compare.status).toBe(409);
    expect(compare.body.error).toEqual({ code: "API_ERR_NOT_READY", message: `runs not done: ${long} (running)` });
  });

  test("the queue holds at most maxQueued runs: then 429", async () => {
    const queued = await startRun(app, QUICK);
    expect((await call(app, "GET", `/api/runs/${queued}`)).body.status).toBe("queued");
    const refused = await call(app, "POST", "/api/runs", QUICK);
    expect(refused.status).toBe(429);
    expect(refused.body.error!.code).toBe("API_ERR_BUSY");
    // Retry-After: the running run's remaining estimated work, in seconds (1–300).
    const after = Number(refused.res.headers["retry-after"]);
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThanOrEqual(300);
    expect(refused.body.error!.message).toBe(
      `run queue is full: 2 runs are queued or running (STALLSIM_MAX_QUEUED); retry in about ${after} s, when one is expected to finish`,
    );
    expect((await call(app, "POST", `/api/runs/${long}/rerun`, {})).status).toBe(429);

    // Cancelling the running one stops its thread: the queued one then runs to the end.
    const del = await call(app, "DELETE", `/api/runs/${long}`);
    expect(del.status).toBe(204);
    expect((await call(app, "GET", `/api/runs/${long}`)).status).toBe(404);
    expect((await waitForEnd(app, queued)).status).toBe("done");
  });

  test("a queued run is cancelled and deleted without ever running", async () => {
    const first = await startRun(app, LONG);
    const second = await startRun(app, QUICK);
    expect((await call(app, "DELETE", `/api/runs/${second}`)).status).toBe(204);
    expect((await call(app, "GET", `/api/runs/${second}`)).status).toBe(404);
    expect((await call(app, "GET", `/api/runs/${first}`)).status).toBe(200);
    expect((await call(app, "DELETE", `/api/runs/${first}`)).status).toBe(204);
    const left = await call(app, "GET", "/api/runs?status=running");
    expect(left.body.total).toBe(0);
  });
});
