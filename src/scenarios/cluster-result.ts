/**
 * The `cluster` part of a result document (scenarios with an explicit cluster): one entry per storage design,
 * each with its scheduler, GPU time by cause (unallocated included), queueing delay, cost, and per-workload
 * and per-node breakdowns. Hours are wall hours or GPU-hours as named; money in USD; bytes as bytes.
 */
import type { HoursByCause } from "./result.ts";

/** Queueing delay (start − submit) over a design's workloads, hours. */
export interface QueueingSummary {
  /** Workloads counted (training jobs and serving workloads). */
  jobs: number;
  meanHours: number;
  /** 95th percentile, linear between closest ranks. */
  p95Hours: number;
  maxHours: number;
}

/** One workload (a training job or a serving workload) on the cluster. */
export interface WorkloadPlacement {
  /** As in `jobs[]` / `inference[]` (with the design's prefix). */
  name: string;
  kind: "training" | "inference";
  submitHours: number;
  startHours: number;
  endHours: number;
  /** start − submit. */
  queueingHours: number;
  zone: string;
  /** Cluster nodes it ran on, with its GPUs on each. */
  nodes: { name: string; gpus: number }[];
  /** MLPerf AU (training); null for serving. */
  au: number | null;
  /** Its GPUs for its run time, plus its egress, USD. */
  costUsd: number;
  /** Bytes it read or wrote across a zone boundary, and what they cost. */
  egressBytes: number;
  egressUsd: number;
  /** Bindings it reached across a zone boundary (with the inter-zone latency on every request). */
  crossZone: string[];
}

/** One node of the cluster. */
export interface NodeBreakdown {
  name: string;
  pool: string;
  zone: string;
  gpus: number;
  /**
   * GPU-hours by cause on this node: each training job's causes in proportion to its GPUs here (all ranks of
   * a synchronous job are in the same state), and the GPUs no workload held.
   */
  gpuHoursByCause: HoursByCause;
  /** GPU-hours held by serving workloads here (by serving cause in `inference[]`). */
  servingGpuHours: number;
  /** Dataset bytes the training jobs here read, each job's split over its nodes by its GPUs there. */
  bytesRead: number;
}

/** A binding of a design as placed and billed on the cluster. */
export interface DesignStorage {
  name: string;
  preset: string;
  /** shared: one volume (or copy per zone) for all; node: each node's local media; pod: each job's own volumes. */
  scope: "shared" | "node" | "pod";
  /** Zone of a shared zonal file system (null: regional, node-local, per pod, or per zone). */
  zone: string | null;
  /** Volumes or copies billed (copies per zone; nodes used; pods' volumes over the run). */
  volumes: number;
  /** Capacity of one volume or copy, bytes (pod scope: the largest). */
  capacityBytes: number;
  /** Storage cost over the run, USD. */
  usd: number;
}

/** One design's cluster run. */
export interface DesignResult {
  name: string;
  description: string;
  scheduler: { policy: "fifo" | "priority"; backfill: boolean };
  fidelity: "per-step" | "bulk";
  /** GPUs of the cluster. */
  gpus: number;
  /** From 0 to the last workload's end. */
  wallHours: number;
  /** Cluster GPU-hours not held by serving workloads, by cause; sums to `total`. */
  gpuHours: { total: number; byCause: HoursByCause };
  /** compute / gpuHours.total. */
  utilisation: number;
  queueing: QueueingSummary;
  cost: {
    totalUsd: number;
    /** Every cluster GPU for the wall time (training, serving and unallocated). */
    gpuUsd: number;
    storageUsd: number;
    egressUsd: number;
    /** GPU-hours no workload held, priced. */
    unallocatedUsd: number;
    /** Run rate of this design per 730-hour month. */
    perMonthUsd: number;
  };
  workloads: WorkloadPlacement[];
  nodes: NodeBreakdown[];
  storage: DesignStorage[];
  /** Engine events the run took. */
  events: number;
}

/** Every design of a cluster scenario, in the scenario's order. */
export interface ClusterResult {
  designs: DesignResult[];
}
