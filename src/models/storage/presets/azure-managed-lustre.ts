/**
 * Azure Managed Lustre (AMLFS), SKU AMLFS-Durable-Premium-500 at 8 TiB: a parallel file system whose
 * throughput grows with capacity (500 MB/s per TiB). The file-system ceilings follow from the default
 * capacity (8 TiB × 500 MB/s/TiB = 4 GB/s); the per-capacity rule recomputes them for other sizes.
 */
import { NO_STREAM_CAP, SERVICE_REPLICATION, SHARED_FILE_SYSTEM } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { AZURE_INTER_ZONE_SOURCE, AZURE_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { MB, TiB } from "./units.ts";

const GPU_VMSS = "https://jingchaozhang.github.io/AMLFS-with-GPU-VMSS";
/** Premium-500 tier, MB/s per TiB (Azure quotes MB/s). */
const PER_TIB = 500 * MB;
/** Default capacity of this preset, TiB. */
const CAPACITY_TIB = 8;

/** AMLFS Durable-Premium-500 at 8 TiB: 4 GB/s read and write; RWX, zonal. */
export const AZURE_MANAGED_LUSTRE: StorageProfile = {
  name: "azure-managed-lustre",
  title: "Azure Managed Lustre (Premium-500, 8 TiB)",
  category: "parallel-fs",
  description:
    "AMLFS-Durable-Premium-500 (SKUs 40, 125, 250, 500 MB/s per TiB) at 8 TiB, through the Azure Lustre CSI driver, as in " +
    "a published 8-node H100 VMSS example. Throughput 4 GB/s; at scale AMLFS reaches hundreds of GB/s. On ND H100 v5 " +
    "the 80 Gbps Ethernet (≈10 GB/s) is the client path.",
  latency: {
    read: { baseLatencyUs: 500, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: 500, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  aggregate: {
    read: { bytesPerSecond: CAPACITY_TIB * PER_TIB, iops: Infinity },
    write: { bytesPerSecond: CAPACITY_TIB * PER_TIB, iops: Infinity },
  },
  scaling: {
    kind: "per-capacity",
    readBytesPerSecondPerTiB: PER_TIB,
    writeBytesPerSecondPerTiB: PER_TIB,
    minCapacityBytes: 4 * TiB,
  },
  accessModes: ["RWX", "ROX", "RWO"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: { provisionSeconds: 600, attachSeconds: 0, detachSeconds: 0, mountSeconds: 2 },
  price: {
    perGbMonth: 0.29,
    perIopsMonth: 0,
    perMBpsMonth: 0,
    egressPerGb: AZURE_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    SHARED_FILE_SYSTEM,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "'can push up to 500 MBps per TiB'; example 8 TiB AMLFS serving an 8-node H100 VMSS (capacity chosen from it)",
      ref: GPU_VMSS,
      tag: "S",
      fields: ["scaling.readBytesPerSecondPerTiB", "scaling.writeBytesPerSecondPerTiB"],
    },
    {
      what: "aggregate 4 GB/s read and write = 8 TiB × 500 MB/s per TiB, both directions",
      ref: GPU_VMSS,
      tag: "D",
      fields: ["aggregate.*.bytesPerSecond"],
    },
    {
      what: "SKUs Durable-Premium-40/125/250/500 = 40/125/250/500 MB/s per TiB; minimum ≈4 TiB for the 500 tier",
      ref: "domain-facts.md §3.2",
      tag: "M",
      fields: ["scaling.minCapacityBytes"],
    },
    {
      what: "latency 500 µs: no AMLFS figure; Lustre-class 'sub-ms' as for FSx. IOPS: 'millions at scale', no per-TiB figure (Infinity)",
      ref: "https://oneuptime.com/blog/post/2026-02-16-how-to-deploy-azure-managed-lustre-file-system-with-terraform-for-hpc-workloads/view",
      tag: "M",
      fields: ["latency.*.baseLatencyUs", "aggregate.*.iops"],
    },
    {
      what: "price 0.29 USD/GB-month: no AMLFS price in the facts; FSx PERSISTENT-500 (≈0.29, same 500 MB/s/TiB) used as a stand-in",
      ref: "domain-facts.md §3.1 (FSx PERSISTENT-500 price)",
      tag: "M",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.perMBpsMonth"],
    },
    AZURE_INTER_ZONE_SOURCE,
    {
      what: "timings: provision 600 s (creating a file system takes minutes; no figure in the facts), mount 2 s, no attach",
      ref: "domain-facts.md §3.2 and §4",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
