/**
 * The web UI as a fastify plugin: `GET /` (index.html), `GET /app.js` and `GET /app.css` (web/main.ts and
 * web/style.css as bundled by esbuild). The bundle is built when the plugin is registered, once per
 * process (later registrations, such as one app per test, reuse it), and the files are served from memory.
 */
import type { FastifyPluginAsync } from "fastify";
import { readFile } from "node:fs/promises";
import { projectPath } from "../src/scenarios/project.ts";
import { buildWebBundle, type WebBundle } from "./build.ts";

let bundle: Promise<WebBundle> | undefined;

/** The bundle, built on first use in this process. A failed build is retried on the next call. */
export function webBundle(): Promise<WebBundle> {
  bundle ??= buildWebBundle().catch((err: unknown) => {
    bundle = undefined;
    throw err;
  });
  return bundle;
}

/**
 * What the page may load: only this server's own files (no CDNs, no external fonts). Plot writes inline
 * styles; downloads draw a `blob:` SVG into a canvas.
 */
const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const file = (name: string) => readFile(projectPath("web", name), "utf8");

/** Serves the UI. Register it on the app that serves `/api`; it adds no hooks and no decorators. */
export const webUi: FastifyPluginAsync = async (app) => {
  const [html, { js, css }] = await Promise.all([file("index.html"), webBundle()]);
  const send = (type: string, body: string) => ({ type, body });
  const routes: [string, { type: string; body: string }][] = [
    ["/", send("text/html; charset=utf-8", html)],
    ["/app.js", send("text/javascript; charset=utf-8", js)],
    ["/app.css", send("text/css; charset=utf-8", css)],
  ];
  for (const [url, { type, body }] of routes) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) =>
      reply
        .header("content-type", type)
        .header("cache-control", "no-cache")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", CSP)
        .send(body),
    );
  }
};

export default webUi;
