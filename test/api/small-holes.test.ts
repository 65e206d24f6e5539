/**
 * The smaller holes of issue 14, item 9, each as it was found: a 414 echoed the whole URL as a bad request; a
 * top-level `__proto__` in valid JSON was called "not valid JSON"; a lone surrogate was accepted as a name;
 * `/api/docs` had neither a Content-Security-Policy nor nosniff; the CLI took seeds above 2^53 (the API refuses
 * them); a missing profile file was called "no such scenario file".
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, makeApp, SMALL_YAML } from "./helpers.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp({});
});
afterAll(() => app.close());

describe("API", () => {
  test("a path part over 100 characters: 414 API_ERR_URI_TOO_LONG, without the URL", async () => {
    const long = "x".repeat(5000);
    const r = await app.inject({ url: `/api/runs/${long}` });
    expect(r.statusCode).toBe(414);
    expect(r.json().error.code).toBe("API_ERR_URI_TOO_LONG");
    expect(r.body).not.toContain(long.slice(0, 200));
  });

  test("a __proto__ key is refused by name, not called invalid JSON", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/scenarios/validate",
      headers: { "content-type": "application/json" },
      payload: `{"text": ${JSON.stringify(SMALL_YAML)}, "__proto__": {"x": 1}}`,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('invalid body: __proto__: the key "__proto__" is not allowed');
    expect(r.json().error.issues[0].path).toEqual(["__proto__"]);
  });

  test("an empty JSON body says to send {}", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/scenarios/validate",
      headers: { "content-type": "application/json" },
      payload: "",
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/the body is empty: send a JSON value/);
  });

  test("a lone surrogate in a name is refused at the field", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", {
      scenario: { ...JSON.parse(JSON.stringify({ name: "ok" })), name: "bad\ud800name" },
    });
    expect(r.status).toBe(400);
    expect(r.body.error!.issues).toEqual([
      { code: "invalid_text", path: ["name"], message: "not valid Unicode text (a lone surrogate)" },
    ]);
  });

  test("the docs page has a Content-Security-Policy and nosniff, as / has", async () => {
    for (const url of ["/api/docs/", "/api/health"]) {
      const r = await app.inject({ url });
      expect(r.headers["x-content-type-options"], url).toBe("nosniff");
    }
    const docs = await app.inject({ url: "/api/docs/" });
    expect(docs.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(docs.headers["content-security-policy"]).not.toMatch(/upgrade-insecure-requests|https:/);
  });
});

describe("CLI", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/stallsim.js", ...args], { encoding: "utf8" });

  test("a seed above 2^53 is refused, as the API refuses it", () => {
    const r = cli("run", "checkpoint-vs-reads", "--seed", "9007199254740993");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("invalid --seed: 9007199254740993 (expected an integer from 0 to 9007199254740991)");
  });

  test("a missing profile file is called a profile file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-holes-"));
    const file = path.join(dir, "s.yaml");
    writeFileSync(file, SMALL_YAML.replace("preset: fsx-lustre, capacity: 10TB", "profile: nope.json"));
    const r = cli("run", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("storage.data.profile: nope.json: no such profile file");
  });
});
