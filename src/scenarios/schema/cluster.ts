/**
 * The cluster: a node type from the catalog with optional overrides (GPU price, storage NIC, remote-disk
 * cap) — the scenario states what it changes and inherits the cited defaults for the rest.
 */
import { z } from "zod";
import { zNodeTypeName } from "./names.ts";
import { zPositiveCount, zPositiveRate, zUsd } from "./units.ts";

export const Cluster = z.strictObject({
  nodeType: zNodeTypeName,
  /** Price per GPU-hour; default: the GPU catalog's on-demand price. */
  gpuPricePerHour: zUsd.optional(),
  /** Usable storage-path bandwidth of each node's NIC, per direction; default: the node type's. */
  nicBandwidth: zPositiveRate.optional(),
  /** Cap on network-block throughput per node; default: the node type's. */
  remoteDiskBandwidth: zPositiveRate.optional(),
  /** Availability zones the job's nodes are spread over (round robin); shared zonal storage sits in the first. */
  zones: zPositiveCount.default(1),
});

export type ClusterSpec = z.input<typeof Cluster>;
export type ClusterConfig = z.output<typeof Cluster>;
