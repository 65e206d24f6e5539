/**
 * A training job in canonical units (bytes, bytes/s, µs): what the scenario schema produces and the
 * simulation consumes. Storage is referred to by resolved profiles, never by name.
 */
import type { StorageProfile } from "../storage/profile.ts";

/** The data pipeline of one rank (one GPU). */
export interface DataPipeline {
  /** Samples consumed per step per rank (the per-GPU batch). */
  readonly samplesPerStep: number;
  readonly sampleBytes: number;
  /** Loader workers per rank; each reads one sample at a time. */
  readonly workers: number;
  /** Capacity of the prefetch buffer, in steps (≥ 1: reading for step k+1 overlaps step k's compute). */
  readonly prefetchSteps: number;
  /** Samples are read in requests of at most this many bytes (Infinity: one request per sample). */
  readonly maxRequestBytes: number;
  readonly access: "random" | "sequential";
  /** Whole dataset size, bytes (sets the epoch length and the cache hit ratio). */
  readonly datasetBytes: number;
  /** Page cache / node-local cache available for the dataset per node, bytes (0: none). */
  readonly cacheBytesPerNode: number;
  /**
   * Kernel readahead window of buffered reads, bytes (Linux `read_ahead_kb`; storage/readahead.ts). A sample
   * read in several requests (`maxRequestBytes` < `sampleBytes`) makes the device read past it; 0: direct I/O
   * or not modelled. No effect with one request per sample or with `access: "sequential"`.
   */
  readonly readaheadBytes: number;
  /**
   * How the loader works (docs/model.md, "Data pipeline"): `pool` (the default) or `pytorch`
   * (torch.utils.data.DataLoader: whole batches per worker, `prefetchSteps` = prefetch_factor per worker,
   * in-order delivery, `workers: 0` loads in the training process).
   */
  readonly loader?: "pool" | "pytorch";
  /** pytorch: workers survive the epoch (else each epoch starts them anew, `cpu.workerStartUs`). */
  readonly persistentWorkers?: boolean;
  /** CPU time of the loader (default: none). */
  readonly cpu?: LoaderCpu;
  /**
   * Every sample is in memory: reads take no time and move no bytes. Not a scenario setting: the run with it is
   * how the data wait is split into storage and CPU (scenarios/run-job.ts, DS-Analyzer's method).
   */
  readonly inMemory?: boolean;
}

/** The loader's CPU time, µs, on the node's cores (`TrainingJob.cpuCoresPerNode`). */
export interface LoaderCpu {
  /** Per sample, in the worker that read it (decode, augment). */
  readonly sampleUs: number;
  /** Per batch, in the worker that built it (collate, hand-off to the training process; pytorch only). */
  readonly batchUs: number;
  /** Per batch, in the training process before the step's compute (receiving the batch). */
  readonly mainBatchUs: number;
  /** Starting one worker process (pytorch; at the start, and every epoch without persistent workers). */
  readonly workerStartUs: number;
}

/** Batches a rank's loader holds ready or in flight: pool, its buffer; pytorch, prefetch_factor × num_workers. */
export const bufferBatches = (d: DataPipeline): number =>
  d.loader === "pytorch" ? d.prefetchSteps * d.workers : d.prefetchSteps;

/** No CPU cost: the loader is storage-bound only. */
export const NO_LOADER_CPU: LoaderCpu = { sampleUs: 0, batchUs: 0, mainBatchUs: 0, workerStartUs: 0 };

/** True when the loader has any CPU cost to model. */
export const hasLoaderCpu = (d: DataPipeline): boolean => {
  const c = d.cpu ?? NO_LOADER_CPU;
  return c.sampleUs > 0 || c.batchUs > 0 || c.mainBatchUs > 0 || c.workerStartUs > 0;
};

/** How often to checkpoint. */
export type CheckpointInterval =
  | { readonly kind: "fixed"; readonly us: number }
  | { readonly kind: "steps"; readonly steps: number }
  | { readonly kind: "young" }
  | { readonly kind: "daly" };

/** The checkpoint policy. */
export interface CheckpointPolicy {
  /** Bytes of one checkpoint (all ranks together). */
  readonly bytes: number;
  readonly interval: CheckpointInterval;
  /** sync: GPUs wait for the write; async: GPUs wait for a snapshot to host memory, the write runs behind. */
  readonly mode: "sync" | "async";
  /** true: every rank writes its shard; false: one writer writes everything. */
  readonly sharded: boolean;
  /** Checkpoints kept (capacity used = retention × bytes). */
  readonly retention: number;
  /** I/O priority of the writes relative to data reads (weight 1 = equal share). */
  readonly weight: number;
  /** Rate limit of the checkpoint writes per node, bytes/s (Infinity: none). */
  readonly rateLimitBytesPerSecond: number;
  /** Request size of checkpoint writes, bytes. */
  readonly writeRequestBytes: number;
  /** Profile of the storage checkpoints go to. */
  readonly storage: StorageProfile;
}

/** Failure and recovery behaviour. */
export interface FailurePolicy {
  /** Mean time between failures of one GPU (with its share of the node), µs; Infinity disables failures. */
  readonly gpuMtbfUs: number;
  /** Detection: node heartbeat grace until NotReady, µs (Kubernetes default 40–50 s). */
  readonly detectUs: number;
  /** Pod eviction toleration after NotReady, µs (Kubernetes default 300 s). */
  readonly tolerationUs: number;
  /** Force-detach wait for an RWO volume on a dead node, µs (6 min, hard-coded in Kubernetes). */
  readonly forceDetachUs: number;
  /** True when the out-of-service taint is applied, skipping the force-detach wait. */
  readonly outOfServiceTaint: boolean;
  /** Scheduling a replacement node/pod, µs. */
  readonly rescheduleUs: number;
  /**
   * Extra wait for a replacement node in the same zone when a zonal RWO volume pins the pod there (no
   * spare GPU node in that zone), µs. 0 when spare capacity is assumed in every zone.
   */
  readonly zonePinnedWaitUs: number;
  /** Container image pull on the new node, µs. */
  readonly imagePullUs: number;
}

/** Compute per step. */
export interface ComputeModel {
  /** Compute (forward, backward, all-reduce) per step, µs. */
  readonly stepUs: number;
  /** Coefficient of variation of per-rank step compute (0: none). */
  readonly jitterCv: number;
}

/** A synchronous data-parallel training job. */
export interface TrainingJob {
  readonly name: string;
  /** GPUs (ranks). */
  readonly gpus: number;
  readonly gpusPerNode: number;
  /** Steps to run. */
  readonly steps: number;
  readonly compute: ComputeModel;
  readonly data: DataPipeline;
  /** Profile of the storage the dataset is read from. */
  readonly dataStorage: StorageProfile;
  readonly checkpoint: CheckpointPolicy | undefined;
  readonly failures: FailurePolicy | undefined;
  /** Storage path bandwidth of each node's NIC per direction, bytes/s. */
  readonly nicBytesPerSecond: number;
  /** Cap on remote (network block) disk throughput per node, bytes/s (Infinity: none). */
  readonly remoteDiskBytesPerSecond: number;
  /** Device-to-host bandwidth per GPU for checkpoint snapshots, bytes/s. */
  readonly hostLinkBytesPerSecond: number;
  /** Start-up before the first step (volume provisioning, attach, mount, image pull), µs; GPUs idle. Default 0. */
  readonly startupUs?: number;
  /** CPU cores per node the data loaders share (Infinity or absent: not a limit). */
  readonly cpuCoresPerNode?: number;
}

/** Number of nodes the job occupies. */
export const nodesOf = (job: TrainingJob): number => Math.ceil(job.gpus / job.gpusPerNode);

/** A class of identical nodes of a job: its ranks per node and how many such nodes (`m`). */
export interface NodeClass {
  readonly ranks: number;
  readonly m: number;
}

/**
 * The job's nodes as classes of identical ones: the full nodes, and one partial node when the GPUs do not
 * fill the last. A fabric with one node per class standing for its members (`FabricOptions.multiplicity`)
 * gives the same max-min rates as one node each, whatever the GPU count.
 */
export function nodeClasses(job: TrainingJob): NodeClass[] {
  const nodes = nodesOf(job);
  const partial = job.gpus - (nodes - 1) * job.gpusPerNode;
  if (partial >= job.gpusPerNode) return [{ ranks: job.gpusPerNode, m: nodes }];
  return [...(nodes > 1 ? [{ ranks: job.gpusPerNode, m: nodes - 1 }] : []), { ranks: partial, m: 1 }];
}
