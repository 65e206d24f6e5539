/**
 * Server settings: what `buildApp` takes, their defaults, and how `stallsim serve` reads them from the
 * environment (HOST, PORT, STALLSIM_DATA_DIR, STALLSIM_TOKEN, STALLSIM_BODY_LIMIT, STALLSIM_WORK_BUDGET,
 * STALLSIM_MAX_QUEUED, STALLSIM_WORKERS).
 */
import path from "node:path";
import type { FastifyServerOptions } from "fastify";
import { defaultWorkers } from "./runs/run-manager.ts";
import { DEFAULT_WORK_BUDGET } from "./runs/work-estimate.ts";

/** Options of `buildApp`. */
export interface AppOptions {
  /** SQLite file, or `:memory:` (tests). Default `<dataDir>/stallsim.db`. */
  readonly dbPath?: string | undefined;
  /** Folder of the database (created when missing). Default `./data`. */
  readonly dataDir?: string | undefined;
  /** Bearer token required by POST and DELETE; unset or empty: writes are open. */
  readonly token?: string | undefined;
  /** Largest request body, bytes. Default 2 MiB. */
  readonly bodyLimit?: number | undefined;
  /** Largest estimated work of a run, work units (see runs/work-estimate.ts). Default 3e8. */
  readonly workBudget?: number | undefined;
  /** Runs queued or running at most, then 429. Default 16. */
  readonly maxQueued?: number | undefined;
  /** Worker threads for runs. Default: cores − 1, at least 1. */
  readonly workers?: number | undefined;
  /** Serve the web UI (web/plugin.ts) at `/` when it exists. Default true. */
  readonly ui?: boolean | undefined;
  /**
   * Host names (no port) the `Host` header may name (DNS rebinding guard, plugins/same-origin.ts); undefined:
   * any. `stallsim serve` sets the loopback names when it listens on a loopback address.
   */
  readonly allowedHosts?: readonly string[] | undefined;
  /**
   * Milliseconds a client has to send a whole request, headers and body (then 408 and the connection closes;
   * the headers alone get at most 10 s). Default 30,000.
   */
  readonly requestTimeoutMs?: number | undefined;
  /**
   * Retention: at most this many stored runs (STALLSIM_MAX_RUNS, default 10,000) and bytes
   * (STALLSIM_MAX_STORED_BYTES, default 1 GiB); beyond, the oldest finished runs that are not pinned are deleted.
   */
  readonly maxRuns?: number | undefined;
  readonly maxStoredBytes?: number | undefined;
  /** fastify's logger option. Default false. */
  readonly logger?: FastifyServerOptions["logger"];
}

/** Options with every default filled in. */
export interface Settings {
  readonly dbPath: string;
  readonly dataDir: string;
  readonly token: string | undefined;
  readonly bodyLimit: number;
  readonly workBudget: number;
  readonly maxQueued: number;
  readonly workers: number;
  readonly ui: boolean;
  readonly allowedHosts: readonly string[] | undefined;
  readonly requestTimeoutMs: number;
  readonly retention: { readonly maxRuns: number; readonly maxBytes: number };
}

/** Default largest request body, bytes: 2 MiB. */
export const DEFAULT_BODY_LIMIT = 2 * 2 ** 20;
/** Default most stored runs. */
export const DEFAULT_MAX_RUNS = 10_000;
/** Default most bytes of stored runs: 1 GiB. */
export const DEFAULT_MAX_STORED_BYTES = 2 ** 30;
/** Default time to send a whole request, ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Default most runs queued or running. */
export const DEFAULT_MAX_QUEUED = 16;

/** Fills in the defaults. */
export function settingsOf(o: AppOptions): Settings {
  const dataDir = o.dataDir ?? "data";
  return {
    dataDir,
    dbPath: o.dbPath ?? path.join(dataDir, "stallsim.db"),
    token: o.token === "" ? undefined : o.token,
    bodyLimit: o.bodyLimit ?? DEFAULT_BODY_LIMIT,
    workBudget: o.workBudget ?? DEFAULT_WORK_BUDGET,
    maxQueued: o.maxQueued ?? DEFAULT_MAX_QUEUED,
    workers: o.workers ?? defaultWorkers(),
    ui: o.ui ?? true,
    allowedHosts: o.allowedHosts,
    requestTimeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retention: { maxRuns: o.maxRuns ?? DEFAULT_MAX_RUNS, maxBytes: o.maxStoredBytes ?? DEFAULT_MAX_STORED_BYTES },
  };
}

/** Loopback names: a server listening on one of them answers to all of them. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/** Where to listen. */
export interface ListenOptions {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, integer: boolean, min = 1): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
    throw new RangeError(
      `invalid ${name}: ${JSON.stringify(text)} (expected ${integer ? "an integer" : "a number"} ≥ ${min})`,
    );
  return n;
}

/**
 * Settings and address from environment variables; unset ones keep their defaults (HOST 127.0.0.1, PORT 3000).
 * @throws RangeError naming the variable for a value that is not a number in range.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): { app: AppOptions; listen: ListenOptions } {
  const host = env.HOST || "127.0.0.1";
  const listed = env.STALLSIM_ALLOWED_HOSTS?.split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  const allowedHosts =
    listed !== undefined && listed.length > 0 ? listed : LOOPBACK.has(host) ? [...LOOPBACK] : undefined;
  return {
    app: {
      dataDir: env.STALLSIM_DATA_DIR || undefined,
      token: env.STALLSIM_TOKEN || undefined,
      bodyLimit: positive(env, "STALLSIM_BODY_LIMIT", true),
      workBudget: positive(env, "STALLSIM_WORK_BUDGET", false),
      maxQueued: positive(env, "STALLSIM_MAX_QUEUED", true),
      workers: positive(env, "STALLSIM_WORKERS", true),
      allowedHosts,
      requestTimeoutMs: positive(env, "STALLSIM_REQUEST_TIMEOUT_MS", true),
      maxRuns: positive(env, "STALLSIM_MAX_RUNS", true),
      maxStoredBytes: positive(env, "STALLSIM_MAX_STORED_BYTES", true),
    },
    listen: { host, port: positive(env, "PORT", true, 0) ?? 3000 },
  };
}
