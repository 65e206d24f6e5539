/**
 * What an explicit cluster (`cluster.pools`) adds to a scenario file: a job arrival process (Poisson arrivals of
 * jobs drawn from weighted templates) and the storage designs to compare on the same cluster and workload
 * (each design replaces some storage bindings and, optionally, the scheduler). docs/scenarios.md has examples.
 */
import { z } from "zod";
import { SchedulerSpec } from "./cluster.ts";
import { JobSpec } from "./job.ts";
import { StorageBinding } from "./storage.ts";
import { zDuration, zPositiveCount, zPositiveDuration } from "./units.ts";

/** A job template of the arrival process. */
export const JobTemplateSpec = z.strictObject({
  /** Relative frequency among the templates. */
  weight: z.number().positive().default(1),
  /** The job; arrivals are named `NAME-1`, `NAME-2`, … in arrival order; its `submit` is ignored. */
  job: JobSpec,
});

/** Poisson job arrivals (seeded named streams `SEED/cluster/job-arrivals` and `SEED/cluster/job-templates`). */
export const JobArrivalsSpec = z.strictObject({
  kind: z.literal("poisson").default("poisson"),
  /** Mean time between arrivals. */
  meanInterval: zPositiveDuration,
  /** Jobs that arrive. */
  count: zPositiveCount,
  /** Arrivals start after this time. */
  start: zDuration.prefault("0s"),
  templates: z.array(JobTemplateSpec).min(1),
});

/** One storage design run on the scenario's cluster and workload. */
export const DesignSpec = z.strictObject({
  /** Unique; the design's jobs are reported as `DESIGN/JOB`. */
  name: z.string().min(1),
  description: z.string().default(""),
  /** Bindings this design replaces (by the names the jobs use). */
  storage: z.record(z.string(), StorageBinding).default({}),
  /** The scheduler of this design (default: the cluster's). */
  scheduler: SchedulerSpec.optional(),
});

export type JobArrivalsConfig = z.output<typeof JobArrivalsSpec>;
export type DesignConfig = z.output<typeof DesignSpec>;
