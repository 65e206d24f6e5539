/**
 * Simulating a cluster: every workload on ONE engine, ONE fluid network and ONE storage fabric, so a shared
 * file system's aggregate bandwidth is split among all running jobs, a node's NIC, remote-disk cap and local
 * media among the jobs on it, and each job's RWO volumes are its own. The gang scheduler (gang-scheduler.ts)
 * starts each training job when all its GPUs are free; the job then runs as a training actor of the chosen
 * fidelity on its placed view of the fabric (placed-fabric.ts), with its storage sites decided by zone
 * (binding-zones.ts), and releases its GPUs when its last step ends. Serving workloads are gangs submitted at 0
 * ahead of every training job (an inference actor must start at 0), on their pool's nodes; they release at
 * their duration. GPUs no workload holds are metered as unallocated (unallocated-meter.ts).
 *
 * Caches: a binding's node-local cache (e.g. object storage with an NVMe cache per node) is shared by the
 * jobs on a node in proportion to their GPUs there; a job's cache per node is the smallest share over its
 * nodes, or its own page cache if larger.
 *
 * Units: µs, bytes.
 */
import { Engine } from "../../sim/engine.ts";
import { FluidNetwork } from "../../sim/fluid-network.ts";
import type { BinnedSeries } from "../timeline/binned-series.ts";
import { InferenceActor } from "../inference/inference-actor.ts";
import type { InferenceOutcome } from "../inference/outcome.ts";
import type { InferenceWorkload } from "../inference/workload.ts";
import { StorageFabric } from "../storage/fabric.ts";
import { BulkTraining } from "../training/bulk.ts";
import type { TrainingJob } from "../training/job.ts";
import type { TrainingOutcome } from "../training/outcome.ts";
import { PerStepTraining } from "../training/per-step.ts";
import { BindingZones, type BindingSite, type ClusterBinding } from "./binding-zones.ts";
import { clusterFabricOptions, type Cluster } from "./cluster.ts";
import { gangShape, type Placement } from "./gang-placement.ts";
import { GangScheduler, type GangRecord, type SchedulingPolicy } from "./gang-scheduler.ts";
import { PlacedFabric } from "./placed-fabric.ts";
import { UnallocatedMeter } from "./unallocated-meter.ts";

/** A training job submitted to the cluster. */
export interface ClusterTrainingJob {
  /** The job with its bindings' profiles; `gpusPerNode` is what it asks per node. */
  readonly job: TrainingJob;
  readonly dataBinding: string;
  readonly checkpointBinding: string | undefined;
  /** The page cache the job itself is given per node, bytes (a binding's node cache may add to it). */
  readonly pageCacheBytesPerNode: number;
  readonly submitUs: number;
  readonly priority: number;
  /** Estimated run time for backfill, µs. */
  readonly estimateUs: number;
  /** Pools it may run on (undefined: any). */
  readonly pools: readonly string[] | undefined;
}

/** A serving workload on the cluster: its pool of `nodes × gpusPerNode` GPUs, built at fabric node 0. */
export interface ClusterServing {
  readonly workload: InferenceWorkload;
  readonly binding: string;
  readonly pools: readonly string[] | undefined;
}

/** One workload's run on the cluster. */
export interface PlacedRun<O> {
  readonly name: string;
  readonly submitUs: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly placement: Placement;
  readonly outcome: O;
  /** Where it read and wrote each binding it used. */
  readonly sites: ReadonlyMap<string, BindingSite>;
}

/** Everything a cluster run reports. */
export interface ClusterRun {
  readonly training: readonly PlacedRun<TrainingOutcome>[];
  readonly serving: readonly PlacedRun<InferenceOutcome>[];
  /** The last workload's end (the run's wall time from 0), µs. */
  readonly endUs: number;
  /** GPU-µs no workload held, per node, and binned (`CAUSES` channels; only `unallocated` used). */
  readonly unallocatedPerNode: readonly number[];
  readonly unallocatedSeries: BinnedSeries;
  /** Zone of each shared zonal binding that was used. */
  readonly sharedZones: ReadonlyMap<string, string>;
  /** Engine events run. */
  readonly events: number;
}

/** Options of {@link simulateCluster}. */
export interface ClusterRunInput {
  readonly cluster: Cluster;
  readonly bindings: ReadonlyMap<string, ClusterBinding>;
  readonly jobs: readonly ClusterTrainingJob[];
  readonly serving: readonly ClusterServing[];
  readonly policy: SchedulingPolicy;
  readonly fidelity: "per-step" | "bulk";
  readonly seed: number | string;
}

/** Serving gangs go first under either queue order. */
const SERVING_PRIORITY = Number.MAX_SAFE_INTEGER;

/**
 * Runs every workload on the cluster to its end.
 * @throws RangeError on a workload that can never fit the cluster, or bad bindings; Error when one never ends.
 */
export function simulateCluster(input: ClusterRunInput): ClusterRun {
  const { cluster } = input;
  const engine = new Engine({ seed: input.seed });
  const net = new FluidNetwork(engine, "cluster storage");
  const fabric = new StorageFabric(net, clusterFabricOptions(cluster));
  const zones = new BindingZones(cluster.zones, input.bindings);
  const meter = new UnallocatedMeter(cluster.nodes.map((n) => n.gpus));
  const scheduler = new GangScheduler(engine, cluster, input.policy, (t, free) => meter.update(t, free));
  const training: { record: GangRecord; outcome?: TrainingOutcome; sites: Map<string, BindingSite> }[] = [];
  const serving: { record: GangRecord; outcome?: InferenceOutcome; sites: Map<string, BindingSite> }[] = [];

  for (const s of input.serving) {
    const w = s.workload;
    const entry = {
      record: undefined as unknown as GangRecord,
      sites: new Map<string, BindingSite>(),
    } as (typeof serving)[number];
    entry.record = scheduler.submit({
      name: w.name,
      submitUs: 0,
      priority: SERVING_PRIORITY,
      request: { perNode: Array<number>(w.pool.nodes).fill(w.pool.gpusPerNode), pools: s.pools },
      estimateUs: w.durationUs,
      launch: (p, release) => {
        if (engine.now !== 0) throw new RangeError(`serving workload ${w.name} could not start at 0us`);
        const site = zones.site(s.binding, p.zone);
        entry.sites.set(s.binding, site);
        const first = w.pool.firstNode;
        const pool = { ...w.pool, slots: w.pool.slots.map((slot) => ({ ...slot, node: p.nodes[slot.node - first]! })) };
        new InferenceActor(engine, net, fabric, { ...w, pool, storage: site.profile }).start((o) => {
          entry.outcome = o;
          release();
        });
      },
    });
    serving.push(entry);
  }

  // Immediate volumes are created at submit: their round robin follows submit order (ties: list order).
  const pins = new Map<ClusterTrainingJob, string | undefined>();
  const bySubmit = input.jobs.map((cj, i) => ({ cj, i })).sort((a, b) => a.cj.submitUs - b.cj.submitUs || a.i - b.i);
  for (const { cj } of bySubmit) pins.set(cj, zones.pinAtSubmit(cj.job.name, bindingsOf(cj)));
  for (const cj of input.jobs) {
    const job = cj.job;
    const bindings = bindingsOf(cj);
    const pin = pins.get(cj);
    const entry = {
      record: undefined as unknown as GangRecord,
      sites: new Map<string, BindingSite>(),
    } as (typeof training)[number];
    entry.record = scheduler.submit({
      name: job.name,
      submitUs: cj.submitUs,
      priority: cj.priority,
      request: {
        perNode: gangShape(job.gpus, job.gpusPerNode),
        zones: pin === undefined ? undefined : [pin],
        pools: cj.pools,
      },
      estimateUs: cj.estimateUs,
      launch: (p, release) => {
        for (const b of bindings) entry.sites.set(b, zones.site(b, p.zone));
        const placed = placeJob(cj, p, entry.sites, cluster, input.bindings);
        const Actor = input.fidelity === "bulk" ? BulkTraining : PerStepTraining;
        new Actor(engine, net, new PlacedFabric(fabric, p.nodes, job.name), placed).start((o) => {
          entry.outcome = o;
          release();
        });
      },
    });
    training.push(entry);
  }

  engine.runUntilIdle();
  const runs = <O>(list: { record: GangRecord; outcome?: O; sites: Map<string, BindingSite> }[]): PlacedRun<O>[] =>
    list.map(({ record: r, outcome, sites }) => {
      if (outcome === undefined || r.placement === undefined || r.endUs < 0) {
        throw new Error(`workload ${r.name} did not finish (no event left at ${engine.now}us)`);
      }
      return {
        name: r.name,
        submitUs: r.submitUs,
        startUs: r.startUs,
        endUs: r.endUs,
        placement: r.placement,
        outcome,
        sites,
      };
    });
  const t = runs(training);
  const sv = runs(serving);
  const endUs = Math.max(0, ...t.map((x) => x.endUs), ...sv.map((x) => x.endUs));
  meter.finish(endUs);
  const sharedZones = new Map<string, string>();
  for (const name of input.bindings.keys()) {
    const z = zones.zoneOf(name);
    if (z !== undefined) sharedZones.set(name, z);
  }
  return {
    training: t,
    serving: sv,
    endUs,
    unallocatedPerNode: meter.perNode,
    unallocatedSeries: meter.series,
    sharedZones,
    events: engine.processed,
  };
}

/** The bindings a job uses: its data's and its checkpoints'. */
function bindingsOf(cj: ClusterTrainingJob): string[] {
  return [cj.dataBinding, ...(cj.checkpointBinding === undefined ? [] : [cj.checkpointBinding])];
}

/** The job as it runs at `p`: its bindings' sites' profiles and its share of node caches. */
function placeJob(
  cj: ClusterTrainingJob,
  p: Placement,
  sites: ReadonlyMap<string, BindingSite>,
  cluster: Cluster,
  bindings: ReadonlyMap<string, ClusterBinding>,
): TrainingJob {
  const job = cj.job;
  const data = sites.get(cj.dataBinding)!.profile;
  const nodeCache = bindings.get(cj.dataBinding)!.profile.nodeCacheBytes ?? 0;
  const share = Math.min(...p.nodes.map((n, k) => (nodeCache * p.gpus[k]!) / cluster.nodes[n]!.gpus));
  const ck = job.checkpoint;
  return {
    ...job,
    dataStorage: data,
    data: { ...job.data, cacheBytesPerNode: Math.max(cj.pageCacheBytesPerNode, share) },
    checkpoint: ck === undefined ? undefined : { ...ck, storage: sites.get(cj.checkpointBinding!)!.profile },
  };
}
