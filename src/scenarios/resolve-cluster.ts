/**
 * Turns a scenario with an explicit cluster (`cluster.pools`) into what src/models/cluster simulates, once per
 * storage design (a scenario without `designs` has one, named after nothing): the cluster's nodes, its
 * bindings with their zone rules, the training jobs (listed ones and, for the replication's seed, the
 * arrivals drawn from templates) with submit times, priorities and backfill estimates, the serving workloads,
 * and the scheduling policy. Storage profiles and jobs are resolved by resolve.ts on the design's variant of
 * the scenario (its bindings replaced), so provisioning rules and defaults are the same as without a cluster.
 *
 * Backfill estimate of a job: its `estimate`, else `estimateRun` (src/models/training/run-estimate.ts): the job
 * alone on the design's storage — steady-state step time from max-min rates, start-up, expected checkpoints and
 * failures — without simulating it; contention with other jobs makes real runs longer.
 */
import type { ClusterBinding } from "../models/cluster/binding-zones.ts";
import { buildCluster, type Cluster, type NodePool } from "../models/cluster/cluster.ts";
import type { ClusterServing, ClusterTrainingJob } from "../models/cluster/cluster-sim.ts";
import type { SchedulingPolicy } from "../models/cluster/gang-scheduler.ts";
import { poissonJobArrivals } from "../models/cluster/job-arrivals.ts";
import { nodeTypeByName } from "../models/cluster/node-types.ts";
import { gpuByName } from "../models/gpu/catalog.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import type { TrainingJob } from "../models/training/job.ts";
import { estimateRun } from "../models/training/run-estimate.ts";
import { RandomStreams } from "../sim/random.ts";
import { scenarioError } from "./errors.ts";
import { resolveInference, type ResolvedInference } from "./resolve-inference.ts";
import { resolveScenario, type ResolvedScenario } from "./resolve.ts";
import { fidelityFor } from "./run-job.ts";
import type { JobConfig } from "./schema/job.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

/** One design, ready to simulate. */
export interface ResolvedDesign {
  /** The design's name; "" for a scenario without `designs`. */
  readonly name: string;
  readonly description: string;
  readonly cluster: Cluster;
  readonly policy: SchedulingPolicy;
  readonly fidelity: "per-step" | "bulk";
  /** The design's variant resolved as resolve.ts does (profiles, provisioning, cost inputs). */
  readonly resolved: ResolvedScenario;
  readonly bindings: ReadonlyMap<string, ClusterBinding>;
  readonly jobs: readonly ClusterTrainingJob[];
  readonly serving: readonly ClusterServing[];
  /** The serving workloads as resolve-inference.ts gives them (prices, bindings), or undefined for none. */
  readonly inference: ResolvedInference | undefined;
  /** Bytes each training job keeps on each binding it uses (dataset; checkpoints × retention). */
  readonly needs: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Bindings whose capacity the scenario states (per-pod volumes are billed at it, else at each job's needs). */
  readonly statedCapacity: ReadonlySet<string>;
}

function pools(s: ScenarioConfig): NodePool[] {
  const base = nodeTypeByName(s.cluster.nodeType);
  return s.cluster.pools!.map((p) => {
    const nodeType = nodeTypeByName(p.nodeType ?? s.cluster.nodeType);
    const same = nodeType.name === base.name;
    const gpu = gpuByName(nodeType.gpu);
    return {
      name: p.name,
      nodeType,
      nodes: p.nodes,
      zone: p.zone,
      nicBytesPerSecond: (same ? s.cluster.nicBandwidth : undefined) ?? nodeType.storageNicBytesPerSecond,
      remoteDiskBytesPerSecond: (same ? s.cluster.remoteDiskBandwidth : undefined) ?? nodeType.remoteDiskBytesPerSecond,
      gpuUsdPerHour: (gpu.name === gpuByName(base.gpu).name ? s.cluster.gpuPricePerHour : undefined) ?? gpu.usdPerHour,
    };
  });
}

/** Listed jobs and, for `seed`, the arrivals: each with its submit time. */
function jobConfigs(s: ScenarioConfig, seed: number): { config: JobConfig; template: string; submitUs: number }[] {
  const out = s.jobs.map((j) => ({ config: j, template: j.name, submitUs: j.submit ?? 0 }));
  const a = s.arrivals;
  if (a === undefined) return out;
  const streams = new RandomStreams(seed);
  const arrivals = poissonJobArrivals(streams.stream("cluster/job-arrivals"), streams.stream("cluster/job-templates"), {
    count: a.count,
    meanGapUs: a.meanInterval,
    startUs: a.start,
    weights: a.templates.map((t) => t.weight),
  });
  const seen = new Map<number, number>();
  for (const { atUs, template } of arrivals) {
    const t = a.templates[template]!.job;
    const k = (seen.get(template) ?? 0) + 1;
    seen.set(template, k);
    out.push({ config: { ...t, name: `${t.name}-${k}` }, template: t.name, submitUs: atUs });
  }
  return out;
}

function bytesOn(j: JobConfig): Map<string, number> {
  const m = new Map<string, number>([[j.data.storage, j.data.datasetSize]]);
  const ck = j.checkpoint;
  if (ck !== undefined) {
    const bytes = (ck.size ?? ck.parameters! * ck.bytesPerParameter) * ck.retention;
    m.set(ck.storage, (m.get(ck.storage) ?? 0) + bytes);
  }
  return m;
}

/**
 * The designs of `s` (which must have `cluster.pools`) for the replication at `seed`.
 * @throws RangeError from resolve.ts (provisioning beyond a preset), or on a workload whose pool or node type
 *   does not match.
 */
export function resolveClusterDesigns(
  s: ScenarioConfig,
  seed: number,
  wanted: "auto" | "per-step" | "bulk",
  profiles: ReadonlyMap<string, StorageProfile> = new Map(),
): ResolvedDesign[] {
  const cluster = buildCluster(pools(s));
  const poolOf = new Map(s.cluster.pools!.map((p) => [p.name, p.nodeType ?? s.cluster.nodeType]));
  const listed = jobConfigs(s, seed);
  const templates = s.arrivals?.templates.map((t) => t.job) ?? [];
  const designs = s.designs ?? [{ name: "", description: "", storage: {}, scheduler: undefined }];
  return designs.map((d) => {
    // Templates are resolved once each: arrivals of a template share its dataset (capacity counted once).
    const variant: ScenarioConfig = {
      ...s,
      storage: { ...s.storage, ...d.storage },
      jobs: [...s.jobs, ...templates],
      inference: s.inference.map((w, i) => {
        const pool = w.placement.pool;
        const nodeType = pool === undefined ? w.placement.nodeType : poolOf.get(pool);
        if (w.placement.nodeType !== undefined && nodeType !== w.placement.nodeType) {
          throw scenarioError("SCN_ERR_INVALID", {
            code: "custom",
            path: ["inference", i, "placement", "nodeType"],
            message: `node type ${w.placement.nodeType} is not pool ${pool}'s (${nodeType}): leave nodeType out or name ${nodeType}`,
          });
        }
        return { ...w, placement: { ...w.placement, nodeType } };
      }),
    };
    const resolved = resolveScenario(variant, profiles, "together");
    const byName = new Map(resolved.jobs.map((j) => [j.name, j]));
    const configOf = new Map(variant.jobs.map((j) => [j.name, j]));
    const estimates = new Map<string, number>();
    const jobs = listed.map(({ config, template, submitUs }): ClusterTrainingJob => {
      const base = byName.get(template)!;
      const perNode =
        config.gpusPerNode ?? nodeTypeByName(poolOf.get(config.pools?.[0] ?? "") ?? s.cluster.nodeType).gpusPerNode;
      const job: TrainingJob = { ...base, name: config.name, gpusPerNode: perNode };
      let estimateUs: number | undefined = config.estimate;
      if (estimateUs === undefined) {
        estimateUs = estimates.get(template) ?? estimateRun({ ...job, name: template }).wallUs;
        estimates.set(template, estimateUs);
      }
      return {
        job,
        dataBinding: config.data.storage,
        checkpointBinding: config.checkpoint?.storage,
        pageCacheBytesPerNode: configOf.get(template)!.data.cachePerNode,
        submitUs,
        priority: config.priority ?? 0,
        estimateUs: Math.max(1, Math.round(estimateUs)),
        pools: config.pools,
      };
    });
    const storage = variant.storage;
    const bindings = new Map(
      [...resolved.storage.values()].map((st): [string, ClusterBinding] => [
        st.name,
        {
          name: st.name,
          profile: st.profile,
          bindingMode: storage[st.name]!.volumeBindingMode ?? "WaitForFirstConsumer",
          zone: storage[st.name]!.zone,
          perZone: storage[st.name]!.perZone ?? false,
          crossZone: st.crossZone,
        },
      ]),
    );
    const inference = variant.inference.length > 0 ? resolveInference(variant, resolved) : undefined;
    const serving = (inference?.workloads ?? []).map((workload, i): ClusterServing => {
      const w = variant.inference[i]!;
      const nodeType = w.placement.nodeType ?? s.cluster.nodeType;
      const allowed =
        w.placement.pool !== undefined
          ? [w.placement.pool]
          : [...poolOf].filter(([, t]) => t === nodeType).map(([p]) => p);
      return { workload, binding: w.storage, pools: allowed };
    });
    const fidelity =
      wanted !== "auto" ? wanted : jobs.every((j) => fidelityFor(j.job, "auto") === "per-step") ? "per-step" : "bulk";
    const sched = d.scheduler ?? s.cluster.scheduler;
    return {
      name: d.name,
      description: d.description,
      cluster,
      policy: { order: sched?.policy ?? "fifo", backfill: sched?.backfill ?? false },
      fidelity,
      resolved,
      bindings,
      jobs,
      serving,
      inference,
      needs: new Map(listed.map(({ config }) => [config.name, bytesOn(config)])),
      statedCapacity: new Set(Object.keys(storage).filter((k) => storage[k]!.capacity !== undefined)),
    };
  });
}
