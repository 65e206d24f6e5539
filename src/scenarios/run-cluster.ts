/**
 * Running a scenario with an explicit cluster (`cluster.pools`): each storage design is simulated on its own
 * copy of the cluster (src/models/cluster/cluster-sim.ts: every workload on one engine, fluid network and
 * storage fabric), and the result document holds every design (`cluster.designs`) plus the usual scenario
 * fields summed over designs, as a scenario's jobs are summed without a cluster: `jobs[]` and `inference[]`
 * (named `DESIGN/NAME` when the scenario has designs), GPU-hours by cause with `unallocated`, cost, storage,
 * the timeline (the designs' jobs and unallocated GPUs on one axis) and findings per design.
 */
import { diagnose } from "../models/diagnosis.ts";
import { simulateCluster } from "../models/cluster/cluster-sim.ts";
import { runRates } from "../models/cost/billing-period.ts";
import { storageMonthlyUsd } from "../models/cost/storage-cost.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import { CAUSES, emptyGpuTime, totalGpuTime } from "../models/training/gpu-time.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import { byCauseHours, designOutcome, type DesignOutcome } from "./cluster-design.ts";
import { resolveClusterDesigns, type ResolvedDesign } from "./resolve-cluster.ts";
import { progressReporter } from "./progress.ts";
import { aggregateReplications } from "./replications.ts";
import type { ScenarioResult, StorageResult } from "./result.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { scenarioTimeline, type JobTimelineSource } from "./timeline.ts";

/** Options of one cluster replication. */
export interface ClusterRunOptions {
  readonly fidelity?: "auto" | "per-step" | "bulk";
  readonly profiles?: ReadonlyMap<string, StorageProfile>;
  /** Called after each design with (designs done, designs). */
  readonly onDesign?: (done: number, total: number) => void;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const h = (x: number) => (x < 1 ? `${(60 * x).toFixed(1)} min` : `${x.toFixed(2)} h`);

/** Findings of one design: the training diagnosis, unallocated GPUs, queueing and cross-zone traffic. */
function findings(d: ResolvedDesign, o: DesignOutcome): string[] {
  const allocated = { ...o.gpuTime, unallocated: 0 };
  let worst = 0;
  o.jobs.forEach((j, i) => {
    if (j.gpuHoursByCause.dataWait > o.jobs[worst]!.gpuHoursByCause.dataWait) worst = i;
  });
  const data = d.jobs[worst]?.dataBinding;
  const out =
    o.jobs.length > 0
      ? diagnose(allocated, {
          dataStorage: data && d.resolved.storage.get(data)?.preset,
          utilisationLabel: "utilisation of allocated GPUs",
        })
      : [];
  const r = o.design;
  const free = r.gpuHours.total > 0 ? r.gpuHours.byCause.unallocated / r.gpuHours.total : 0;
  if (free >= 0.05) {
    out.push(`${pct(free)} of the cluster's GPU time is unallocated (no workload holds it)`);
  }
  if (r.queueing.jobs > 0) {
    out.push(
      `queueing delay over ${r.queueing.jobs} jobs: mean ${h(r.queueing.meanHours)}, p95 ${h(r.queueing.p95Hours)}, max ${h(r.queueing.maxHours)}`,
    );
  }
  const crossing = r.workloads.filter((w) => w.crossZone.length > 0);
  if (crossing.length > 0) {
    const gb = r.workloads.reduce((a, w) => a + w.egressBytes, 0) / 1e9;
    out.push(
      `${crossing.length} ${crossing.length === 1 ? "workload reaches" : "workloads reach"} storage across zones (${[...new Set(crossing.flatMap((w) => w.crossZone))].join(", ")}): ` +
        `${gb.toFixed(1)} GB egress, $${r.cost.egressUsd.toFixed(2)}, plus the inter-zone round trip on every request`,
    );
  }
  return out;
}

/**
 * One replication of a cluster scenario at `seed`.
 * @throws RangeError from resolution (provisioning, pools) or a workload that never fits the cluster.
 */
export function runClusterReplication(s: ScenarioConfig, seed: number, opts: ClusterRunOptions = {}): ScenarioResult {
  const designs = resolveClusterDesigns(s, seed, opts.fidelity ?? s.fidelity, opts.profiles);
  const named = s.designs !== undefined;
  const outcomes = designs.map((d, i) => {
    const run = simulateCluster({
      cluster: d.cluster,
      bindings: d.bindings,
      jobs: d.jobs,
      serving: d.serving,
      policy: d.policy,
      fidelity: d.fidelity,
      seed,
    });
    const o = designOutcome(d, run, named ? `${d.name}/` : "");
    opts.onDesign?.(i + 1, designs.length);
    return o;
  });
  const gpu = emptyGpuTime();
  for (const o of outcomes) for (const c of CAUSES) gpu[c] += o.gpuTime[c];
  const wallHours = Math.max(0, ...outcomes.map((o) => o.design.wallHours));
  const sum = (f: (o: DesignOutcome) => number) => outcomes.reduce((a, o) => a + f(o), 0);
  const gpuUsd = sum((o) => o.design.cost.gpuUsd);
  const storageUsd = sum((o) => o.design.cost.storageUsd);
  const egressUsd = sum((o) => o.design.cost.egressUsd);
  const totalUsd = gpuUsd + storageUsd + egressUsd;
  const idleUsdByCause = Object.fromEntries(
    (["dataWait", "checkpointWait", "recovery", "lostWork", "idle"] as const).map((c) => [
      c,
      sum((o) => o.jobCosts.reduce((a, k) => a + k.idleUsdByCause[c], 0)),
    ]),
  ) as ScenarioResult["cost"]["idleUsdByCause"];
  idleUsdByCause.unallocated = sum((o) => o.design.cost.unallocatedUsd);
  const servingIdle = sum((o) =>
    o.inference.reduce((a, w) => a + Object.values(w.cost.idleUsdByCause).reduce((x, y) => x + y, 0), 0),
  );
  const idleUsd = Object.values(idleUsdByCause).reduce((a, b) => a + b, 0) + servingIdle;
  const prefix = (d: ResolvedDesign) => (named ? `${d.name}/` : "");
  const storage: StorageResult[] = [];
  const storageUsdByBinding: Record<string, number> = {};
  designs.forEach((d, i) => {
    for (const st of outcomes[i]!.design.storage) {
      const r = d.resolved.storage.get(st.name)!;
      const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
      storageUsdByBinding[prefix(d) + st.name] = st.usd;
      storage.push({
        name: prefix(d) + st.name,
        preset: st.preset,
        capacityBytes: st.capacityBytes,
        volumes: st.volumes,
        iops: finite(r.iops),
        bytesPerSecond: finite(r.bytesPerSecond),
        monthlyUsd: storageMonthlyUsd(r.profile, {
          capacityBytes: st.capacityBytes,
          volumes: st.volumes,
          iops: r.iops,
          bytesPerSecond: r.bytesPerSecond,
        }).totalUsd,
        adjustments: [...r.adjustments],
      });
    }
  });
  const total = totalGpuTime(gpu);
  const sources: JobTimelineSource[] = outcomes.flatMap((o) => o.timeline);
  const diagnosis = designs.flatMap((d, i) => findings(d, outcomes[i]!).map((f) => (named ? `${d.name}: ${f}` : f)));
  return {
    scenario: s.name,
    description: s.description,
    seed,
    replications: 1,
    wallHours,
    gpuHours: { total: total / US_PER_HOUR, byCause: byCauseHours(gpu) },
    utilisation: total > 0 ? gpu.compute / total : 0,
    cost: {
      totalUsd,
      gpuUsd,
      storageUsd,
      egressUsd,
      idleUsdByCause,
      storageUsdByBinding,
      ...runRates(totalUsd, idleUsd, wallHours),
    },
    jobs: outcomes.flatMap((o) => o.jobs),
    storage,
    diagnosis: [
      ...(diagnosis.length > 0 ? diagnosis : ["no training job ran"]),
      ...storage.flatMap((st) => st.adjustments.map((a) => `provisioning adjusted: ${a}`)),
    ],
    timeline: scenarioTimeline(
      sources,
      storage.map((st) => st.name),
      Math.round(wallHours * US_PER_HOUR),
      outcomes.map((o) => o.unallocated),
    ),
    ...(outcomes.some((o) => o.inference.length > 0) ? { inference: outcomes.flatMap((o) => o.inference) } : {}),
    cluster: { designs: outcomes.map((o) => o.design) },
  };
}

/**
 * Runs a cluster scenario: `replications` runs at seeds `seed … seed + K − 1`, aggregated as without a cluster
 * (replications.ts; with job arrivals, per-job numbers are averaged by position, and jobs differ by seed).
 * Progress: one unit share per design per replication.
 * @throws RangeError on an invalid replication count, or as {@link runClusterReplication}.
 */
export function runClusterScenario(
  s: ScenarioConfig,
  seed: number,
  replications: number,
  opts: ClusterRunOptions & { readonly onProgress?: (done: number, total: number) => void } = {},
): ScenarioResult {
  if (!(Number.isInteger(replications) && replications >= 1))
    throw new RangeError(`invalid replications: ${replications}`);
  const designs = s.designs?.length ?? 1;
  const progress = progressReporter(Array<number>(designs).fill(1), replications, opts.onProgress);
  const runs: ScenarioResult[] = [];
  for (let i = 0; i < replications; i++) {
    const report = progress(i);
    runs.push(runClusterReplication(s, seed + i, { ...opts, onDesign: (done) => report(done - 1, 1) }));
  }
  return replications === 1 ? runs[0]! : aggregateReplications(runs);
}
