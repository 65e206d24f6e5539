/**
 * A scenario file: a cluster, named storage bindings, training jobs. `z.input` is what users write (human
 * units, presets by name); `z.output` is canonical (bytes, bytes/s, µs, USD).
 */
import { z } from "zod";
import { Cluster } from "./cluster.ts";
import { JobSpec } from "./job.ts";
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
    jobs: z.array(JobSpec).min(1),
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
  });

export type ScenarioSpec = z.input<typeof Scenario>;
export type ScenarioConfig = z.output<typeof Scenario>;
