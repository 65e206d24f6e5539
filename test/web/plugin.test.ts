/**
 * The web plugin on a bare fastify: the page, the bundle and the stylesheet, with their types and a
 * content security policy that allows nothing from other origins.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import webUiDefault, { webUi } from "../../web/plugin.ts";

describe("webUi", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(webUi);
  }, 60_000);
  afterAll(() => app.close());

  test("is also the default export", () => {
    expect(webUiDefault).toBe(webUi);
  });

  test.for([
    { url: "/", type: "text/html; charset=utf-8", has: '<script type="module" src="/app.js">' },
    { url: "/app.js", type: "text/javascript; charset=utf-8", has: "stallsim.token" },
    { url: "/app.css", type: "text/css; charset=utf-8", has: ".kpi" },
  ])("GET $url", async ({ url, type, has }) => {
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(type);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.body.includes(has), `body contains ${has}`).toBe(true);
  });

  test("the page references no other origin", async () => {
    for (const url of ["/", "/app.css"]) {
      const body = (await app.inject({ method: "GET", url })).body.replaceAll("http://www.w3.org/2000/svg", "");
      expect(body).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    }
    // The stylesheet is one file: esbuild inlined its imports.
    expect((await app.inject({ method: "GET", url: "/app.css" })).body).not.toContain("@import");
  });
});
