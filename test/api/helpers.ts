/**
 * Test helpers for the API: an app on an in-memory database without the UI, JSON requests through
 * `app.inject()`, waiting for a run to reach a status, and small scenarios.
 */
import type { HeadlineJson } from "../../src/api/schemas/runs.ts";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { buildApp, type AppOptions } from "../../src/api/app.ts";

/** An app on `:memory:` with one worker and no UI (override anything). */
export const makeApp = (opts: AppOptions = {}): Promise<FastifyInstance> =>
  buildApp({ dbPath: ":memory:", ui: false, workers: 1, ...opts });

/** A JSON request; `body` is the parsed JSON (undefined when the answer is not JSON). */
export async function call(
  app: FastifyInstance,
  method: "GET" | "POST" | "DELETE" | "PATCH",
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  let body: unknown;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body: body as Record<string, unknown> & { error?: ErrorBody }, res };
}

export interface ErrorBody {
  code: string;
  message: string;
  issues?: { code: string; path: (string | number)[]; message: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `GET /api/runs/:id` until `until(summary)` holds; returns every summary seen. */
export async function pollRun(
  app: FastifyInstance,
  id: string,
  until: (run: RunSummary) => boolean,
  timeoutMs = 30_000,
): Promise<RunSummary[]> {
  const seen: RunSummary[] = [];
  const end = performance.now() + timeoutMs;
  for (;;) {
    const { status, body } = await call(app, "GET", `/api/runs/${id}`);
    expect(status).toBe(200);
    const run = body as unknown as RunSummary;
    seen.push(run);
    if (until(run)) return seen;
    if (performance.now() > end) throw new Error(`run ${id} stuck at ${run.status} (${run.progress.message})`);
    await sleep(15);
  }
}

/** Polls until the run has ended (done, failed or cancelled). */
export const waitForEnd = (app: FastifyInstance, id: string, timeoutMs?: number) =>
  pollRun(app, id, (r) => ["done", "failed", "cancelled"].includes(r.status), timeoutMs).then((s) => s.at(-1)!);

export interface RunSummary {
  id: string;
  name: string;
  status: string;
  progress: { fraction: number; message: string };
  seed: number;
  replications: number;
  fidelity: string;
  version: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: ErrorBody | null;
  headline: HeadlineJson | null;
}

/** Starts a run and returns its id (asserting the 202). */
export async function startRun(app: FastifyInstance, payload: unknown, headers?: Record<string, string>) {
  const r = await call(app, "POST", "/api/runs", payload, headers);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body.id as string;
}

/** A quick scenario (per-step unet3d on one node, ≈ 50 ms). */
export const QUICK = { bundled: "mlperf-unet3d-h100" } as const;
/** A run that takes tens of seconds: three per-step jobs (≈ 1 s per replication) many times over. */
export const LONG = { bundled: "checkpoint-vs-reads", replications: 60 } as const;

/** A small valid scenario as YAML text. */
export const SMALL_YAML = `name: small
cluster: { nodeType: p5.48xlarge }
storage:
  data: { preset: fsx-lustre, capacity: 10TB }
jobs:
  - name: train
    gpus: 8
    steps: 200
    compute: { stepTime: 300ms }
    data: { storage: data, samplesPerStep: 4, sampleSize: 10MB, datasetSize: 1TB }
`;
