/**
 * Persistence in a database file: a done run survives a restart with its result byte for byte; runs a closing
 * server had queued or running are stored as failed, "interrupted", and the next server starts clean.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { call, LONG, makeApp, pollRun, QUICK, startRun, waitForEnd } from "./helpers.ts";

const INTERRUPTED = "interrupted: the server stopped before the run finished";

describe("a file database", () => {
  test("keeps runs across a restart; a closing server marks its active runs failed, interrupted", async () => {
    const dbPath = path.join(mkdtempSync(path.join(tmpdir(), "stallsim-api-")), "data", "stallsim.db");
    const first = await makeApp({ dbPath });
    const done = await startRun(first, { ...QUICK, seed: 3 });
    expect((await waitForEnd(first, done)).status).toBe("done");
    const result = (await first.inject({ url: `/api/runs/${done}/result` })).body;
    const csv = (await first.inject({ url: `/api/runs/${done}/result.csv` })).body;
    const running = await startRun(first, LONG);
    await pollRun(first, running, (r) => r.status === "running");
    const queued = await startRun(first, QUICK);
    await first.close();

    const second = await makeApp({ dbPath });
    const kept = await call(second, "GET", `/api/runs/${done}`);
    expect(kept.body).toMatchObject({ status: "done", seed: 3, name: "mlperf-unet3d-h100" });
    expect((await second.inject({ url: `/api/runs/${done}/result` })).body).toBe(result);
    expect((await second.inject({ url: `/api/runs/${done}/result.csv` })).body).toBe(csv);
    for (const id of [running, queued]) {
      const r = await call(second, "GET", `/api/runs/${id}`);
      expect(r.body).toMatchObject({
        status: "failed",
        error: { code: "API_ERR_INTERRUPTED", message: INTERRUPTED },
      });
      expect(r.body.finishedAt).not.toBeNull();
    }
    expect((await call(second, "GET", "/api/runs")).body.total).toBe(3);
    // The interrupted run can be run again on the new server.
    const again = await call(second, "POST", `/api/runs/${queued}/rerun`, {});
    expect((await waitForEnd(second, again.body.id as string)).status).toBe("done");
    await second.close();
  });
});
