/**
 * One point as a worker thread runs it: a validated scenario and its run options in, the result document out.
 * The task reads nothing but its input, so a thread gives the same result as the main thread. Errors come back
 * as data (a thrown error loses its class and fields between threads) and are revived on the main thread;
 * progress goes over the task's `port` as fractions 0–1, at most about 50 messages per point.
 */
import type { MessagePort } from "node:worker_threads";
import type { StorageProfile } from "../../models/storage/profile.ts";
import { isScenarioError, ScenarioError, type ScenarioErrorCode, type ScenarioIssue } from "../errors.ts";
import type { ScenarioResult } from "../result/index.ts";
import { runScenario } from "../run.ts";
import type { ScenarioConfig } from "../schema/scenario.ts";

/** A scenario's fidelity option. */
export type Fidelity = "auto" | "per-step" | "bulk";

/** What a worker needs to run one point (structured-cloneable). */
export interface PointTaskInput {
  readonly config: ScenarioConfig;
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
  readonly fidelity?: Fidelity | undefined;
  readonly profiles?: ReadonlyMap<string, StorageProfile> | undefined;
  /** Where progress fractions go; transferred with the task. */
  readonly port?: MessagePort | undefined;
}

/** An error as data: enough to rebuild a `ScenarioError`, a `RangeError` or a plain `Error`. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  readonly code?: ScenarioErrorCode | undefined;
  readonly issues?: readonly ScenarioIssue[] | undefined;
  readonly source?: string | undefined;
}

/** The outcome of a task. */
export type PointTaskOutput =
  { readonly ok: true; readonly result: ScenarioResult } | { readonly ok: false; readonly error: ErrorData };

/** Smallest progress step a task reports. */
const PROGRESS_STEP = 0.02;

/** Runs one point (synchronously: it is the whole job of the thread). Never throws. */
/** The worker's task (the compiled build's dist/point-worker.js exports it as the default). */
export default function runPointTaskDefault(input: PointTaskInput): PointTaskOutput {
  return runPointTask(input);
}

export function runPointTask(input: PointTaskInput): PointTaskOutput {
  const port = input.port;
  let last = 0;
  try {
    const result = runScenario(input.config, {
      seed: input.seed,
      replications: input.replications,
      fidelity: input.fidelity,
      profiles: input.profiles,
      onProgress: port
        ? (done, total) => {
            const f = total > 0 ? done / total : 1;
            if (f - last >= PROGRESS_STEP) {
              last = f;
              port.postMessage(f);
            }
          }
        : undefined,
    });
    return { ok: true, result };
  } catch (e) {
    return { ok: false, error: errorData(e) };
  }
}

/** `e` as data for the trip between threads. */
export function errorData(e: unknown): ErrorData {
  if (isScenarioError(e)) {
    return { name: e.name, message: e.message, stack: e.stack, code: e.code, issues: e.issues, source: e.source };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: "Error", message: String(e) };
}

/** The error `data` stands for: a `ScenarioError`, a `RangeError`, or an `Error` with the same name and stack. */
export function reviveError(data: ErrorData): Error {
  if (data.name === "ScenarioError" && data.code !== undefined) {
    return new ScenarioError(data.code, data.issues ?? [], { source: data.source });
  }
  const e = data.name === "RangeError" ? new RangeError(data.message) : new Error(data.message);
  if (data.name !== e.name) e.name = data.name;
  if (data.stack !== undefined) e.stack = data.stack;
  return e;
}
