/**
 * A GPU model in the catalog: memory, on-demand price with its date, purchase price, MIG support.
 * Canonical units: bytes, bytes/s, USD.
 */
import type { Source } from "../source.ts";

export interface GpuSpec {
  /** Catalog key, e.g. `h100-sxm`. */
  readonly name: string;
  readonly title: string;
  /** Device memory, bytes. */
  readonly memoryBytes: number;
  /** Device memory bandwidth, bytes/s. */
  readonly memoryBytesPerSecond: number;
  /** Dense BF16 tensor throughput, FLOP/s. */
  readonly bf16Flops: number;
  /** Host link bandwidth per direction (PCIe), bytes/s: bounds device-to-host checkpoint staging. */
  readonly hostLinkBytesPerSecond: number;
  /** On-demand price, USD per GPU-hour. */
  readonly usdPerHour: number;
  /** Date the price applies to (ISO). */
  readonly priceAsOf: string;
  /** Purchase price per GPU, USD (street price). */
  readonly capexUsd: number;
  /** Maximum MIG instances (0 when MIG is not supported). */
  readonly migMaxInstances: number;
  readonly sources: readonly Source[];
}
