/**
 * The `cluster` part of a cluster design's alternative in a result document (scenarios with an explicit
 * cluster): its scheduler, queueing delay, and per-workload and per-node breakdowns. Hours are wall hours or
 * GPU-hours as named; money in USD; bytes as bytes.
 */
import type { HoursByCause } from "./types.ts";

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
  /** As in the alternative's `jobs[]` / `inference[]`. */
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
   * GPU-hours by cause on this node: each workload's causes in proportion to its GPUs here (all ranks of a
   * synchronous job are in the same state; a serving pool's GPUs alike), and the GPUs no workload held. Sums to
   * the node's GPUs × the design's wall time.
   */
  gpuHoursByCause: HoursByCause;
  /** Dataset bytes the training jobs here read, each job's split over its nodes by its GPUs there. */
  bytesRead: number;
}

/** A cluster design's scheduling and placement detail (its headline numbers are the alternative's). */
export interface ClusterDetail {
  scheduler: { policy: "fifo" | "priority"; backfill: boolean };
  fidelity: "per-step" | "bulk";
  queueing: QueueingSummary;
  workloads: WorkloadPlacement[];
  nodes: NodeBreakdown[];
  /** Engine events the run took. */
  events: number;
}
