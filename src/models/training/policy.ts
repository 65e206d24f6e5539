/**
 * Checkpoint and recovery policy arithmetic for a training job: the checkpoint cost estimate that feeds
 * Young/Daly, the interval, and the downtime of a recovery after a failure. Pure functions of the job and
 * the fabric's capacities.
 */
import { maxMinRates } from "../../sim/max-min.ts";
import type { Constraint } from "../../sim/fluid-network.ts";
import type { StorageProfile } from "../storage/profile.ts";
import { isSharedVolume, type FabricPaths } from "../storage/fabric.ts";
import { sampleDeviceReads } from "../storage/readahead.ts";
import { streamCap } from "../storage/request.ts";
import { dalyIntervalUs, youngIntervalUs } from "./checkpoint-interval.ts";
import { nodesOf, type CheckpointPolicy, type NodeClass, type TrainingJob } from "./job.ts";

/** Bytes each writer node writes, and the number of writers. */
export function checkpointShares(job: TrainingJob, ck: CheckpointPolicy): number[] {
  if (!ck.sharded) return [ck.bytes];
  const nodes = nodesOf(job);
  return Array.from({ length: nodes }, (_, node) => {
    const ranks = Math.min(job.gpusPerNode, job.gpus - node * job.gpusPerNode);
    return (ck.bytes * ranks) / job.gpus;
  });
}

/** Default request size of checkpoint writes when a job has no checkpoint policy, bytes. */
const DEFAULT_WRITE_REQUEST = 4 * 2 ** 20;

/**
 * The paths of one of the job's nodes to `profile`, with the job's request sizes: reads as the device sees
 * them (`deviceReadBytes`), checkpoint writes in `writeRequestBytes` (they set how IOPS ceilings become
 * bandwidth). Every caller uses this, so the first call for a profile fixes the same sizes.
 */
export function jobPaths(job: TrainingJob, fabric: FabricPaths, profile: StorageProfile, node: number) {
  const read = deviceReadBytes(job);
  const write = job.checkpoint?.writeRequestBytes ?? DEFAULT_WRITE_REQUEST;
  return fabric.paths(profile, node, read, write);
}

/**
 * Mean size of the read requests the job's sample reads put on the device, bytes: the loader's request
 * (a sample, or `maxRequestBytes` of it) — or, where the kernel's readahead turns a sample read in several
 * buffered requests into windows (storage/readahead.ts), a cold sample's device bytes over the reads that
 * move them: 4 MiB read in 1 MiB requests with an 8 MiB window is 1 + 2 + 4 + 8 MiB in 4 reads, 3.75 MiB
 * each. This is what an IOPS ceiling turns into bandwidth; with the loader's 1 MiB, a profile fitted from
 * fio runs at 1–8 MiB capped such a job at its 1 MiB saturation (1.16 GB/s where the disk moved 1.6–2.0 GB/s
 * of windows in the replay, 2026-11-24).
 */
export function deviceReadBytes(job: TrainingJob): number {
  const d = job.data;
  const request = Math.min(d.maxRequestBytes, d.sampleBytes);
  if (d.access !== "random" || !(d.readaheadBytes > 0)) return request;
  let bytes = deviceReadMemo.get(d); // per-step asks once per sample read; the emulation walks every request
  if (bytes === undefined) {
    const { reads, deviceBytes } = sampleDeviceReads(d.sampleBytes, d.maxRequestBytes, d.readaheadBytes);
    bytes = Math.max(request, deviceBytes / reads.length); // a sample's reads are never none
    deviceReadMemo.set(d, bytes);
  }
  return bytes;
}
const deviceReadMemo = new WeakMap<TrainingJob["data"], number>();

/**
 * Read requests in flight on one volume of the job's data storage when every loader worker is reading:
 * `workers` per rank, times the ranks sharing that volume (the ranks of one node for per-node volumes,
 * every rank for shared file systems and object stores; see fabric.ts). It picks the point on a calibrated
 * profile's throughput-vs-concurrency curves (concurrency-curve.ts); profiles without curves ignore it.
 */
export function readOutstanding(job: TrainingJob): number {
  const ranks = isSharedVolume(job.dataStorage) ? job.gpus : Math.min(job.gpus, job.gpusPerNode);
  // num_workers 0: the training process reads, one request at a time.
  return Math.max(1, job.data.workers) * ranks;
}

/**
 * Parallel write streams of a writer node: one per rank on the node when sharded (each rank writes its
 * shard), one for a single writer. A node's checkpoint flow is capped at streams × one stream's rate.
 */
export function writerStreams(job: TrainingJob, node: number): number {
  if (job.checkpoint === undefined || !job.checkpoint.sharded) return 1;
  return Math.max(1, Math.min(job.gpusPerNode, job.gpus - node * job.gpusPerNode));
}

/**
 * Estimate of what one checkpoint blocks the GPUs for, µs: the snapshot to host memory for
 * async checkpoints; for sync ones, the write with nothing else on the storage (max-min over the writer
 * nodes' paths). 0 without a checkpoint policy. With `classes` (sharded writes only), fabric node i stands for
 * class i's `m` identical nodes (`FabricOptions.multiplicity`): one flow per class, its weight and cap × m.
 */
export function estimateCheckpointCostUs(
  job: TrainingJob,
  fabric: FabricPaths,
  classes?: readonly NodeClass[],
): number {
  const ck = job.checkpoint;
  if (ck === undefined) return 0;
  if (ck.mode === "async") return Math.ceil((ck.bytes / job.gpus / job.hostLinkBytesPerSecond) * 1e6);
  const m = classes?.map((c) => c.m);
  const shares = classes?.map((c) => (ck.bytes * c.ranks) / job.gpus) ?? checkpointShares(job, ck);
  const paths = shares.map((_, node) => jobPaths(job, fabric, ck.storage, node).write);
  const index = new Map<Constraint, number>();
  const capacities: number[] = [];
  const pathIndex: number[] = [];
  const pathStart = [0];
  for (const p of paths) {
    for (const c of p) {
      let j = index.get(c);
      if (j === undefined) {
        j = capacities.length;
        index.set(c, j);
        capacities.push(c.capacity);
      }
      pathIndex.push(j);
    }
    pathStart.push(pathIndex.length);
  }
  const streams = (node: number) =>
    classes === undefined ? writerStreams(job, node) : Math.max(1, classes[node]!.ranks);
  const caps = shares.map(
    (b, node) =>
      (m?.[node] ?? 1) *
      Math.min(
        ck.rateLimitBytesPerSecond,
        streams(node) * streamCap(ck.storage.latency.write, b, ck.writeRequestBytes),
      ),
  );
  if (paths.every((p) => p.length === 0) && caps.every((c) => c === Infinity)) return 0;
  const { rates } = maxMinRates({
    capacities,
    flowCount: shares.length,
    weights: shares.map((_, i) => m?.[i] ?? 1),
    caps,
    pathStart,
    pathIndex,
  });
  // A loop, not Math.max(...): a job of 100,000 nodes would overflow the call stack with spread arguments.
  let seconds = 0;
  shares.forEach((b, i) => {
    const perMember = rates[i]! / (m?.[i] ?? 1);
    seconds = Math.max(seconds, perMember > 0 ? b / perMember : Infinity);
  });
  return Math.ceil(seconds * 1e6);
}

/**
 * The checkpoint interval in µs: as given, or Young/Daly from the cost and the job's MTBF
 * (GPU MTBF / GPUs). `undefined` for an interval in steps.
 * @throws RangeError for Young/Daly without a finite failure rate, or a zero checkpoint cost.
 */
export function checkpointIntervalUs(ck: CheckpointPolicy, costUs: number, job: TrainingJob): number | undefined {
  const iv = ck.interval;
  if (iv.kind === "fixed") return iv.us;
  if (iv.kind === "steps") return undefined;
  const mtbf = job.failures?.gpuMtbfUs;
  if (mtbf === undefined || !(mtbf < Infinity)) {
    throw new RangeError(`checkpoint interval ${iv.kind} needs a finite failures.gpuMtbf`);
  }
  const cost = Math.max(1, costUs);
  return iv.kind === "young" ? youngIntervalUs(cost, mtbf / job.gpus) : dalyIntervalUs(cost, mtbf / job.gpus);
}

/** True when a pod on a dead node holds this storage through an RWO attachment that must be force-detached. */
export const holdsRwoAttachment = (p: StorageProfile): boolean =>
  p.category === "network-block" && !p.accessModes.includes("RWX") && !p.accessModes.includes("ROX");

/**
 * Downtime after a failure before the restore read starts, µs: detection + eviction toleration +
 * (force-detach of RWO network volumes, unless the out-of-service taint is applied) + attach and mount of
 * network volumes + rescheduling (+ the wait for a node in the same zone when a zonal RWO volume pins the
 * pod there) + image pull. The checkpoint read itself is simulated on the fabric.
 */
export function recoveryDowntimeUs(job: TrainingJob): number {
  const f = job.failures;
  if (f === undefined) return 0;
  const storages = [job.dataStorage, ...(job.checkpoint ? [job.checkpoint.storage] : [])];
  const rwo = storages.some(holdsRwoAttachment);
  let attach = 0;
  for (const p of storages) {
    if (p.category === "network-block")
      attach = Math.max(attach, (p.timings.attachSeconds + p.timings.mountSeconds) * 1e6);
  }
  const detach = rwo && !f.outOfServiceTaint ? f.forceDetachUs : 0;
  const pinned = storages.some((p) => holdsRwoAttachment(p) && p.topology === "zonal") ? f.zonePinnedWaitUs : 0;
  return Math.round(f.detectUs + f.tolerationUs + detach + attach + f.rescheduleUs + pinned + f.imagePullUs);
}

/**
 * Start-up time of a job before its first step, µs: the slowest of its storages to become usable (dynamic
 * provisioning, then attach and mount for network block volumes; mount for the others) plus the image pull.
 */
export function startupUs(storages: readonly StorageProfile[], imagePullUs: number): number {
  let ready = 0;
  for (const p of storages) {
    const t = p.timings;
    const s = p.category === "network-block" ? t.provisionSeconds + t.attachSeconds + t.mountSeconds : t.mountSeconds;
    ready = Math.max(ready, s * 1e6);
  }
  return Math.round(ready + imagePullUs);
}
