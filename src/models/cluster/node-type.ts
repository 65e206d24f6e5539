/**
 * A node type: how many GPUs of which model, the NIC path to storage, host RAM (page cache, checkpoint
 * staging) and local NVMe. Canonical units: bytes, bytes/s, USD.
 */
import type { Source } from "../source.ts";

export interface NodeType {
  /** Catalog key, e.g. `p5.48xlarge`. */
  readonly name: string;
  readonly title: string;
  /** GPU catalog key. */
  readonly gpu: string;
  readonly gpusPerNode: number;
  /** Usable bandwidth of the NIC path to storage, bytes/s. */
  readonly storageNicBytesPerSecond: number;
  /** Host RAM, bytes. */
  readonly hostMemoryBytes: number;
  /** CPU cores (vCPUs, hardware threads) the node's processes share, data loaders included. */
  readonly cpuCores: number;
  /** Local NVMe capacity, bytes (0 if none). */
  readonly localNvmeBytes: number;
  /** Cap on remote-disk (network block) throughput imposed by the VM type, bytes/s (Infinity if none known). */
  readonly remoteDiskBytesPerSecond: number;
  /** Node price per hour, USD, and its date. */
  readonly usdPerHour: number;
  readonly priceAsOf: string;
  readonly sources: readonly Source[];
}
