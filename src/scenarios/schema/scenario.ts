/**
 * A scenario file: a cluster, named storage bindings, training jobs (and serving workloads); with an explicit
 * cluster (`cluster.pools`) also a job arrival process and storage designs to compare (cluster-workload.ts).
 * `z.input` is what users write (human units, presets by name); `z.output` is canonical (bytes, bytes/s, µs,
 * USD).
 */
import { z } from "zod";
import { Cluster } from "./cluster.ts";
import { checkCluster } from "./cluster-checks.ts";
import { DesignSpec, JobArrivalsSpec } from "./cluster-workload.ts";
import { Goal } from "./goal.ts";
import { InferenceSpec } from "./inference.ts";
import { checkInference } from "./inference-checks.ts";
import { JobSpec } from "./job.ts";
import { SearchSpace } from "./search.ts";
import { StorageBinding } from "./storage.ts";

export const Scenario = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(""),
    /** Default seed; `--seed` overrides. */
    seed: z.number().int().nonnegative().default(1),
    /** per-step: every sample and step is an event; bulk: steady state between changes; auto: per-step when small. */
    fidelity: z.enum(["auto", "per-step", "bulk"]).default("auto"),
    cluster: Cluster,
    storage: z.record(z.string(), StorageBinding),
    /** Training jobs (`[]` for a serving-only scenario); at least one job or one inference workload. */
    jobs: z.array(JobSpec),
    /** Serving workloads (schema/inference.ts). */
    inference: z.array(InferenceSpec).default([]),
    /** Jobs arriving over time on an explicit cluster (schema/cluster-workload.ts). */
    arrivals: JobArrivalsSpec.optional(),
    /** Storage designs compared on an explicit cluster, each run on its own copy of the cluster. */
    designs: z.array(DesignSpec).min(1).optional(),
    /** What `stallsim plan` looks for (schema/goal.ts); ignored by `run`. */
    goal: Goal.optional(),
    /** The designs `stallsim plan` tries (schema/search.ts); ignored by `run`. */
    search: SearchSpace.optional(),
  })
  .superRefine((s, ctx) => {
    const names = Object.keys(s.storage);
    s.jobs.forEach((job, i) => {
      const refs: [string, string | undefined][] = [
        ["data", job.data.storage],
        ["checkpoint", job.checkpoint?.storage],
      ];
      for (const [field, ref] of refs) {
        if (ref !== undefined && !names.includes(ref)) {
          ctx.addIssue({
            code: "custom",
            path: ["jobs", i, field, "storage"],
            message: `unknown storage binding ${JSON.stringify(ref)} (defined: ${names.map((n) => JSON.stringify(n)).join(", ") || "none"})`,
          });
        }
      }
    });
    const seen = new Set<string>();
    s.jobs.forEach((job, i) => {
      if (seen.has(job.name))
        ctx.addIssue({
          code: "custom",
          path: ["jobs", i, "name"],
          message: `duplicate job name ${JSON.stringify(job.name)}`,
        });
      seen.add(job.name);
    });
    if (s.jobs.length === 0 && s.inference.length === 0 && s.arrivals === undefined) {
      ctx.addIssue({ code: "custom", path: ["jobs"], message: "give at least one training job or inference workload" });
    }
    s.inference.forEach((w, i) => {
      if (seen.has(w.name))
        ctx.addIssue({
          code: "custom",
          path: ["inference", i, "name"],
          message: `duplicate workload name ${JSON.stringify(w.name)}`,
        });
      seen.add(w.name);
    });
    checkInference(s, ctx);
    checkCluster(s, ctx);
  });

export type ScenarioSpec = z.input<typeof Scenario>;
export type ScenarioConfig = z.output<typeof Scenario>;
