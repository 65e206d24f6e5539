/**
 * Bearer-token protection of the write endpoints (`name: 'auth'`). With a token configured, every POST, PUT,
 * PATCH and DELETE needs `Authorization: Bearer <token>` (else 401 before the body is read); reads stay open.
 * The comparison is constant-time (over SHA-256 digests, so the token's length does not leak either).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import fp from "fastify-plugin";
import { unauthorized } from "../errors.ts";

/** Options of the auth plugin. */
export interface AuthPluginOptions {
  /** The token; undefined: no protection. */
  readonly token: string | undefined;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** True when `header` is `Bearer <token>` (scheme case-insensitive), compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return timingSafeEqual(digest(m?.[1] ?? ""), digest(token)) && m !== null;
}

/** Adds the bearer check as an `onRequest` hook when a token is configured; nothing otherwise. */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, opts) => {
    const token = opts.token;
    if (token === undefined || token === "") return;
    app.addHook("onRequest", async (req, reply) => {
      if (!WRITES.has(req.method) || bearerMatches(req.headers.authorization, token)) return;
      reply.header("www-authenticate", 'Bearer realm="stallsim"');
      throw unauthorized();
    });
  },
  { name: "auth", fastify: "5.x" },
);
