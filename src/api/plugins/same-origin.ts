/**
 * Requests from other web sites (`name: 'same-origin'`). A page on any site can make a browser send a "simple"
 * request — a form post, `text/plain`, or a body-less POST — to a server on the user's machine without asking
 * it first, and DNS rebinding can make such a page look same-site. So:
 * - the `Host` header must name this server (`allowedHosts`, by default the loopback names when it listens on a
 *   loopback address; any when it listens on all interfaces), else 421 for every request;
 * - every POST, PUT, PATCH and DELETE whose `Origin` is another origin (or `null`), or whose `Sec-Fetch-Site` is
 *   `cross-site`, is refused (403);
 * - every POST, PUT and PATCH must carry `Content-Type: application/json` (a body-less action sends `{}`),
 *   which a browser sends cross-site only after a CORS preflight this server never grants; the one exception is
 *   `POST /api/profiles` with fio files as `multipart/form-data` or `text/plain` (curl uploads), which the
 *   Origin check above guards.
 * Requests without an Origin (curl, scripts, the CLI) pass the origin check; the bearer token (auth.ts) is the
 * guard against other local programs.
 */
import fp from "fastify-plugin";
import { ApiError } from "../errors.ts";

/** Options of the plugin. */
export interface SameOriginOptions {
  /** Host names (without port) a request's Host may name; undefined: any. */
  readonly allowedHosts: readonly string[] | undefined;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
const UPLOAD_TYPES = new Set(["multipart/form-data", "text/plain"]);

/** `localhost:3000` → `localhost`; `[::1]:3000` → `::1`. */
export function hostName(host: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host) ?? /^([^:]+)(?::\d+)?$/.exec(host);
  return (m?.[1] ?? host).toLowerCase();
}

/** True when `origin` names the same scheme-less host and port as the request's `host`. */
export function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const from = new URL(origin);
    // Compared as URLs, so a default port written out (Host: localhost:80) matches the origin without it.
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

const forbidden = (message: string) => new ApiError("API_ERR_FORBIDDEN", 403, message);

/** Adds the checks as one `onRequest` hook. */
export const sameOriginPlugin = fp<SameOriginOptions>(
  async (app, opts) => {
    const allowed = opts.allowedHosts?.map((h) => hostName(h));
    app.addHook("onRequest", async (req) => {
      const host = req.headers.host;
      if (allowed !== undefined && (host === undefined || !allowed.includes(hostName(host)))) {
        throw new ApiError(
          "API_ERR_MISDIRECTED",
          421,
          `this server answers to ${allowed.join(", ")}, not ${JSON.stringify(host ?? "")} (STALLSIM_ALLOWED_HOSTS)`,
        );
      }
      if (!WRITES.has(req.method)) return;
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, host)) {
        throw forbidden(
          `cross-origin ${req.method} refused (Origin ${origin}): use this server's own page, curl or a script`,
        );
      }
      if (req.headers["sec-fetch-site"] === "cross-site") throw forbidden(`cross-site ${req.method} refused`);
      if (!WITH_BODY.has(req.method)) return;
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (type === "application/json") return;
      const path = req.url.split("?")[0];
      if (path === "/api/profiles" && UPLOAD_TYPES.has(type)) return;
      throw new ApiError(
        "API_ERR_UNSUPPORTED_MEDIA_TYPE",
        415,
        `${req.method} ${path} needs Content-Type: application/json${type === "" ? " (send {} when there is nothing to send)" : `, not ${type}`}`,
      );
    });
  },
  { name: "same-origin", fastify: "5.x" },
);
