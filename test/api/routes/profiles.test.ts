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
import { loadScenarioProfiles } from "../../../src/scenarios/load-profiles.ts";
import { parseScenarioText } from "../../../src/scenarios/parse-text.ts";
import { runScenario } from "../../../src/scenarios/run.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
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
    expect(Object.keys(stored.body)).toEqual(["profile", "curves", "fitError", "warnings"]);
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

/** A multipart/form-data body: `files` as file parts named `fio`, `fields` as plain parts. */
function multipart(files: readonly [string, string][], fields: Record<string, string>) {
  const boundary = "----stallsim-test-boundary";
  const parts = [
    ...Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
    ...files.map(
      ([name, text]) =>
        `--${boundary}\r\ncontent-disposition: form-data; name="fio"; filename="${name}"\r\n` +
        `content-type: application/json\r\n\r\n${text}\r\n`,
    ),
  ];
  return { payload: `${parts.join("")}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("POST /api/profiles takes fio files as they are", () => {
  const want = async () => (await call(app, "GET", "/api/profiles/vm-disk")).body;

  test("raw fio JSON documents with ?name= fit the same profile as the wrapped upload", async () => {
    const r = await call(
      app,
      "POST",
      "/api/profiles?name=raw-disk&machine=test%20vm",
      FIO.map((t) => JSON.parse(t)),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.fitError).toEqual((await want()).fitError);
    expect((r.body.profile as { title: string }).title).toBe("Fitted from fio on test vm");
  });

  test("a single raw fio document is one fio output (here: too little for a profile, a 400 naming why)", async () => {
    const r = await call(app, "POST", "/api/profiles?name=one-doc", JSON.parse(FIO[0]!));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "CAL_ERR_FIO" });
    expect(r.body.error!.message).toContain("needs random and sequential");
  });

  test("fio's output as text/plain (documents one after another) with ?name=", async () => {
    const r = await call(app, "POST", "/api/profiles?name=text-disk", `fio-3.33 starting\n${FIO.join("\n")}`, {
      "content-type": "text/plain",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.fitError).toEqual((await want()).fitError);
  });

  test("multipart files with a name field: the files name the profile's sources", async () => {
    const { payload, contentType } = multipart(
      FILES.map((f, i) => [f, FIO[i]!]),
      { name: "form-disk", machine: "test vm", survivesNodeLoss: "false" },
    );
    const r = await call(app, "POST", "/api/profiles", payload, { "content-type": contentType });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.fitError).toEqual((await want()).fitError);
    const refs = (r.body.profile as { sources: { ref: string }[] }).sources.map((s) => s.ref);
    expect(refs.sort()).toEqual([...FILES].sort());
  });

  test("a form or text post from another site's page is refused (403) and stores nothing", async () => {
    const { payload, contentType } = multipart([[FILES[0]!, FIO[0]!]], { name: "csrf-disk" });
    const origin = { origin: "http://evil.example" };
    const form = await call(app, "POST", "/api/profiles", payload, { "content-type": contentType, ...origin });
    expect(form.status).toBe(403);
    expect(form.body.error!.code).toBe("API_ERR_FORBIDDEN");
    const text = await call(app, "POST", "/api/profiles?name=csrf-disk", FIO.join("\n"), {
      "content-type": "text/plain",
      ...origin,
    });
    expect(text.status).toBe(403);
    expect((await call(app, "GET", "/api/profiles/csrf-disk")).status).toBe(404);
    // The same page's own origin is fine.
    const same = await call(app, "POST", "/api/profiles?name=same-origin", FIO.join("\n"), {
      "content-type": "text/plain",
      origin: "http://localhost:80",
      host: "localhost:80",
    });
    expect(same.status).toBe(201);
  });

  test("a raw upload without a name is a 400 at name", async () => {
    const r = await call(
      app,
      "POST",
      "/api/profiles",
      FIO.map((t) => JSON.parse(t)),
    );
    expect(r.status).toBe(400);
    expect(r.body.error!.issues!.map((i) => i.path)).toContainEqual(["name"]);
  });

  test("runs from two devices are refused (CAL_ERR_MIXED) unless allowMixed", async () => {
    const docs = FIO.map((t) => JSON.parse(t) as { disk_util: { name: string }[] });
    docs[3]!.disk_util[0]!.name = "nvme0n1";
    const mixed = await call(app, "POST", "/api/profiles?name=mixed-disk", docs);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error!.code).toBe("CAL_ERR_MIXED");
    expect(mixed.body.error!.message).toMatch(/2 devices: vda \(fio\[0\], fio\[1\], \+1 more\); nvme0n1 \(fio\[3\]\)/);
    const allowed = await call(app, "POST", "/api/profiles?name=mixed-disk&allowMixed=true", docs);
    expect(allowed.status).toBe(201);
  });

  test("the answer carries the fit's warnings (this VM's runs: a one-depth curve, points the curve misses)", async () => {
    const r = await call(
      app,
      "POST",
      "/api/profiles?name=warned-disk",
      FIO.map((t) => JSON.parse(t)),
    );
    const codes = (r.body.warnings as { code: string }[]).map((w) => w.code);
    expect(codes).toContain("one-point-curve");
    expect(codes).toContain("poor-fit");
  });
});

// Issue 15: the README's one calibration flow writes a document (`stallsim calibrate --run … -o FILE`) that the
// server must take as it is, passes and all.
describe("POST /api/profiles takes a calibrate --run document", () => {
  const PROFILE_FILE = "calibration/profiles/vm-vda-ext4-2026-11-24.json";
  /** A calibrate --run document: the committed profile, and two passes (as fitted, and at half the bandwidth). */
  function runDocument(): Record<string, unknown> {
    const doc = JSON.parse(readFileSync(PROFILE_FILE, "utf8")) as { profile: Record<string, unknown> };
    const half = structuredClone(doc.profile) as { volume: { read: { bytesPerSecond: number } } };
    half.volume.read.bytesPerSecond /= 2;
    return { ...doc, passProfiles: [doc.profile, half], repeatability: { passes: 2, worstSpread: 0.5 } };
  }

  test("stored as it is (passes and repeatability kept, the profile named as stored); runs report the AU range", async () => {
    const r = await call(app, "POST", "/api/profiles", { name: "run-disk", calibration: runDocument() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((r.body.profile as { name: string }).name).toBe("run-disk");
    const stored = (await call(app, "GET", "/api/profiles/run-disk")).body as Record<string, unknown>;
    expect((stored.passProfiles as unknown[]).length).toBe(2);
    expect(stored.repeatability).toEqual({ passes: 2, worstSpread: 0.5 });
    const id = await startRun(app, { text: withProfile("run-disk"), fidelity: "bulk" });
    expect((await waitForEnd(app, id)).status).toBe("done");
    const result = JSON.parse((await app.inject({ url: `/api/runs/${id}/result` })).body) as {
      alternatives: {
        jobs: { au: number; calibrationPasses?: { passes: number; au: { low: number; high: number } } }[];
      }[];
    };
    const job = result.alternatives[0]!.jobs[0]!;
    expect(job.calibrationPasses?.passes).toBe(2);
    expect(job.calibrationPasses!.au.low).toBeLessThanOrEqual(job.calibrationPasses!.au.high);
  });

  test("the document posted raw, with ?name=, is the same upload", async () => {
    const r = await call(app, "POST", "/api/profiles?name=raw-run-disk", runDocument());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await call(app, "GET", "/api/profiles/raw-run-disk")).body).toMatchObject({ repeatability: { passes: 2 } });
  });

  test.each([
    [{ profile: { name: "x" } }, ["calibration", "profile"]],
    [{ profile: 5 }, ["calibration", "profile"]],
  ])("a document that is not a profile file is a 400 at calibration.<path>, and nothing is stored", async (doc, p) => {
    const r = await call(app, "POST", "/api/profiles", { name: "bad-run-disk", calibration: doc });
    expect(r.status).toBe(400);
    expect(r.body.error!.issues![0]!.path.slice(0, 2)).toEqual(p);
    expect((await call(app, "GET", "/api/profiles/bad-run-disk")).status).toBe(404);
  });

  test("fio and calibration together are a 400", async () => {
    const r = await call(app, "POST", "/api/profiles", { name: "both-disk", fio: FIO, calibration: runDocument() });
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toContain("give one");
  });
});

describe("a scenario naming a stored profile", () => {
  test("runs with it, and gives the same result as the same profile read from a file by the CLI", async () => {
    const byName = await startRun(app, { text: withProfile("vm-disk"), fidelity: "bulk" });
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-api-"));
    writeFileSync(path.join(dir, "vm-disk.json"), (await app.inject({ url: "/api/profiles/vm-disk" })).body);
    const scenarioFile = path.join(dir, "scenario.yaml");
    writeFileSync(scenarioFile, withProfile("vm-disk.json"));
    const config = validateScenario(parseScenarioText(withProfile("vm-disk.json")), scenarioFile);
    const profiles = await loadScenarioProfiles(config, scenarioFile);
    const b = JSON.stringify(runScenario(config, { fidelity: "bulk", profiles }));
    expect((await waitForEnd(app, byName)).status).toBe("done");
    const a = (await app.inject({ url: `/api/runs/${byName}/result` })).body;
    expect(JSON.parse(a).alternatives[0].storage[0].preset).toBe("vm-disk");
    expect(a).toBe(b);

    // The run keeps the profile it used: deleting the stored one changes neither it nor its rerun.
    expect((await call(app, "DELETE", "/api/profiles/vm-disk")).status).toBe(204);
    expect((await call(app, "GET", "/api/profiles/vm-disk")).status).toBe(404);
    const rerun = await call(app, "POST", `/api/runs/${byName}/rerun`, {});
    expect(rerun.status).toBe(202);
    expect((await waitForEnd(app, rerun.body.id as string)).status).toBe("done");
    expect((await app.inject({ url: `/api/runs/${rerun.body.id as string}/result` })).body).toBe(a);
    // A new submission naming it now fails at the binding's path.
    const gone = await call(app, "POST", "/api/runs", { text: withProfile("vm-disk") });
    expect(gone.status).toBe(400);
    expect(gone.body.error!.issues![0]!.path).toEqual(["storage", "data", "profile"]);
  });

  // Issue 14, item 6: absolute paths and ../ were read over the API, and the error told which files existed.
  test.each(["/etc/passwd", "/dev/zero", process.execPath, "../../package.json", "/no/such/profile.json", RUN_DIR])(
    "a file path (%s) is refused over the API with one answer, whatever is on disk",
    async (ref) => {
      const r = await call(app, "POST", "/api/runs", { text: withProfile(ref) });
      expect(r.status).toBe(400);
      expect(r.body.error!.issues).toEqual([
        {
          code: "unknown_name",
          path: ["storage", "data", "profile"],
          message:
            `profile ${JSON.stringify(ref)} is a file path: over the API profiles come from the profile store (upload ` +
            "the file, or its fio runs, with POST /api/profiles and name the stored profile here); file paths are for stallsim run",
        },
      ]);
    },
  );

  test("DELETE of an unknown profile is a 404", async () => {
    const r = await call(app, "DELETE", "/api/profiles/never-stored");
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: "API_ERR_NOT_FOUND", message: 'unknown profile: "never-stored"' });
  });
});
