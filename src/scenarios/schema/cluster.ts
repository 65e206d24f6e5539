/**
 * The cluster: a node type from the catalog with optional overrides (GPU price, storage NIC, remote-disk
 * cap) — the scenario states what it changes and inherits the cited defaults for the rest. With `pools` the
 * cluster is explicit (node pools in zones shared by every job, a gang scheduler; docs/model.md "Cluster");
 * without, every job runs alone on its own nodes as before.
 */
import { z } from "zod";
import { zNodeTypeName } from "./names.ts";
import { zPositiveCount, zPositiveRate, zUsd } from "./units.ts";
import { MAX_NODES } from "./limits.ts";

/** A node pool of an explicit cluster. */
export const NodePoolSpec = z.strictObject({
  /** Unique within the cluster; nodes are named `NAME-0`, `NAME-1`, … */
  name: z.string().min(1),
  /** Default: the cluster's node type. */
  nodeType: zNodeTypeName.optional(),
  nodes: zPositiveCount.pipe(
    z.number().max(MAX_NODES, { error: `at most ${MAX_NODES.toLocaleString("en-US")} nodes` }),
  ),
  /** Availability zone of the pool's nodes. */
  zone: z.string().min(1).default("default"),
});

/** How the gang scheduler serves its queue (docs/model.md "Scheduler"). */
export const SchedulerSpec = z.strictObject({
  /** fifo: submit order; priority: higher `priority` first, then submit order. */
  policy: z.enum(["fifo", "priority"]).default("fifo"),
  /** EASY backfill: later jobs start early when they do not delay the head's reservation. */
  backfill: z.boolean().default(false),
});

export const Cluster = z.strictObject({
  nodeType: zNodeTypeName,
  /** Price per GPU-hour; default: the GPU catalog's on-demand price. */
  gpuPricePerHour: zUsd.optional(),
  /**
   * Purchase price of one GPU, for the owned-GPU view of cost (capex spread over `gpuLifeYears`); default: the GPU
   * catalog's capex. Applies to the node type's GPU (pools of other node types keep the catalog's).
   */
  gpuCapex: zUsd.optional(),
  /**
   * Years an owned GPU's purchase price is spread over. Default 5: the servers' useful life AWS (from 2022) and
   * Meta (from Q4 2022) state in their 10-K filings (Microsoft and Google: 6), as summarised at
   * https://shaulkoral.com/useful-life-of-servers-and-network-assets-at-tech-companies/.
   */
  gpuLifeYears: z.number().positive().max(20).default(5),
  /** CPU cores (vCPUs) per node the data loaders share; default: the node type's. */
  cpuCores: zPositiveCount.optional(),
  /** Usable storage-path bandwidth of each node's NIC, per direction; default: the node type's. */
  nicBandwidth: zPositiveRate.optional(),
  /** Cap on network-block throughput per node; default: the node type's. */
  remoteDiskBandwidth: zPositiveRate.optional(),
  /**
   * Availability zones the job's nodes are spread over (round robin); shared zonal storage sits in the first.
   * Without `pools` only; an explicit cluster's zones are its pools'.
   */
  zones: zPositiveCount.default(1),
  /** Node pools: an explicit cluster shared by every job (and serving workload) of the scenario. */
  pools: z.array(NodePoolSpec).min(1).optional(),
  /** The gang scheduler of an explicit cluster. */
  scheduler: SchedulerSpec.optional(),
});

export type ClusterSpec = z.input<typeof Cluster>;
export type ClusterConfig = z.output<typeof Cluster>;
