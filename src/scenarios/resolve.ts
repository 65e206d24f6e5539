/**
 * Turns a validated scenario (canonical units, names checked) into model objects: storage profiles with
 * what is provisioned applied and overrides merged, and `TrainingJob`s ready for the engine. Pure.
 */
import { nodeTypeByName } from "../models/cluster/node-types.ts";
import type { NodeType } from "../models/cluster/node-type.ts";
import { ProvisioningError, provisionedPerformance } from "../models/cost/storage-cost.ts";
import { gpuByName } from "../models/gpu/catalog.ts";
import type { GpuSpec } from "../models/gpu/gpu-spec.ts";
import type { IoLimits, StorageProfile } from "../models/storage/profile.ts";
import { STORAGE_PRESETS, storagePresetByName } from "../models/storage/presets/index.ts";
import type { CheckpointInterval, TrainingJob } from "../models/training/job.ts";
import { startupUs } from "../models/training/policy.ts";
import { scenarioError, type ScenarioError } from "./errors.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import type { StorageBindingConfig } from "./schema/storage.ts";
import type { JobConfig } from "./schema/job.ts";
import { inferenceModel } from "./schema/inference-checks.ts";

/** A storage binding as the model and the cost model see it. */
export interface ResolvedStorage {
  /** The binding's name in the scenario (also the profile's name, so bindings never share constraints). */
  readonly name: string;
  readonly preset: string;
  readonly profile: StorageProfile;
  /** Capacity per volume (or of the file system), bytes. */
  readonly capacityBytes: number;
  /** Volumes billed: one per node using it for per-node media and RWO volumes, one for shared ones. */
  readonly volumes: number;
  /** Provisioned IOPS and bytes/s per volume (what is billed above the baseline). */
  readonly iops: number;
  readonly bytesPerSecond: number;
  readonly crossZone: boolean;
  /** One shared volume or file system in one zone (nodes in other zones cross a zone boundary to reach it). */
  readonly sharedZonal: boolean;
  /** What differs from what the scenario asked for (e.g. capacity raised to the preset's minimum). */
  readonly adjustments: readonly string[];
}

/** The scenario's model objects. */
export interface ResolvedScenario {
  readonly nodeType: NodeType;
  readonly gpu: GpuSpec;
  readonly gpuUsdPerHour: number;
  /** Purchase price of one of its GPUs and the years it is spread over (the owned-GPU view of cost). */
  readonly gpuCapexUsd: number;
  readonly gpuLifeYears: number;
  readonly zones: number;
  readonly storage: ReadonlyMap<string, ResolvedStorage>;
  readonly jobs: readonly TrainingJob[];
  /** Binding names per job: [data, checkpoint or undefined]. */
  readonly uses: ReadonlyMap<string, { data: string; checkpoint: string | undefined }>;
}

const SHARED = new Set(["file-share", "parallel-fs", "object-cache"]);

function checkpointBytes(job: JobConfig): number {
  const ck = job.checkpoint!;
  return ck.size ?? ck.parameters! * ck.bytesPerParameter;
}

function withLimits(l: IoLimits, bytesPerSecond: number, iops: number): IoLimits {
  return { bytesPerSecond, iops: Number.isFinite(iops) ? iops : l.iops };
}

/** A provisioned quantity in the units people read: GB, MB/s, IOPS. */
function describe(field: "capacityBytes" | "iops" | "bytesPerSecond", v: number): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
  if (field === "capacityBytes") return `capacity ${n(v / 1e9)} GB`;
  if (field === "bytesPerSecond") return `throughput ${n(v / 1e6)} MB/s`;
  return `${n(v)} IOPS`;
}

/** Applies provisioning and overrides to a preset. */
function resolveStorage(
  name: string,
  b: StorageBindingConfig,
  neededBytes: number,
  nodes: number,
  profiles: ReadonlyMap<string, StorageProfile>,
): ResolvedStorage {
  const preset = b.preset !== undefined ? storagePresetByName(b.preset) : profiles.get(b.profile!);
  // load-profiles.ts loads every file a binding names before a run: a missing one is a bug, not a user error.
  if (preset === undefined) throw new Error(`storage.${name}.profile: profile file not loaded: ${b.profile}`);
  const capacityBytes = Math.max(b.capacity ?? neededBytes, 1);
  let perf: ReturnType<typeof provisionedPerformance>;
  try {
    perf = provisionedPerformance(preset, capacityBytes, { iops: b.iops, bytesPerSecond: b.throughput });
  } catch (e) {
    if (e instanceof ProvisioningError) throw provisioningIssue(name, preset, e);
    throw e;
  }
  let profile: StorageProfile = { ...preset, name };
  const sc = preset.scaling;
  if (sc.kind === "provisioned") {
    profile = {
      ...profile,
      volume: {
        read: withLimits(preset.volume.read, perf.bytesPerSecond, perf.iops),
        write: withLimits(preset.volume.write, perf.bytesPerSecond, perf.iops),
      },
    };
  } else if (sc.kind === "per-capacity") {
    const tib = perf.capacityBytes / 2 ** 40;
    profile = {
      ...profile,
      aggregate: {
        read: { ...preset.aggregate.read, bytesPerSecond: sc.readBytesPerSecondPerTiB * tib },
        write: { ...preset.aggregate.write, bytesPerSecond: sc.writeBytesPerSecondPerTiB * tib },
      },
    };
  }
  const o = b.overrides;
  if (o !== undefined) {
    const lat = (l: StorageProfile["latency"]["read"], us: number | undefined) =>
      us === undefined ? l : { ...l, baseLatencyUs: us };
    const bw = (l: IoLimits, v: number | undefined) => (v === undefined ? l : { ...l, bytesPerSecond: v });
    profile = {
      ...profile,
      latency: { read: lat(profile.latency.read, o.readLatency), write: lat(profile.latency.write, o.writeLatency) },
      volume: { read: bw(profile.volume.read, o.volumeRead), write: bw(profile.volume.write, o.volumeWrite) },
      aggregate: {
        read: bw(profile.aggregate.read, o.aggregateRead),
        write: bw(profile.aggregate.write, o.aggregateWrite),
      },
    };
  }
  return {
    name,
    preset: preset.name,
    profile,
    capacityBytes: perf.capacityBytes,
    volumes: SHARED.has(preset.category) ? 1 : Math.max(1, nodes),
    iops: perf.iops,
    bytesPerSecond: perf.bytesPerSecond,
    crossZone: b.crossZone,
    sharedZonal: SHARED.has(preset.category) && preset.topology === "zonal",
    adjustments: perf.adjustments.map(
      (a) => `${name} (${preset.name}): ${describe(a.field, a.from)} → ${describe(a.field, a.to)} (${a.reason})`,
    ),
  };
}

/**
 * A request beyond what a preset gives, as a scenario error at the field (`storage.NAME.iops` or `.throughput`)
 * saying what the preset gives and what to change: for throughput that comes with capacity, the capacity that
 * gives it; otherwise the preset's maximum and the presets of the same kind that go higher.
 */
function provisioningIssue(name: string, preset: StorageProfile, e: ProvisioningError): ScenarioError {
  const n = (x: number, d = 1) => x.toLocaleString("en-US", { maximumFractionDigits: d });
  const rate = (bps: number) => (bps >= 1e9 ? `${n(bps / 1e9, 2)} GB/s` : `${n(bps / 1e6)} MB/s`);
  const iops = e.quantity === "iops";
  const field = iops ? "iops" : "throughput";
  const asked = iops ? `${n(e.requested, 0)} IOPS` : rate(e.requested);
  const most = iops ? `${n(e.max, 0)} IOPS` : rate(e.max);
  let message: string;
  if (e.capacityNeededBytes !== undefined && e.capacityBytes !== undefined) {
    const tib = e.capacityNeededBytes / 2 ** 40;
    const perTiB = preset.scaling.kind === "per-capacity" ? preset.scaling.readBytesPerSecondPerTiB : 0;
    message =
      `${asked} is more than ${preset.name} gives at ${n(e.capacityBytes / 2 ** 40, 2)} TiB (${most}): its throughput comes with ` +
      `capacity (${rate(perTiB)} per TiB), so raise capacity to at least ${n(Math.ceil(tib * 10) / 10)} TiB ` +
      `(capacity: ${n(Math.ceil(tib * 10) / 10)}TiB) and leave throughput out`;
  } else {
    const higher = STORAGE_PRESETS.filter((p) => {
      // Same kind from the same provider (the name's first word: ebs, azure, gcp).
      if (p.category !== preset.category || p.name === preset.name) return false;
      if (p.name.split("-")[0] !== preset.name.split("-")[0]) return false;
      const max = p.scaling.kind === "provisioned" ? (iops ? p.scaling.maxIops : p.scaling.maxBytesPerSecond) : 0;
      return max >= e.requested;
    }).map((p) => p.name);
    message =
      `${asked} is more than ${preset.name} gives per volume (at most ${most}): lower ${field} to ${most} or less` +
      (higher.length > 0 ? `, or use ${higher.join(" or ")}` : "");
  }
  return scenarioError("SCN_ERR_INVALID", { code: "custom", path: ["storage", name, field], message });
}

function interval(ck: NonNullable<JobConfig["checkpoint"]>): CheckpointInterval {
  const iv = ck.interval;
  if (iv === "young" || iv === "daly") return { kind: iv };
  if (typeof iv === "object") return { kind: "steps", steps: iv.steps };
  return { kind: "fixed", us: iv };
}

/**
 * Resolves a validated scenario; `profiles` holds the profile files its bindings name (see load-profiles.ts);
 * `sizing` says whether its workloads run alone (each an alternative: a binding holds the largest one's data)
 * or together on a cluster (the binding holds all of it).
 * @throws RangeError when provisioning asks for more than a preset allows (the message names the preset).
 */
export function resolveScenario(
  s: ScenarioConfig,
  profiles: ReadonlyMap<string, StorageProfile> = new Map(),
  sizing: "alone" | "together" = "alone",
): ResolvedScenario {
  const nodeType = nodeTypeByName(s.cluster.nodeType);
  const gpu = gpuByName(nodeType.gpu);
  const nodesOf = (j: JobConfig) => Math.ceil(j.gpus / nodeType.gpusPerNode);
  // What each binding must hold, and how many nodes use it. Without a cluster (`alone`) every job and serving
  // workload runs alone on its own copy of the storage (an alternative), so a binding is sized for the largest
  // of them: a job's dataset plus its retained checkpoints when both go to the binding; a serving workload's
  // weights. On a cluster (`together`) they share it: their needs add up.
  const needed = new Map<string, { bytes: number; nodes: number }>();
  const need = (uses: readonly [string, number][], nodes: number) => {
    const mine = new Map<string, number>();
    for (const [name, bytes] of uses) mine.set(name, (mine.get(name) ?? 0) + bytes);
    for (const [name, bytes] of mine) {
      const n = needed.get(name) ?? { bytes: 0, nodes: 0 };
      const total = sizing === "together" ? n.bytes + bytes : Math.max(n.bytes, bytes);
      needed.set(name, { bytes: total, nodes: Math.max(n.nodes, nodes) });
    }
  };
  for (const j of s.jobs) {
    const ck = j.checkpoint;
    need(
      [
        [j.data.storage, j.data.datasetSize],
        ...(ck ? [[ck.storage, checkpointBytes(j) * ck.retention] as [string, number]] : []),
      ],
      nodesOf(j),
    );
  }
  // Serving workloads keep one copy of their model's weights per volume (per node, or one shared volume).
  for (const w of s.inference) need([[w.storage, inferenceModel(w).bytes]], w.placement.nodes);
  const storage = new Map<string, ResolvedStorage>();
  for (const [name, b] of Object.entries(s.storage)) {
    const n = needed.get(name) ?? { bytes: 1, nodes: 1 };
    storage.set(name, resolveStorage(name, b, n.bytes, n.nodes, profiles));
  }
  const uses = new Map<string, { data: string; checkpoint: string | undefined }>();
  const jobs = s.jobs.map((j): TrainingJob => {
    uses.set(j.name, { data: j.data.storage, checkpoint: j.checkpoint?.storage });
    const ck = j.checkpoint;
    const f = j.failures;
    return {
      name: j.name,
      gpus: j.gpus,
      gpusPerNode: nodeType.gpusPerNode,
      steps: j.steps ?? Math.max(1, Math.floor(j.duration! / j.compute.stepTime)),
      compute: { stepUs: j.compute.stepTime, jitterCv: j.compute.jitter },
      data: {
        samplesPerStep: j.data.samplesPerStep,
        sampleBytes: j.data.sampleSize,
        workers: j.data.workers,
        prefetchSteps: j.data.prefetch,
        maxRequestBytes: j.data.maxRequestSize ?? Infinity,
        access: j.data.access,
        datasetBytes: j.data.datasetSize,
        // The page cache the job is given, or the node-local cache its storage brings, whichever is larger.
        cacheBytesPerNode: Math.max(j.data.cachePerNode, storage.get(j.data.storage)!.profile.nodeCacheBytes ?? 0),
        readaheadBytes: j.data.readahead,
        loader: j.data.loader,
        persistentWorkers: j.data.persistentWorkers,
        cpu: {
          sampleUs: j.data.cpu.perSample,
          batchUs: j.data.cpu.perBatch,
          mainBatchUs: j.data.cpu.mainPerBatch,
          workerStartUs: j.data.cpu.workerStart,
        },
      },
      dataStorage: storage.get(j.data.storage)!.profile,
      checkpoint:
        ck === undefined
          ? undefined
          : {
              bytes: checkpointBytes(j),
              interval: interval(ck),
              mode: ck.mode,
              sharded: ck.sharded,
              retention: ck.retention,
              weight: ck.priority,
              rateLimitBytesPerSecond: ck.rateLimit ?? Infinity,
              writeRequestBytes: ck.requestSize,
              storage: storage.get(ck.storage)!.profile,
            },
      failures:
        f === undefined
          ? undefined
          : {
              gpuMtbfUs: f.gpuMtbf,
              detectUs: f.detect,
              tolerationUs: f.toleration,
              forceDetachUs: f.forceDetach,
              outOfServiceTaint: f.outOfServiceTaint,
              rescheduleUs: f.reschedule,
              zonePinnedWaitUs: f.zonePinnedWait,
              imagePullUs: f.imagePull,
            },
      nicBytesPerSecond: s.cluster.nicBandwidth ?? nodeType.storageNicBytesPerSecond,
      remoteDiskBytesPerSecond: s.cluster.remoteDiskBandwidth ?? nodeType.remoteDiskBytesPerSecond,
      hostLinkBytesPerSecond: gpu.hostLinkBytesPerSecond,
      cpuCoresPerNode: s.cluster.cpuCores ?? nodeType.cpuCores,
      startupUs: startupUs(
        [storage.get(j.data.storage)!.profile, ...(ck ? [storage.get(ck.storage)!.profile] : [])],
        j.imagePull,
      ),
    };
  });
  return {
    nodeType,
    gpu,
    gpuUsdPerHour: s.cluster.gpuPricePerHour ?? gpu.usdPerHour,
    gpuCapexUsd: s.cluster.gpuCapex ?? gpu.capexUsd,
    gpuLifeYears: s.cluster.gpuLifeYears,
    zones: s.cluster.zones,
    storage,
    jobs,
    uses,
  };
}

/**
 * Fraction of a job's storage traffic that crosses a zone boundary (and is charged egress): all of it when
 * the binding says `crossZone`; for one shared zonal volume or file system in the first zone, the share of
 * the job's nodes placed in other zones (round robin over `zones`); none for per-node volumes (each in its
 * node's zone) and regional storage.
 */
export function crossZoneFraction(st: ResolvedStorage, nodes: number, zones: number): number {
  if (st.crossZone) return 1;
  if (!st.sharedZonal || zones <= 1 || nodes <= 0) return 0;
  const inFirst = Math.ceil(nodes / zones);
  return (nodes - inFirst) / nodes;
}
