/**
 * Run schemas: the summary every run endpoint returns, the list and its query, the result document (typed
 * loosely: `src/scenarios/result.ts` is its definition and it may grow), and the comparison of runs.
 */
import { z } from "zod";
import { ErrorBody } from "./common.ts";
import { Fidelity } from "./scenarios.ts";

/** A run's life: queued → running → done | failed | cancelled. */
export const RUN_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatusName = z.output<typeof RunStatus>;

/** Key numbers of a done run. */
export const Headline = z.object({
  /** Compute GPU-hours / all GPU-hours, 0–1. */
  utilisation: z.number(),
  totalUsd: z.number(),
  wallHours: z.number(),
  /** Idle GPU time at this run rate for a year, USD. */
  idlePerYearUsd: z.number(),
});
export type HeadlineJson = z.output<typeof Headline>;

/** `{fraction, message}`, fraction 0–1. */
export const Progress = z.object({ fraction: z.number().min(0).max(1), message: z.string() });

export const RunSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    status: RunStatus,
    progress: Progress,
    seed: z.number().int(),
    replications: z.number().int(),
    fidelity: Fidelity,
    /** stallsim version that ran it. */
    version: z.string(),
    /** ISO 8601 UTC. */
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    /** Why a failed run failed (same shape as an error body's `error`). */
    error: ErrorBody.shape.error.nullable(),
    headline: Headline.nullable(),
  })
  .meta({ id: "RunSummary" });
export type RunSummaryJson = z.output<typeof RunSummary>;

/** `202 {id, status}`. */
export const RunAccepted = z.object({ id: z.string(), status: RunStatus });

export const RunListQuery = z.object({
  /** Scenario name contains (case-insensitive). */
  q: z.string().max(200).optional(),
  status: RunStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RunList = z.object({ runs: z.array(RunSummary), total: z.number().int() });

/** The `ScenarioResult` document, as `stallsim run --json` prints it (see src/scenarios/result.ts). */
export const ScenarioResultDoc = z
  .looseObject({
    scenario: z.string(),
    seed: z.number(),
    replications: z.number(),
    wallHours: z.number(),
    utilisation: z.number(),
    gpuHours: z.looseObject({ total: z.number(), byCause: z.record(z.string(), z.number()) }),
    cost: z.looseObject({ totalUsd: z.number() }),
    jobs: z.array(z.looseObject({ name: z.string() })),
    diagnosis: z.array(z.string()),
  })
  .meta({ id: "ScenarioResult" });

/** `{text}`: the scenario exactly as submitted. */
export const RunScenarioText = z.object({ text: z.string() });

export const CompareQuery = z.object({
  /** Comma-separated run ids. */
  ids: z.string().max(4000).optional(),
});

/** One run in a comparison. */
export const ComparedRun = z.object({
  id: z.string(),
  name: z.string(),
  utilisation: z.number(),
  totalUsd: z.number(),
  /** All GPU-hours. */
  gpuHours: z.number(),
  /** GPU-hours by cause. */
  byCause: z.record(z.string(), z.number()),
  /** USD of the GPU-hours lost to each non-compute cause. */
  idleUsdByCause: z.record(z.string(), z.number()),
  wallHours: z.number(),
});

export const Comparison = z.object({ runs: z.array(ComparedRun) });
