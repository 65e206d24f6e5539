/**
 * The shapes the web UI reads from the HTTP API (docs/api.md). The result document is the simulator's own
 * `ScenarioResult` type (src/scenarios/result/types.ts): one entry per alternative, never summed. Runs stored by
 * stallsim before 0.2 have another shape (one summed headline): `isCurrentResult` tells them apart, and the UI
 * offers to rerun them rather than misread them.
 */
import type { Cause } from "../src/models/gpu-time.ts";
import type {
  AlternativeResult,
  HoursByCause,
  InferenceResult,
  JobResult,
  ScenarioResult,
  Timeline,
  TimelineEvent,
} from "../src/scenarios/result/index.ts";

export type { AlternativeResult, Cause, HoursByCause, InferenceResult, JobResult, ScenarioResult };

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

/** A run's result as the UI reads it: today's document, or one stored by an earlier version (not read further). */
export type RunResult = ScenarioResult | { legacy: true; scenario: string };

/** True for a result in today's shape (with `alternatives`). */
export const isCurrentResult = (r: RunResult | null): r is ScenarioResult =>
  r !== null && Array.isArray((r as ScenarioResult).alternatives);

export interface BundledScenario {
  name: string;
  description: string;
  /** Alternatives it compares (jobs or serving workloads run alone, or cluster designs). */
  alternatives: number;
  /** Training jobs and serving workloads in one alternative (the largest). */
  workloads: number;
  /** GPUs of one alternative (the largest). */
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
  headline: {
    alternatives: { name: string; utilisation: number; totalUsd: number; wallHours: number; idlePerYearUsd: number }[];
    cheapest: string | null;
    warnings: number;
  } | null;
}

/** One alternative of one run in `GET /api/compare`. */
export interface CompareRun {
  id: string;
  /** The scenario's name. */
  name: string;
  alternative: string;
  /** What sets it apart from the others compared (the server's `compare-labels.ts`). */
  label: string;
  seed: number;
  replications: number;
  utilisation: number;
  /** Cost to finish, USD. */
  totalUsd: number;
  gpuHours: number;
  byCause: HoursByCause;
  gpuUsdByCause: HoursByCause;
  wallHours: number;
  perMonthUsd: number;
  idlePerYearUsd: number;
}

/** Presets as `GET /api/presets` lists them; entries may be names or objects with a name. */
export interface Presets {
  storage: (string | { name: string; title?: string })[];
  nodeTypes: (string | { name: string })[];
  gpus: unknown[];
}
