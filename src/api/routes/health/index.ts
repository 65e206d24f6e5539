/**
 * `GET /api/health`: the server is up, and its version.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Health } from "../../schemas/health.ts";
import { STALLSIM_VERSION } from "../../version.ts";

/** Registers `GET /health` (under the `/api` prefix). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    { schema: { tags: ["meta"], summary: "The server is up", response: { 200: Health } } },
    async () => ({ ok: true as const, version: STALLSIM_VERSION }),
  );
};
