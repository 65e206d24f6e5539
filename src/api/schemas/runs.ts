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

/** Key numbers of one alternative of a done run (never summed with another). */
export const AlternativeHeadline = z.object({
  name: z.string(),
  /** Compute GPU-hours / all GPU-hours paid for, 0–1. */
  utilisation: z.number(),
  /** Cost to finish the alternative's work, USD. */
  totalUsd: z.number(),
  wallHours: z.number(),
  /** Idle GPU cost per year if it ran like this all year, USD. */
  idlePerYearUsd: z.number(),
});

/** Key numbers of a done run: one entry per alternative, the cheapest, and how many warnings it has. */
export const Headline = z.object({
  alternatives: z.array(AlternativeHeadline),
  /** The cheapest alternative doing the same work (null with one alternative, or when they differ in work). */
  cheapest: z.string().nullable(),
  warnings: z.number().int(),
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
    /** Kept by retention whatever its age (PATCH /api/runs/:id {pinned}). */
    pinned: z.boolean(),
  })
  .meta({ id: "RunSummary" });

/** `PATCH /api/runs/:id`: what may change on a stored run. */
export const RunPatch = z.strictObject({ pinned: z.boolean() });
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

/**
 * The `ScenarioResult` document, as `stallsim run --json` prints it (src/scenarios/result/types.ts). Runs stored by
 * stallsim before 0.2 have the earlier shape (one summed headline, no `alternatives`); they are returned as stored.
 */
export const ScenarioResultDoc = z
  .looseObject({
    scenario: z.string(),
    seed: z.number(),
    replications: z.number(),
    alternatives: z
      .array(
        z.looseObject({
          name: z.string(),
          utilisation: z.number(),
          wallHours: z.number(),
          gpuHours: z.looseObject({ total: z.number(), byCause: z.record(z.string(), z.number()) }),
          cost: z.looseObject({ totalUsd: z.number() }),
          diagnosis: z.array(z.string()),
        }),
      )
      .optional(),
  })
  .meta({ id: "ScenarioResult" });

/** `{text}`: the scenario exactly as submitted. */
export const RunScenarioText = z.object({ text: z.string() });

export const CompareQuery = z.object({
  /** Comma-separated run ids. */
  ids: z.string().max(4000).optional(),
});

/** One alternative of one run in a comparison (a run with several alternatives gives several entries). */
export const ComparedRun = z.object({
  id: z.string(),
  /** The scenario's name. */
  name: z.string(),
  /** The alternative's name (the job, serving workload or design). */
  alternative: z.string(),
  /** What tells this entry apart from the others compared: the settings that differ (preset, throughput, seed…). */
  label: z.string(),
  seed: z.number(),
  replications: z.number(),
  utilisation: z.number(),
  /** Cost to finish, USD. */
  totalUsd: z.number(),
  /** All GPU-hours paid for. */
  gpuHours: z.number(),
  /** GPU-hours by cause. */
  byCause: z.record(z.string(), z.number()),
  /** The GPU bill by cause, USD. */
  gpuUsdByCause: z.record(z.string(), z.number()),
  wallHours: z.number(),
  /** Run rate per month and idle cost per year, if it ran like this. */
  perMonthUsd: z.number(),
  idlePerYearUsd: z.number(),
});

export type ComparedRunJson = z.output<typeof ComparedRun>;

export const Comparison = z.object({ runs: z.array(ComparedRun) });
