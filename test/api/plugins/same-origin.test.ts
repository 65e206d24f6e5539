/**
 * Requests from other web sites (issue 14, item 5: `POST /api/runs/:id/rerun` accepted text/plain or no body,
 * so any page could start reruns on a server without a token). Every state-changing request needs a JSON
 * content type; one whose Origin is another site is refused; a Host that is not the server's is refused.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hostName, sameOrigin } from "../../../src/api/plugins/same-origin.ts";
import { optionsFromEnv } from "../../../src/api/options.ts";
import { makeApp, SMALL_YAML, startRun, waitForEnd } from "../helpers.ts";

let app: FastifyInstance;
let id: string;
beforeAll(async () => {
  app = await makeApp({ allowedHosts: ["localhost", "127.0.0.1", "::1"] });
  id = await startRun(app, { text: SMALL_YAML, fidelity: "bulk" });
  await waitForEnd(app, id);
});
afterAll(() => app.close());

const runs = async () => (await app.inject({ url: "/api/runs" })).json().total as number;

describe("state-changing requests", () => {
  test.each([
    ["no body, no content type", {}, undefined],
    ["text/plain", { "content-type": "text/plain" }, "x"],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }, "a=1"],
    ["a multipart form", { "content-type": "multipart/form-data; boundary=x" }, "--x--\r\n"],
  ])("a rerun as %s is refused (415) and starts nothing", async (_what, headers, payload) => {
    const before = await runs();
    const r = await app.inject({ method: "POST", url: `/api/runs/${id}/rerun`, headers, payload });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe("API_ERR_UNSUPPORTED_MEDIA_TYPE");
    expect(r.json().error.message).toMatch(/needs Content-Type: application\/json/);
    expect(await runs()).toBe(before);
  });

  test("with JSON it is accepted", async () => {
    const r = await app.inject({
      method: "POST",
      url: `/api/runs/${id}/rerun`,
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(r.statusCode).toBe(202);
    await waitForEnd(app, r.json().id);
  });

  test.each([
    ["another site", { origin: "https://evil.example" }],
    ["a sandboxed page", { origin: "null" }],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }],
  ])("a write from %s is refused (403), JSON or not", async (_what, headers) => {
    for (const [method, url] of [
      ["POST", `/api/runs/${id}/rerun`],
      ["DELETE", `/api/runs/${id}`],
      ["POST", "/api/scenarios/validate"],
    ] as const) {
      const r = await app.inject({
        method,
        url,
        headers: { "content-type": "application/json", ...headers },
        payload: method === "POST" ? JSON.stringify({ text: SMALL_YAML }) : undefined,
      });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().error.code).toBe("API_ERR_FORBIDDEN");
    }
    expect((await app.inject({ url: `/api/runs/${id}` })).statusCode).toBe(200);
  });

  test("the server's own page (same Origin as Host) may write", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/scenarios/validate",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", host: "localhost:3000" },
      payload: JSON.stringify({ text: SMALL_YAML }),
    });
    expect(r.statusCode).toBe(200);
  });

  test("a Host that is not this server's (DNS rebinding) is refused for reads too (421)", async () => {
    const r = await app.inject({ url: "/api/runs", headers: { host: "evil.example:3000" } });
    expect(r.statusCode).toBe(421);
    expect(r.json().error.code).toBe("API_ERR_MISDIRECTED");
    expect((await app.inject({ url: "/api/health", headers: { host: "127.0.0.1:3000" } })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/health", headers: { host: "[::1]:3000" } })).statusCode).toBe(200);
  });
});

describe("the pieces", () => {
  test.each([
    ["localhost:3000", "localhost"],
    ["[::1]:3000", "::1"],
    ["Example.COM", "example.com"],
  ])("hostName(%s) = %s", (host, name) => expect(hostName(host)).toBe(name));

  test.each([
    ["http://localhost:3000", "localhost:3000", true],
    ["http://localhost", "localhost:80", true],
    ["http://localhost:3001", "localhost:3000", false],
    ["https://localhost:3000", "localhost:3000", true],
    ["null", "localhost:3000", false],
  ])("sameOrigin(%s, %s) = %s", (origin, host, same) => expect(sameOrigin(origin, host)).toBe(same));

  test("serve allows the loopback names when it listens on loopback, any host on all interfaces, or a list", () => {
    expect(optionsFromEnv({}).app.allowedHosts).toEqual(["127.0.0.1", "localhost", "::1"]);
    expect(optionsFromEnv({ HOST: "0.0.0.0" }).app.allowedHosts).toBeUndefined();
    expect(
      optionsFromEnv({ HOST: "0.0.0.0", STALLSIM_ALLOWED_HOSTS: "sim.internal, 10.0.0.5" }).app.allowedHosts,
    ).toEqual(["sim.internal", "10.0.0.5"]);
  });
});
