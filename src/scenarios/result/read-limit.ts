/**
 * What limited a job's dataset reads and what would lift it — the "what do I change?" of a storage-bound job,
 * from the model's own numbers: the limit is the fluid network's bottleneck of the read flows (by bytes moved
 * under it, `TrainingOutcome.readLimits`), and the need is the simulated run's device bytes per node over its
 * compute time — the read rate at which the GPUs would never have waited for data.
 */
import { deviceReadBytes } from "../../models/training/policy.ts";
import type { TrainingJob } from "../../models/training/job.ts";
import type { TrainingOutcome } from "../../models/training/outcome.ts";

/** A job's read limit in a result. */
export interface ReadLimit {
  /** aggregate: the backend as a whole; volume-*: one volume (per node, or the one shared volume); nic and
   * remote-disk: a node's storage NIC or network-disk cap; stream: each reader's one request in flight. */
  kind: "aggregate" | "volume-throughput" | "volume-iops" | "nic" | "remote-disk" | "stream";
  /** The limit in words, with its rate. */
  text: string;
  /** Share of the bytes read under this limit (0–1). */
  share: number;
  /** The limit's rate, bytes/s; null for a per-stream limit. */
  bytesPerSecond: number | null;
  /** Read rate per node at which the GPUs would never wait for data: device bytes per node ÷ compute time. */
  neededBytesPerSecondPerNode: number;
  /** The limit's rate ÷ what full speed needs at its scope (per node, or the whole job for shared storage). */
  givesFraction: number | null;
  /** What to change, in words, with the number that gives the need. */
  fix: string;
  /** The fluid-network constraint behind it (null: per stream); jobs limited by the same one share it. */
  constraint: string | null;
  /** The job's nodes. */
  nodes: number;
  /** A per-capacity backend's read throughput per TiB, bytes/s (null otherwise). */
  perTiB: number | null;
}

const n = (x: number, d = 1) => x.toLocaleString("en-US", { maximumFractionDigits: d });
const rate = (bps: number) => (bps >= 1e9 ? `${n(bps / 1e9, 2)} GB/s` : `${n(bps / 1e6)} MB/s`);
const size = (b: number) => (b >= 2 ** 20 ? `${n(b / 2 ** 20)} MiB` : `${n(b / 1024)} KiB`);

/** The kind of a fabric constraint from its name (src/models/storage/fabric.ts names them). */
function kindOf(constraint: string | null): "aggregate" | "volume" | "nic" | "remote-disk" | "stream" {
  if (constraint === null) return "stream";
  if (/ aggregate /.test(constraint)) return "aggregate";
  if (/ nic /.test(constraint)) return "nic";
  if (/ remote disk$/.test(constraint)) return "remote-disk";
  return "volume";
}

/** The job's read limit; null when it read nothing from storage. */
export function readLimitOf(o: TrainingOutcome, job: TrainingJob, preset: string): ReadLimit | null {
  const top = o.readLimits[0];
  const total = o.readLimits.reduce((a, l) => a + l.bytes, 0);
  if (top === undefined || !(total > 0)) return null;
  const nodes = Math.ceil(job.gpus / job.gpusPerNode);
  const computeSeconds = o.gpuTime.compute / job.gpus / 1e6;
  const need = computeSeconds > 0 ? o.bytesRead / nodes / computeSeconds : 0;
  const p = job.dataStorage;
  const req = deviceReadBytes(job);
  const share = top.bytes / total;
  const kind = kindOf(top.constraint);
  const shared = p.category === "file-share" || p.category === "parallel-fs" || p.category === "object-cache";
  const scope = shared ? "for the whole job" : "per volume (one per node)";
  const needTotal = shared ? need * nodes : need;
  const gives = (cap: number) => (needTotal > 0 && Number.isFinite(cap) ? cap / needTotal : null);
  const base = {
    share,
    neededBytesPerSecondPerNode: need,
    constraint: top.constraint,
    nodes,
    perTiB: p.scaling.kind === "per-capacity" ? p.scaling.readBytesPerSecondPerTiB : null,
  };
  if (kind === "stream") {
    return {
      ...base,
      kind,
      text:
        job.data.workers === 0
          ? `the training process's one request in flight (workers: 0, ${size(req)} requests)`
          : `each reader's one request in flight (${job.data.workers} workers per GPU, ${size(req)} requests)`,
      bytesPerSecond: null,
      givesFraction: null,
      fix:
        job.data.workers === 0
          ? "loader workers (num_workers) to read while the GPU computes, or larger requests"
          : `more loader workers or prefetch (now ${job.data.workers} workers, prefetch ${job.data.prefetchSteps}), or larger requests`,
    };
  }
  const cap = top.capacity;
  if (kind === "nic") {
    return {
      ...base,
      kind,
      text: `the node's storage NIC (${rate(cap)} per node)`,
      bytesPerSecond: cap,
      givesFraction: gives(cap),
      fix: `no ${preset} setting lifts it: cache the dataset on node-local NVMe, or use fewer GPUs per node`,
    };
  }
  if (kind === "remote-disk") {
    return {
      ...base,
      kind,
      text: `the instance's network-disk cap (${rate(cap)} per node)`,
      bytesPerSecond: cap,
      givesFraction: gives(cap),
      fix: "no volume setting lifts it: use node-local NVMe or a file system",
    };
  }
  const sc = p.scaling;
  if (kind === "aggregate") {
    const fix =
      sc.kind === "per-capacity"
        ? `a file system of at least ${n(Math.ceil((needTotal / sc.readBytesPerSecondPerTiB) * 10) / 10)} TiB (${rate(sc.readBytesPerSecondPerTiB)} per TiB)`
        : `a backend that gives ${rate(needTotal)} in all, or a node-local cache`;
    return {
      ...base,
      kind,
      text: `${preset}'s aggregate throughput (${rate(cap)} for every node together)`,
      bytesPerSecond: cap,
      givesFraction: gives(cap),
      fix,
    };
  }
  // A volume: IOPS-bound when its IOPS at the request size give less than its bytes/s.
  const iopsBound = p.volume.read.iops * req < p.volume.read.bytesPerSecond;
  const what = shared ? `${preset}'s one shared volume` : `each node's ${preset} volume`;
  if (iopsBound) {
    const iops = needTotal / req;
    const max = sc.kind === "provisioned" ? sc.maxIops : p.volume.read.iops;
    const fix =
      iops <= max && sc.kind === "provisioned"
        ? `provision at least ${n(Math.ceil(iops), 0)} IOPS ${scope} (it has ${n(p.volume.read.iops, 0)}), or read in larger requests`
        : `${preset} gives at most ${n(max, 0)} IOPS ${scope}, below the ${n(Math.ceil(iops), 0)} needed: larger requests or a faster preset`;
    return {
      ...base,
      kind: "volume-iops",
      text: `${what}'s IOPS (${n(p.volume.read.iops, 0)} IOPS × ${size(req)} requests = ${rate(cap)})`,
      bytesPerSecond: cap,
      givesFraction: gives(cap),
      fix,
    };
  }
  const max = sc.kind === "provisioned" ? sc.maxBytesPerSecond : p.volume.read.bytesPerSecond;
  const fix =
    sc.kind === "provisioned" && needTotal <= max
      ? `provision at least ${rate(needTotal)} ${scope} (it has ${rate(p.volume.read.bytesPerSecond)}; ${preset} goes to ${rate(max)})`
      : `${preset} gives at most ${rate(max)} ${scope}, below the ${rate(needTotal)} needed: a faster preset, node-local NVMe or a file system`;
  return {
    ...base,
    kind: "volume-throughput",
    text: `${what}'s throughput (${rate(cap)})`,
    bytesPerSecond: cap,
    givesFraction: gives(cap),
    fix,
  };
}
