/**
 * Cross-field checks of an explicit cluster, run from the scenario's `superRefine` so each problem is an issue
 * at its field's path: cluster-only fields need `cluster.pools`; pool and design names are unique; the pools,
 * zones and bindings that jobs, templates, serving workloads and designs name exist; with pools, zones come
 * from the pools (not `cluster.zones`).
 */
import type { z } from "zod";
import type { ClusterConfig } from "./cluster.ts";
import type { DesignConfig, JobArrivalsConfig } from "./cluster-workload.ts";
import type { InferenceConfig } from "./inference.ts";
import type { JobConfig } from "./job.ts";
import type { StorageBindingConfig } from "./storage.ts";

type Ctx = z.core.$RefinementCtx<unknown>;

/** The parts of a scenario the checks read. */
export interface ClusterChecked {
  readonly cluster: ClusterConfig;
  readonly storage: Record<string, StorageBindingConfig>;
  readonly jobs: readonly JobConfig[];
  readonly inference: readonly InferenceConfig[];
  readonly arrivals?: JobArrivalsConfig;
  readonly designs?: readonly DesignConfig[];
}

const JOB_FIELDS = ["submit", "priority", "gpusPerNode", "pools", "estimate"] as const;
const STORAGE_FIELDS = ["volumeBindingMode", "zone", "perZone"] as const;
const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(", ") || "none";

/** Adds an issue for each problem of the scenario's explicit cluster (or of cluster-only fields without one). */
export function checkCluster(s: ClusterChecked, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const pools = s.cluster.pools;
  if (pools === undefined) {
    const needs = (path: (string | number)[]) => issue(path, "needs an explicit cluster (cluster.pools)");
    if (s.cluster.scheduler !== undefined) needs(["cluster", "scheduler"]);
    if (s.arrivals !== undefined) needs(["arrivals"]);
    if (s.designs !== undefined) needs(["designs"]);
    s.jobs.forEach((j, i) => JOB_FIELDS.forEach((f) => j[f] !== undefined && needs(["jobs", i, f])));
    for (const [name, b] of Object.entries(s.storage)) {
      STORAGE_FIELDS.forEach((f) => b[f] !== undefined && needs(["storage", name, f]));
    }
    s.inference.forEach((w, i) => w.placement.pool !== undefined && needs(["inference", i, "placement", "pool"]));
    return;
  }
  if (s.cluster.zones !== 1) issue(["cluster", "zones"], "with cluster.pools, zones come from the pools' `zone`");
  const poolNames = pools.map((p) => p.name);
  const zones = [...new Set(pools.map((p) => p.zone))];
  pools.forEach((p, i) => {
    if (poolNames.indexOf(p.name) !== i)
      issue(["cluster", "pools", i, "name"], `duplicate pool name ${JSON.stringify(p.name)}`);
  });
  const bindings = Object.keys(s.storage);
  const checkJob = (j: JobConfig, at: (string | number)[]) => {
    j.pools?.forEach((p, k) => {
      if (!poolNames.includes(p))
        issue([...at, "pools", k], `unknown pool ${JSON.stringify(p)} (defined: ${list(poolNames)})`);
    });
  };
  s.jobs.forEach((j, i) => checkJob(j, ["jobs", i]));
  const names = new Set([...s.jobs.map((j) => j.name), ...s.inference.map((w) => w.name)]);
  s.arrivals?.templates.forEach((t, i) => {
    const at = ["arrivals", "templates", i, "job"];
    checkJob(t.job, at);
    if (names.has(t.job.name)) issue([...at, "name"], `duplicate job name ${JSON.stringify(t.job.name)}`);
    names.add(t.job.name);
    for (const [field, ref] of [
      ["data", t.job.data.storage],
      ["checkpoint", t.job.checkpoint?.storage],
    ] as const) {
      if (ref !== undefined && !bindings.includes(ref)) {
        issue([...at, field, "storage"], `unknown storage binding ${JSON.stringify(ref)} (defined: ${list(bindings)})`);
      }
    }
  });
  s.inference.forEach((w, i) => {
    const p = w.placement.pool;
    if (p !== undefined && !poolNames.includes(p)) {
      issue(["inference", i, "placement", "pool"], `unknown pool ${JSON.stringify(p)} (defined: ${list(poolNames)})`);
    }
  });
  const checkZone = (b: StorageBindingConfig, at: (string | number)[]) => {
    if (b.zone !== undefined && !zones.includes(b.zone)) {
      issue([...at, "zone"], `unknown zone ${JSON.stringify(b.zone)} (the pools' zones: ${list(zones)})`);
    }
  };
  for (const [name, b] of Object.entries(s.storage)) checkZone(b, ["storage", name]);
  const designNames = (s.designs ?? []).map((d) => d.name);
  s.designs?.forEach((d, i) => {
    if (designNames.indexOf(d.name) !== i)
      issue(["designs", i, "name"], `duplicate design name ${JSON.stringify(d.name)}`);
    for (const [name, b] of Object.entries(d.storage)) {
      if (!bindings.includes(name)) {
        issue(
          ["designs", i, "storage", name],
          `replaces unknown storage binding ${JSON.stringify(name)} (defined: ${list(bindings)})`,
        );
      }
      checkZone(b, ["designs", i, "storage", name]);
    }
  });
}
