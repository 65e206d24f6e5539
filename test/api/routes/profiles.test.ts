/**
 * Stored storage profiles: fio JSON uploaded, fitted as `stallsim calibrate` fits it, stored under a unique
 * name, used by scenarios as `storage.<b>.profile: NAME` (the same result as the same profile from a file),
 * kept with the runs that used it; bad fio output is a 400 naming the document and the problem.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fitFioRuns } from "../../../src/calibration/fit.ts";
import { calibrationDocument, calibrationJson, fittedProfile } from "../../../src/calibration/fitted-profile.ts";
import { loadFioFiles } from "../../../src/calibration/load-fio.ts";
import { call, makeApp, SMALL_YAML, startRun, waitForEnd } from "../helpers.ts";

const RUN_DIR = "calibration/runs/vm-vda-ext4-2026-11-24";
const FILES = readdirSync(RUN_DIR)
  .filter((f) => f.endsWith(".json") && f !== "machine.json")
  .sort();
const FIO = FILES.map((f) => readFileSync(path.join(RUN_DIR, f), "utf8"));

const withProfile = (ref: string) =>
  SMALL_YAML.replace("preset: fsx-lustre, capacity: 10TB", `profile: ${JSON.stringify(ref)}`);

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp({ bodyLimit: 4 * 2 ** 20 });
});
afterAll(() => app.close());

describe("POST /api/profiles", () => {
  test("fits the fio runs as stallsim calibrate does and stores the calibration document", async () => {
    const r = await call(app, "POST", "/api/profiles", { name: "vm-disk", fio: FIO, machine: "test vm" });
    expect(r.status).toBe(201);
    const fit = fitFioRuns(loadFioFiles(FILES.map((f) => path.join(RUN_DIR, f))));
    const expected = JSON.parse(calibrationJson(calibrationDocument(fittedProfile("vm-disk", fit, "test vm"), fit)));
    expect(r.body.name).toBe("vm-disk");
    expect(r.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The fit is the CLI's; only the sources name the uploaded documents instead of the files.
    const { sources: _a, ...profile } = r.body.profile as Record<string, unknown>;
    const { sources: _b, ...want } = expected.profile;
    expect(profile).toEqual(want);
    expect(r.body.fitError).toEqual(expected.fitError);
    const refs = (r.body.profile as { sources: { ref: string }[] }).sources.map((s) => s.ref);
    expect(refs.sort()).toEqual(FILES.map((_, i) => `fio[${i}]`));

    const stored = await call(app, "GET", "/api/profiles/vm-disk");
    expect(stored.status).toBe(200);
    expect(Object.keys(stored.body)).toEqual(["profile", "curves", "fitError"]);
    expect(stored.body.profile).toEqual(r.body.profile);
  });

  test("lists stored profiles with a summary", async () => {
    const r = await call(app, "GET", "/api/profiles");
    expect(r.status).toBe(200);
    const [p] = r.body as unknown as { name: string; summary: Record<string, number> }[];
    expect(p!.name).toBe("vm-disk");
    expect(p!.summary.readBytesPerSecond).toBeGreaterThan(1e6);
    expect(p!.summary.curves).toBeGreaterThan(4);
    expect(p!.summary.meanFitError).toBeGreaterThanOrEqual(0);
  });

  test("a name that is taken is a 409", async () => {
    const r = await call(app, "POST", "/api/profiles", { name: "vm-disk", fio: FIO });
    expect(r.status).toBe(409);
    expect(r.body.error!.code).toBe("API_ERR_CONFLICT");
  });

  test.each([
    [["{ not json"], "fio[0]: truncated JSON at line 1"],
    [['{"jobs": 5}'], 'fio[0]: document 1 (line 1) has no "jobs" array'],
    [() => [FIO[0]!, FIO[1]!.slice(0, 500)], "fio[1]: truncated JSON at line"],
    [["no json here"], "fio[0]: no JSON object found"],
  ])("bad fio output is a 400 CAL_ERR_FIO naming the document and the problem", async (fio, message) => {
    const texts = typeof fio === "function" ? fio() : fio;
    const r = await call(app, "POST", "/api/profiles", { name: "bad-disk", fio: texts });
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe("CAL_ERR_FIO");
    expect(r.body.error!.message).toContain(message);
    expect((await call(app, "GET", "/api/profiles/bad-disk")).status).toBe(404);
  });

  test("fio runs without both random and sequential I/O cannot make a profile: 400", async () => {
    const r = await call(app, "POST", "/api/profiles", { name: "half-disk", fio: [FIO[0]!] });
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe("CAL_ERR_FIO");
  });

  test.each([
    [{ name: "Not Kebab", fio: ["{}"] }, ["name"]],
    [{ name: "x", fio: [] }, ["fio"]],
    [{ name: "x", fio: [5] }, ["fio", 0]],
    [{ name: "x" }, ["fio"]],
  ])("a malformed upload (%j) is a 400 with the path", async (body, p) => {
    const r = await call(app, "POST", "/api/profiles", body);
    expect(r.status).toBe(400);
    expect(r.body.error!.issues!.map((i) => i.path)).toContainEqual(p);
  });
});

describe("a scenario naming a stored profile", () => {
  test("runs with it, and gives the same result as the same profile read from a file", async () => {
    const byName = await startRun(app, { text: withProfile("vm-disk"), fidelity: "bulk" });
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-api-"));
    const file = path.join(dir, "vm-disk.json");
    writeFileSync(file, (await app.inject({ url: "/api/profiles/vm-disk" })).body);
    const byFile = await startRun(app, { text: withProfile(file), fidelity: "bulk" });
    expect((await waitForEnd(app, byName)).status).toBe("done");
    expect((await waitForEnd(app, byFile)).status).toBe("done");
    const a = (await app.inject({ url: `/api/runs/${byName}/result` })).body;
    const b = (await app.inject({ url: `/api/runs/${byFile}/result` })).body;
    expect(JSON.parse(a).alternatives[0].storage[0].preset).toBe("vm-disk");
    expect(a).toBe(b);

    // The run keeps the profile it used: deleting the stored one changes neither it nor its rerun.
    expect((await call(app, "DELETE", "/api/profiles/vm-disk")).status).toBe(204);
    expect((await call(app, "GET", "/api/profiles/vm-disk")).status).toBe(404);
    const rerun = await call(app, "POST", `/api/runs/${byName}/rerun`);
    expect(rerun.status).toBe(202);
    expect((await waitForEnd(app, rerun.body.id as string)).status).toBe("done");
    expect((await app.inject({ url: `/api/runs/${rerun.body.id as string}/result` })).body).toBe(a);
    // A new submission naming it now fails at the binding's path.
    const gone = await call(app, "POST", "/api/runs", { text: withProfile("vm-disk") });
    expect(gone.status).toBe(400);
    expect(gone.body.error!.issues![0]!.path).toEqual(["storage", "data", "profile"]);
  });

  test("a profile file that does not exist is a 400 at the binding's path", async () => {
    const r = await call(app, "POST", "/api/runs", { text: withProfile("/no/such/profile.json") });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "SCN_ERR_INVALID", issues: [{ path: ["storage", "data", "profile"] }] });
  });

  test("DELETE of an unknown profile is a 404", async () => {
    const r = await call(app, "DELETE", "/api/profiles/never-stored");
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: "API_ERR_NOT_FOUND", message: 'unknown profile: "never-stored"' });
  });
});
