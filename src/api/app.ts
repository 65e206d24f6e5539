/**
 * The application: `buildApp(opts)` makes the fastify instance with the Zod validator and serializer, the one
 * error handler, the OpenAPI document (`/api/openapi.json`) and docs page (`/api/docs`), the plugins (db,
 * repositories, run manager, auth) and then the routes under `/api`, and the web UI at `/` when `web/plugin.ts`
 * exists. It does not listen (server.ts does), so tests use `app.inject()`.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import {
  createSerializerCompiler,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { errorResponse } from "./error-payload.ts";
import { ApiError, isApiError } from "./errors.ts";
import { settingsOf, type AppOptions, type Settings } from "./options.ts";
import { authPlugin } from "./plugins/auth.ts";
import { parseJsonBody } from "./json-body.ts";
import { sameOriginPlugin } from "./plugins/same-origin.ts";
import { dbPlugin } from "./plugins/db.ts";
import { profilesRepositoryPlugin } from "./plugins/profiles-repository.ts";
import { runManagerPlugin } from "./plugins/run-manager.ts";
import { runsRepositoryPlugin } from "./plugins/runs-repository.ts";
import { compareRoutes } from "./routes/compare/index.ts";
import { healthRoutes } from "./routes/health/index.ts";
import { presetsRoutes } from "./routes/presets/index.ts";
import { profilesRoutes } from "./routes/profiles/index.ts";
import { runsRoutes } from "./routes/runs/index.ts";
import { scenariosRoutes } from "./routes/scenarios/index.ts";
import { validatorCompiler } from "./validator.ts";
import { STALLSIM_VERSION } from "./version.ts";

export type { AppOptions } from "./options.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The options `buildApp` was given, with defaults filled in. */
    settings: Settings;
  }
}

/** Registers the web UI (web/plugin.ts), loaded only when the UI is served. */
async function registerWebUi(app: FastifyInstance): Promise<void> {
  const { webUi } = await import("../../web/plugin.ts");
  await app.register(webUi);
}

/**
 * Builds the application (not listening). Call `app.close()` when done: it stops the runs still going (they
 * are stored as failed, "interrupted") and closes the database.
 * @throws the better-sqlite3 error when the database cannot be opened (on `ready`/first request).
 */
export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance> {
  const settings = settingsOf(opts);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: settings.bodyLimit,
    // A client that declares a body and sends less (or sends slowly) cannot hold a connection open for ever.
    requestTimeout: settings.requestTimeoutMs,
    // Node checks the request timeout on this interval (its default, 30 s, would let a short body linger that long).
    http: { connectionsCheckingInterval: Math.min(1_000, settings.requestTimeoutMs) },
    // Framework-level client errors (a malformed URL) get the same error body as everything else.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const { status, error } = errorResponse(err, settings.bodyLimit);
      void reply.code(status).send({ error });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate("settings", settings);
  app.server.headersTimeout = Math.min(10_000, settings.requestTimeoutMs);
  // Every answer says what it is: browsers must not guess a type (the UI and the docs page included).
  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    return payload;
  });
  // JSON bodies: depth and keys checked before anything walks them (json-body.ts).
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const parsed = parseJsonBody(body as string);
    if ("error" in parsed) done(parsed.error, undefined);
    else done(null, parsed.value);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler());

  app.setErrorHandler((err, req, reply) => {
    const { status, error, internal } = errorResponse(err, settings.bodyLimit);
    if (isApiError(err)) reply.headers(err.headers);
    if (!internal) return reply.code(status).send({ error });
    // A bug: the client gets an id to quote and nothing of the internals; the log has the detail under that id.
    const errorId = randomUUID().slice(0, 8);
    req.log.error({ err, errorId, method: req.method, url: req.url }, "internal error");
    return reply.code(status).send({ error: { ...error, message: `internal error ${errorId} (logged)`, id: errorId } });
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new ApiError("API_ERR_NOT_FOUND", 404, `no such endpoint: ${req.method} ${req.url.split("?")[0]}`);
    return reply.code(404).send({ error: errorResponse(e, settings.bodyLimit).error });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "stallsim API",
        description: "GPU idle time caused by storage: scenarios, runs, results, stored storage profiles.",
        version: STALLSIM_VERSION,
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      ...(settings.token === undefined ? {} : { security: [{ bearer: [] }] }),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // The docs page with a Content-Security-Policy for its own scripts and styles (the plugin computes the hashes).
  // Nothing from other hosts (no validator badge, no fonts), and no upgrade to https on a plain-http server.
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: (csp) =>
      csp
        .replace(/\s*upgrade-insecure-requests;?/, "")
        .replace(" validator.swagger.io", "")
        .replace(/font-src [^;]*;/, "font-src 'self' data:;")
        .replace(/style-src 'self' https: ;/, "style-src 'self' 'unsafe-inline';"),
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(dbPlugin, { path: settings.dbPath });
  await app.register(runsRepositoryPlugin);
  await app.register(profilesRepositoryPlugin);
  await app.register(runManagerPlugin, {
    workers: settings.workers,
    maxQueued: settings.maxQueued,
    retention: settings.retention,
  });
  await app.register(sameOriginPlugin, { allowedHosts: settings.allowedHosts });
  await app.register(authPlugin, { token: settings.token });

  for (const routes of [healthRoutes, scenariosRoutes, presetsRoutes, runsRoutes, compareRoutes, profilesRoutes])
    await app.register(routes, { prefix: "/api" });

  if (settings.ui) await registerWebUi(app);
  return app;
}
