/**
 * The server: builds the app, listens (HOST, default 127.0.0.1; PORT, default 3000; 0 picks a free port),
 * prints the address, and closes gracefully on SIGINT or SIGTERM (runs still going are stored as failed,
 * "interrupted", the database is closed).
 */
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import { optionsFromEnv, type AppOptions, type ListenOptions } from "./options.ts";

/** A listening server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  /** e.g. `http://127.0.0.1:3000`. */
  readonly address: string;
  /** Resolves once the server has closed (after a signal or `close()`). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts listening with `app` options and `listen` address (default: from the environment).
 * @throws RangeError for a bad environment value; the listen error (e.g. EADDRINUSE).
 */
export async function startServer(
  opts: { app?: AppOptions; listen?: ListenOptions; signals?: boolean } = {},
): Promise<RunningServer> {
  const env = optionsFromEnv(process.env);
  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? "warn" }, ...(opts.app ?? env.app) });
  const { host, port } = opts.listen ?? env.listen;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  app.addHook("onClose", async () => resolveClosed());
  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (e) {
    await app.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close());
  if (opts.signals !== false) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void close());
  }
  return { app, address, closed, close };
}
