/**
 * One design's cluster run turned into results: each training job's `JobResult` (with its submit, start,
 * queueing delay, zone and nodes), each serving workload's `InferenceResult`, the design's `DesignResult`
 * (GPU time by cause with unallocated, queueing summary, per-workload and per-node breakdowns, storage and
 * cost) and what the scenario's timeline needs.
 *
 * Cost: every cluster GPU for the design's wall time at its node's price = the jobs' GPUs over their run
 * times + the serving pools' over their durations + the unallocated GPU-hours. Egress: bytes a workload moved
 * to or from a binding across a zone boundary × that binding's egress price (the same per-GB price as without
 * a cluster, storage/presets/inter-zone-egress.ts). Storage, prorated from monthly prices: shared bindings
 * for the wall time (× zones for copies per zone); node-local media per node used, for the wall time; per-pod
 * volumes per job for its run (from its submit under `Immediate`, when they are created), at the binding's
 * capacity or the job's own needs.
 */
import type { ClusterRun } from "../models/cluster/cluster-sim.ts";
import { volumeScope } from "../models/cluster/binding-zones.ts";
import { HOURS_PER_MONTH, storageMonthlyUsd } from "../models/cost/storage-cost.ts";
import { runCost, type RunCost } from "../models/cost/run-cost.ts";
import { summarize } from "../models/inference/latency-stats.ts";
import type { BinnedSeries } from "../models/timeline/binned-series.ts";
import { CAUSES, emptyGpuTime, type GpuTime } from "../models/training/gpu-time.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import type { DesignResult, DesignStorage, NodeBreakdown, WorkloadPlacement } from "./cluster-result.ts";
import type { InferenceResult } from "./inference-result.ts";
import type { ResolvedDesign } from "./resolve-cluster.ts";
import type { HoursByCause, JobResult } from "./result.ts";
import { inferenceResult } from "./run-inference.ts";
import type { JobTimelineSource } from "./timeline.ts";

/** A design's results, for the scenario's result document. */
export interface DesignOutcome {
  readonly design: DesignResult;
  readonly jobs: readonly JobResult[];
  readonly jobCosts: readonly RunCost[];
  readonly inference: readonly InferenceResult[];
  /** Training GPU time by cause, unallocated included, GPU-µs. */
  readonly gpuTime: GpuTime;
  readonly timeline: readonly JobTimelineSource[];
  /** Unallocated GPU time binned (`CAUSES` channels). */
  readonly unallocated: BinnedSeries;
}

const hours = (us: number) => us / US_PER_HOUR;
export const byCauseHours = (t: GpuTime): HoursByCause =>
  Object.fromEntries(CAUSES.map((c) => [c, t[c] / US_PER_HOUR])) as unknown as HoursByCause;

/** Results of design `d`'s run `run`; names get `prefix` (e.g. `DESIGN/`). */
export function designOutcome(d: ResolvedDesign, run: ClusterRun, prefix: string): DesignOutcome {
  const nodes = d.cluster.nodes;
  const price = (p: { nodes: readonly number[]; gpus: readonly number[] }) =>
    p.nodes.reduce((a, n, k) => a + p.gpus[k]! * nodes[n]!.gpuUsdPerHour, 0) / p.gpus.reduce((a, g) => a + g, 0);
  const egressOf = (binding: string) => d.resolved.storage.get(binding)!.profile.price.egressPerGb;
  const gpuTime = emptyGpuTime();
  const perNode = nodes.map(() => ({ t: emptyGpuTime(), serving: 0, bytesRead: 0 }));
  const workloads: WorkloadPlacement[] = [];
  const placed = (
    name: string,
    kind: WorkloadPlacement["kind"],
    x: ClusterRun["training"][number] | ClusterRun["serving"][number],
  ) => ({
    name: prefix + name,
    kind,
    submitHours: hours(x.submitUs),
    startHours: hours(x.startUs),
    endHours: hours(x.endUs),
    queueingHours: hours(x.startUs - x.submitUs),
    zone: x.placement.zone,
    nodes: x.placement.nodes.map((n, k) => ({ name: nodes[n]!.name, gpus: x.placement.gpus[k]! })),
    crossZone: [...x.sites].filter(([, s]) => s.crossesZone).map(([b]) => b),
  });

  const jobCosts: RunCost[] = [];
  const jobs = run.training.map((x, i): JobResult => {
    const cj = d.jobs[i]!;
    const o = x.outcome;
    const crosses = (b: string | undefined) => (b === undefined ? false : x.sites.get(b)!.crossesZone);
    const egressBytes =
      (crosses(cj.dataBinding) ? o.bytesRead : 0) + (crosses(cj.checkpointBinding) ? o.bytesWritten : 0);
    const egressUsd =
      ((crosses(cj.dataBinding) ? o.bytesRead * egressOf(cj.dataBinding) : 0) +
        (crosses(cj.checkpointBinding) ? o.bytesWritten * egressOf(cj.checkpointBinding!) : 0)) /
      1e9;
    const cost = runCost({
      wallUs: o.wallUs,
      gpus: o.gpus,
      gpuUsdPerHour: price(x.placement),
      gpuTime: o.gpuTime,
      storage: [],
      egressBytes,
      egressUsdPerGb: egressBytes > 0 ? (egressUsd * 1e9) / egressBytes : 0,
    });
    jobCosts.push(cost);
    for (const c of CAUSES) gpuTime[c] += o.gpuTime[c];
    x.placement.nodes.forEach((n, k) => {
      const share = x.placement.gpus[k]! / o.gpus;
      for (const c of CAUSES) perNode[n]!.t[c] += o.gpuTime[c] * share;
      perNode[n]!.bytesRead += o.bytesRead * share;
    });
    const p = placed(o.name, "training", x);
    workloads.push({ ...p, au: o.au, costUsd: cost.totalUsd, egressBytes, egressUsd });
    return {
      name: p.name,
      gpus: o.gpus,
      fidelity: d.fidelity,
      steps: o.steps,
      stepsComputed: o.stepsComputed,
      completionHours: hours(x.endUs - x.submitUs),
      au: o.au,
      utilisation: o.gpuTime.compute / (o.gpus * o.wallUs),
      submitHours: p.submitHours,
      startHours: p.startHours,
      queueingHours: p.queueingHours,
      zone: p.zone,
      nodes: p.nodes.map((n) => n.name),
      checkpoints: o.checkpoints,
      failures: o.failures,
      checkpointIntervalHours: o.checkpointIntervalUs === undefined ? null : hours(o.checkpointIntervalUs),
      gpuHoursByCause: byCauseHours(o.gpuTime),
      bytesRead: o.bytesRead,
      bytesWritten: o.bytesWritten,
      costUsd: cost.totalUsd,
    };
  });

  const inference = run.serving.map((x, i): InferenceResult => {
    const s = d.serving[i]!;
    const site = x.sites.get(s.binding)!;
    const egressUsd = site.crossesZone ? (x.outcome.bytesFromStorage * egressOf(s.binding)) / 1e9 : 0;
    const r = inferenceResult(s.workload, x.outcome, s.binding, price(x.placement), egressUsd);
    x.placement.nodes.forEach((n, k) => (perNode[n]!.serving += x.placement.gpus[k]! * (x.endUs - x.startUs)));
    const p = placed(x.name, "inference", x);
    workloads.push({
      ...p,
      au: null,
      costUsd: r.cost.gpuUsd + egressUsd,
      egressBytes: site.crossesZone ? x.outcome.bytesFromStorage : 0,
      egressUsd,
    });
    return { ...r, name: p.name };
  });

  run.unallocatedPerNode.forEach((u, n) => (perNode[n]!.t.unallocated += u));
  gpuTime.unallocated = run.unallocatedPerNode.reduce((a, b) => a + b, 0);
  const wallUs = run.endUs;
  const gpuUsd = nodes.reduce((a, n) => a + n.gpus * n.gpuUsdPerHour * hours(wallUs), 0);
  const unallocatedUsd = nodes.reduce((a, n, i) => a + hours(run.unallocatedPerNode[i]!) * n.gpuUsdPerHour, 0);
  const storage = designStorage(d, run);
  const storageUsd = storage.reduce((a, s) => a + s.usd, 0);
  const egressUsd = workloads.reduce((a, w) => a + w.egressUsd, 0);
  const totalUsd = gpuUsd + storageUsd + egressUsd;
  const total = CAUSES.reduce((a, c) => a + gpuTime[c], 0);
  const waits = run.training.map((x) => x.startUs - x.submitUs);
  const q = summarize(waits);
  const nodeBreakdown = nodes.map((n, i): NodeBreakdown => ({
    name: n.name,
    pool: n.pool,
    zone: n.zone,
    gpus: n.gpus,
    gpuHoursByCause: byCauseHours(perNode[i]!.t),
    servingGpuHours: hours(perNode[i]!.serving),
    bytesRead: perNode[i]!.bytesRead,
  }));
  const design: DesignResult = {
    name: d.name,
    description: d.description,
    scheduler: { policy: d.policy.order, backfill: d.policy.backfill },
    fidelity: d.fidelity,
    gpus: d.cluster.gpus,
    wallHours: hours(wallUs),
    gpuHours: { total: hours(total), byCause: byCauseHours(gpuTime) },
    utilisation: total > 0 ? gpuTime.compute / total : 0,
    queueing: { jobs: q.count, meanHours: hours(q.mean), p95Hours: hours(q.p95), maxHours: hours(q.max) },
    cost: {
      totalUsd,
      gpuUsd,
      storageUsd,
      egressUsd,
      unallocatedUsd,
      perMonthUsd: wallUs > 0 ? (totalUsd / hours(wallUs)) * HOURS_PER_MONTH : 0,
    },
    workloads,
    nodes: nodeBreakdown,
    storage,
    events: run.events,
  };
  const timeline = run.training.map((x, i) => ({
    outcome: x.outcome,
    data: prefix + d.jobs[i]!.dataBinding,
    checkpoint: d.jobs[i]!.checkpointBinding === undefined ? undefined : prefix + d.jobs[i]!.checkpointBinding!,
  }));
  return { design, jobs, jobCosts, inference, gpuTime, timeline, unallocated: run.unallocatedSeries };
}

/** Each binding of the design as placed and billed (see the file header). */
function designStorage(d: ResolvedDesign, run: ClusterRun): DesignStorage[] {
  const wallHours = hours(run.endUs);
  return [...d.resolved.storage.values()].map((st): DesignStorage => {
    const b = d.bindings.get(st.name)!;
    const scope = volumeScope(st.profile);
    const monthly = (capacityBytes: number, volumes: number) =>
      storageMonthlyUsd(st.profile, { capacityBytes, volumes, iops: st.iops, bytesPerSecond: st.bytesPerSecond })
        .totalUsd;
    const uses = (sites: ReadonlyMap<string, unknown>) => sites.has(st.name);
    if (scope === "shared") {
      const copies = b.perZone ? d.cluster.zones.length : 1;
      return {
        name: st.name,
        preset: st.preset,
        scope,
        zone: run.sharedZones.get(st.name) ?? null,
        volumes: copies,
        capacityBytes: st.capacityBytes,
        usd: (monthly(st.capacityBytes, copies) * wallHours) / HOURS_PER_MONTH,
      };
    }
    if (scope === "node") {
      const used = new Set<number>();
      for (const x of [...run.training, ...run.serving])
        if (uses(x.sites)) x.placement.nodes.forEach((n) => used.add(n));
      return {
        name: st.name,
        preset: st.preset,
        scope,
        zone: null,
        volumes: used.size,
        capacityBytes: st.capacityBytes,
        usd: (monthly(st.capacityBytes, used.size) * wallHours) / HOURS_PER_MONTH,
      };
    }
    // Per-pod volumes: each job's (or serving pool's) own, for as long as they exist.
    const explicit = d.statedCapacity.has(st.name);
    let usd = 0;
    let volumes = 0;
    let largest = 0;
    const bill = (capacity: number, n: number, fromUs: number, toUs: number) => {
      usd += (monthly(capacity, n) * hours(toUs - fromUs)) / HOURS_PER_MONTH;
      volumes += n;
      largest = Math.max(largest, capacity);
    };
    run.training.forEach((x, i) => {
      if (!uses(x.sites)) return;
      const need = d.needs.get(d.jobs[i]!.job.name)?.get(st.name) ?? 1;
      const from = b.bindingMode === "Immediate" ? x.submitUs : x.startUs;
      bill(explicit ? st.capacityBytes : Math.max(1, need), x.placement.nodes.length, from, x.endUs);
    });
    for (const x of run.serving)
      if (uses(x.sites)) bill(st.capacityBytes, x.placement.nodes.length, x.startUs, x.endUs);
    return { name: st.name, preset: st.preset, scope, zone: null, volumes, capacityBytes: largest, usd };
  });
}
