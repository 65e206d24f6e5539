/**
 * One design's cluster run turned into its alternative: each training job's `JobResult` (with its submit,
 * start, queueing delay, zone and nodes), each serving workload's `InferenceResult`, the cluster detail
 * (queueing summary, per-workload and per-node breakdowns), storage as billed, and the timeline — finished by
 * the result builder (result/alternative.ts) like every other alternative.
 *
 * GPU time and cost: every cluster GPU for the design's wall time, by cause = the jobs' GPUs over their run
 * times + the serving pools' over their durations + the unallocated GPU-hours, each priced at the GPUs' node
 * price. Egress: bytes a workload moved to or from a binding across a zone boundary × that binding's egress
 * price (the same per-GB price as without a cluster, storage/presets/inter-zone-egress.ts). Storage, prorated
 * from monthly prices: shared bindings for the wall time (× zones for copies per zone); node-local media per
 * node used, for the wall time; per-pod volumes per job for its run (from its submit under `Immediate`, when
 * they are created), at the binding's capacity or the job's own needs.
 */
import type { ClusterRun } from "../models/cluster/cluster-sim.ts";
import { volumeScope } from "../models/cluster/binding-zones.ts";
import { HOURS_PER_MONTH, storageMonthlyUsd } from "../models/cost/storage-cost.ts";
import { addGpuTime, emptyGpuTime, scaleGpuTime } from "../models/gpu-time.ts";
import { gpuByName } from "../models/gpu/catalog.ts";
import { summarize } from "../models/inference/latency-stats.ts";
import { holdsRwoAttachment } from "../models/training/policy.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import type { ResolvedDesign } from "./resolve-cluster.ts";
import { finishAlternative } from "./result/alternative.ts";
import type { NodeBreakdown, WorkloadPlacement } from "./result/cluster-types.ts";
import { hoursByCause, jobResult } from "./result/job.ts";
import { servingResult } from "./result/serving.ts";
import { alternativeTimeline, type TimelineSource } from "./result/timeline.ts";
import type { AlternativeResult, StorageResult } from "./result/types.ts";

const hours = (us: number) => us / US_PER_HOUR;

/** The alternative of design `d`'s run `run`, named `name`. */
export function designAlternative(d: ResolvedDesign, run: ClusterRun, name: string): AlternativeResult {
  const nodes = d.cluster.nodes;
  const price = (p: { nodes: readonly number[]; gpus: readonly number[] }) =>
    p.nodes.reduce((a, n, k) => a + p.gpus[k]! * nodes[n]!.gpuUsdPerHour, 0) / p.gpus.reduce((a, g) => a + g, 0);
  const egressOf = (binding: string) => d.resolved.storage.get(binding)!.profile.price.egressPerGb;
  const gpuHours = emptyGpuTime();
  const gpuUsd = emptyGpuTime();
  const perNode = nodes.map(() => ({ t: emptyGpuTime(), bytesRead: 0 }));
  const spread = (
    t: ReturnType<typeof emptyGpuTime>,
    placement: { nodes: readonly number[]; gpus: readonly number[] },
  ) => {
    const all = placement.gpus.reduce((a, g) => a + g, 0);
    placement.nodes.forEach((n, k) => addGpuTime(perNode[n]!.t, t, placement.gpus[k]! / all));
  };
  const workloads: WorkloadPlacement[] = [];
  const placed = (
    wname: string,
    kind: WorkloadPlacement["kind"],
    x: ClusterRun["training"][number] | ClusterRun["serving"][number],
  ) => ({
    name: wname,
    kind,
    submitHours: hours(x.submitUs),
    startHours: hours(x.startUs),
    endHours: hours(x.endUs),
    queueingHours: hours(x.startUs - x.submitUs),
    zone: x.placement.zone,
    nodes: x.placement.nodes.map((n, k) => ({ name: nodes[n]!.name, gpus: x.placement.gpus[k]! })),
    crossZone: [...x.sites].filter(([, s]) => s.crossesZone).map(([b]) => b),
  });

  const jobs = run.training.map((x, i) => {
    const cj = d.jobs[i]!;
    const o = x.outcome;
    const crosses = (b: string | undefined) => (b === undefined ? false : x.sites.get(b)!.crossesZone);
    const egressBytes =
      (crosses(cj.dataBinding) ? o.bytesRead : 0) + (crosses(cj.checkpointBinding) ? o.bytesWritten : 0);
    const egressUsd =
      ((crosses(cj.dataBinding) ? o.bytesRead * egressOf(cj.dataBinding) : 0) +
        (crosses(cj.checkpointBinding) ? o.bytesWritten * egressOf(cj.checkpointBinding!) : 0)) /
      1e9;
    const usdPerHour = price(x.placement);
    const p = placed(o.name, "training", x);
    const f = cj.job.failures;
    const result = jobResult(o, {
      fidelity: d.fidelity,
      job: cj.job,
      dataPreset: d.resolved.storage.get(cj.dataBinding)!.preset,
      gpuUsdPerHour: usdPerHour,
      dataStorage: cj.dataBinding,
      checkpointStorage: cj.checkpointBinding,
      checkpointMode: cj.job.checkpoint?.mode,
      waitsForRwoDetach:
        f !== undefined &&
        !f.outOfServiceTaint &&
        (holdsRwoAttachment(cj.job.dataStorage) ||
          (cj.job.checkpoint !== undefined && holdsRwoAttachment(cj.job.checkpoint.storage))),
      egressBytes,
      egressUsd,
      placement: { submitUs: x.submitUs, startUs: x.startUs, zone: p.zone, nodes: p.nodes.map((n) => n.name) },
    });
    addGpuTime(gpuHours, result.gpuHoursByCause);
    addGpuTime(gpuUsd, result.gpuHoursByCause, usdPerHour);
    spread(hoursByCause(o.gpuTime), x.placement);
    x.placement.nodes.forEach((n, k) => (perNode[n]!.bytesRead += (o.bytesRead * x.placement.gpus[k]!) / o.gpus));
    workloads.push({ ...p, au: o.au, costUsd: result.costUsd, egressBytes, egressUsd });
    return result;
  });

  const inference = run.serving.map((x, i) => {
    const s = d.serving[i]!;
    const site = x.sites.get(s.binding)!;
    const egressUsd = site.crossesZone ? (x.outcome.bytesFromStorage * egressOf(s.binding)) / 1e9 : 0;
    const usdPerHour = price(x.placement);
    const r = servingResult(s.workload, x.outcome, s.binding, usdPerHour, egressUsd);
    addGpuTime(gpuHours, r.gpuHours.byCause);
    addGpuTime(gpuUsd, r.cost.gpuUsdByCause);
    spread(r.gpuHours.byCause, x.placement);
    workloads.push({
      ...placed(x.name, "inference", x),
      au: null,
      costUsd: r.cost.gpuUsd + egressUsd,
      egressBytes: site.crossesZone ? x.outcome.bytesFromStorage : 0,
      egressUsd,
    });
    return r;
  });

  run.unallocatedPerNode.forEach((u, n) => {
    perNode[n]!.t.unallocated += hours(u);
    gpuHours.unallocated += hours(u);
    gpuUsd.unallocated += hours(u) * nodes[n]!.gpuUsdPerHour;
  });
  const wallUs = run.endUs;
  const storage = designStorage(d, run);
  const q = summarize(run.training.map((x) => x.startUs - x.submitUs));
  const nodeBreakdown = nodes.map((n, i): NodeBreakdown => ({
    name: n.name,
    pool: n.pool,
    zone: n.zone,
    gpus: n.gpus,
    gpuHoursByCause: scaleGpuTime(perNode[i]!.t, 1),
    bytesRead: perNode[i]!.bytesRead,
  }));
  const sources: TimelineSource[] = [
    ...run.training.map((x, i) => ({
      name: x.outcome.name,
      timeline: x.outcome.timeline,
      reads: d.jobs[i]!.dataBinding,
      writes: d.jobs[i]!.checkpointBinding,
    })),
    ...run.serving.map((x, i) => ({
      name: x.name,
      timeline: x.outcome.timeline,
      reads: d.serving[i]!.binding,
      writes: undefined,
    })),
  ];
  const capexOf = (gpu: string) => (gpu === d.resolved.gpu.name ? d.resolved.gpuCapexUsd : gpuByName(gpu).capexUsd);
  const capex = nodes.reduce((a, n) => a + n.gpus * capexOf(n.gpu), 0) / Math.max(1, d.cluster.gpus);
  return finishAlternative({
    name,
    kind: "cluster",
    owned: { capexUsdPerGpu: capex, lifeYears: d.resolved.gpuLifeYears },
    description: d.description,
    gpus: d.cluster.gpus,
    wallHours: hours(wallUs),
    gpuHoursByCause: gpuHours,
    gpuUsdByCause: gpuUsd,
    storage,
    egressUsd: workloads.reduce((a, w) => a + w.egressUsd, 0),
    jobs,
    inference,
    timeline: alternativeTimeline(
      sources,
      storage.map((st) => st.name),
      wallUs,
      [run.unallocatedSeries],
    ),
    cluster: {
      scheduler: { policy: d.policy.order, backfill: d.policy.backfill },
      fidelity: d.fidelity,
      queueing: { jobs: q.count, meanHours: hours(q.mean), p95Hours: hours(q.p95), maxHours: hours(q.max) },
      workloads,
      nodes: nodeBreakdown,
      events: run.events,
    },
  });
}

/** Each binding of the design as placed and billed (see the file header). */
function designStorage(d: ResolvedDesign, run: ClusterRun): StorageResult[] {
  const wallHours = hours(run.endUs);
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return [...d.resolved.storage.values()].map((st): StorageResult => {
    const b = d.bindings.get(st.name)!;
    const scope = volumeScope(st.profile);
    const monthly = (capacityBytes: number, volumes: number) =>
      storageMonthlyUsd(st.profile, { capacityBytes, volumes, iops: st.iops, bytesPerSecond: st.bytesPerSecond })
        .totalUsd;
    const common = {
      name: st.name,
      preset: st.preset,
      scope,
      iops: finite(st.iops),
      bytesPerSecond: finite(st.bytesPerSecond),
      adjustments: [...st.adjustments],
    };
    const uses = (sites: ReadonlyMap<string, unknown>) => sites.has(st.name);
    if (scope === "shared" || scope === "node") {
      let volumes = b.perZone ? d.cluster.zones.length : 1;
      if (scope === "node") {
        const used = new Set<number>();
        for (const x of [...run.training, ...run.serving])
          if (uses(x.sites)) x.placement.nodes.forEach((n) => used.add(n));
        volumes = used.size;
      }
      const monthlyUsd = monthly(st.capacityBytes, volumes);
      return {
        ...common,
        zone: scope === "shared" ? (run.sharedZones.get(st.name) ?? null) : null,
        volumes,
        capacityBytes: st.capacityBytes,
        monthlyUsd,
        usd: (monthlyUsd * wallHours) / HOURS_PER_MONTH,
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
    // The run's average monthly bill: volumes come and go with their pods.
    const monthlyUsd = wallHours > 0 ? (usd * HOURS_PER_MONTH) / wallHours : 0;
    return { ...common, zone: null, volumes, capacityBytes: largest, monthlyUsd, usd };
  });
}
