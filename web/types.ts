/**
 * The shapes the web UI reads from the HTTP API (docs/api.md). The result document is the simulator's own
 * `ScenarioResult` type (src/scenarios/result.ts); its `timeline` is read as optional, because runs stored
 * before timelines existed lack it.
 */
import type { HoursByCause, ScenarioResult, Timeline, TimelineEvent } from "../src/scenarios/result.ts";

export type { HoursByCause, ScenarioResult };

/** A key of `HoursByCause`: compute, dataWait, checkpointWait, recovery, lostWork, idle. */
export type Cause = keyof HoursByCause;

/** A path into a scenario document, as zod reports it: object keys and array indices. */
export type Path = readonly (string | number)[];

/** One validation problem (docs/api.md "Errors"); `line`/`column` (1-based) come with syntax errors. */
export interface ApiIssue {
  code: string;
  path: Path;
  message: string;
  line?: number;
  column?: number;
}

export type { Timeline, TimelineEvent };

/** What a timeline event stands for: start-up, checkpoint write, failure or recovery. */
export type EventKind = TimelineEvent["kind"];

/** A run's result as the UI reads it: the simulator's result, maybe with a timeline. */
export type RunResult = Omit<ScenarioResult, "timeline"> & { timeline?: Timeline | null };

export interface BundledScenario {
  name: string;
  description: string;
  jobs: number;
  gpus: number;
}

export type RunStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  progress: { fraction: number; message: string } | null;
  seed: number;
  replications: number;
  fidelity: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | { message: string } | null;
  headline: { utilisation: number; totalUsd: number; wallHours: number; idlePerYearUsd: number } | null;
}

/** One run in `GET /api/compare`. */
export interface CompareRun {
  id: string;
  name: string;
  utilisation: number;
  totalUsd: number;
  /** Total GPU-hours (some servers send `{total}`; read it through `totalGpuHours`). */
  gpuHours: number | { total: number };
  byCause: HoursByCause;
  idleUsdByCause: Omit<HoursByCause, "compute">;
  wallHours: number;
}

/** Presets as `GET /api/presets` lists them; entries may be names or objects with a name. */
export interface Presets {
  storage: (string | { name: string; title?: string })[];
  nodeTypes: (string | { name: string })[];
  gpus: unknown[];
}
