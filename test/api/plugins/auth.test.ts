/**
 * The bearer token: with STALLSIM_TOKEN set, writes need `Authorization: Bearer <token>` (401 otherwise, before
 * the body is read); reads stay open; without a token everything is open.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bearerMatches } from "../../../src/api/plugins/auth.ts";
import { call, makeApp, SMALL_YAML } from "../helpers.ts";

describe("bearerMatches", () => {
  test.each([
    ["Bearer s3cret", true],
    ["bearer s3cret", true],
    ["Bearer   s3cret ", true],
    ["Bearer s3cret2", false],
    ["Bearer s3cre", false],
    ["Basic s3cret", false],
    ["s3cret", false],
    ["Bearer ", false],
    ["", false],
    [undefined, false],
  ])("%j → %s", (header, ok) => {
    expect(bearerMatches(header, "s3cret")).toBe(ok);
  });
});

describe("with a token", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp({ token: "s3cret" });
  });
  afterAll(() => app.close());
  const validate = { text: SMALL_YAML };

  test.each([
    ["no header", {}],
    ["a wrong token", { authorization: "Bearer nope" }],
    ["another scheme", { authorization: "Basic czNjcmV0" }],
  ])("a write with %s is a 401", async (_what, headers) => {
    for (const [method, url] of [
      ["POST", "/api/scenarios/validate"],
      ["POST", "/api/runs"],
      ["POST", "/api/profiles"],
      ["DELETE", "/api/runs/r00000001"],
      ["DELETE", "/api/profiles/x"],
    ] as const) {
      const r = await call(app, method, url, method === "POST" ? validate : undefined, headers);
      expect(r.status, `${method} ${url}`).toBe(401);
      expect(r.body.error!.code).toBe("API_ERR_UNAUTHORIZED");
      expect(r.res.headers["www-authenticate"]).toBe('Bearer realm="stallsim"');
    }
  });

  test("a write with the token goes through", async () => {
    const r = await call(app, "POST", "/api/scenarios/validate", validate, { authorization: "Bearer s3cret" });
    expect(r.status).toBe(200);
  });

  test("reads are open", async () => {
    expect((await call(app, "GET", "/api/runs")).status).toBe(200);
    expect((await call(app, "GET", "/api/health")).status).toBe(200);
  });

  test("the 401 comes before the body is read: an oversized body without the token is a 401, not a 413", async () => {
    const small = await makeApp({ token: "s3cret", bodyLimit: 100 });
    const r = await call(small, "POST", "/api/scenarios/validate", { text: "x".repeat(1000) });
    expect(r.status).toBe(401);
    await small.close();
  });
});

test("without a token, writes are open", async () => {
  const app = await makeApp();
  expect((await call(app, "POST", "/api/scenarios/validate", { text: SMALL_YAML })).status).toBe(200);
  await app.close();
});
