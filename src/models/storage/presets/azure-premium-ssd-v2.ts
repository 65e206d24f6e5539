/**
 * Azure Premium SSD v2 through disk.csi.azure.com at its free baseline: 3,000 IOPS and 125 MB/s,
 * buyable up to 80,000 IOPS and 2,000 MB/s per disk. Azure quotes MB/s (10^6), not MiB/s.
 * The VM's uncached remote-disk cap (612 MB/s on ND96isr_H100_v5) usually binds long before the disk.
 */
import { SERVICE_REPLICATION, NO_STREAM_CAP, PER_VOLUME_PRODUCT } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { AZURE_INTER_ZONE_SOURCE, AZURE_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { GB, GiB, MB } from "./units.ts";

const BASELINE_IOPS = 3_000;
const BASELINE_BYTES_PER_SECOND = 125 * MB; // Azure quotes MB/s
const LATENCY_US = 500;
const DISKS_TYPES =
  "https://github.com/MicrosoftDocs/azure-compute-docs/blob/main/articles/virtual-machines/disks-types.md";

/** Premium SSD v2 at its free baseline (3,000 IOPS, 125 MB/s); RWO, zonal. */
export const AZURE_PREMIUM_SSD_V2: StorageProfile = {
  name: "azure-premium-ssd-v2",
  title: "Azure Premium SSD v2 (baseline)",
  category: "network-block",
  description:
    "Premium SSD v2 managed disk via the Azure disk CSI driver at the free baseline. Performance can be bought up to " +
    "80,000 IOPS (500 IOPS per GiB above 6 GiB) and 2,000 MB/s (0.25 MB/s per IOPS), changed online at most 4 times per 24 h. " +
    "No host caching. IOPS and throughput limits are shared by reads and writes.",
  latency: {
    read: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: BASELINE_BYTES_PER_SECOND, iops: BASELINE_IOPS },
    write: { bytesPerSecond: BASELINE_BYTES_PER_SECOND, iops: BASELINE_IOPS },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: {
    kind: "provisioned",
    baselineIops: BASELINE_IOPS,
    baselineBytesPerSecond: BASELINE_BYTES_PER_SECOND,
    maxIops: 80_000,
    maxBytesPerSecond: 2_000 * MB,
    maxIopsPerGiB: 500,
    maxBytesPerSecondPerIops: 0.25 * MB,
  },
  accessModes: ["RWO", "RWOP"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.08 / (GiB / GB), // ≈0.08 USD per GiB-month
    perIopsMonth: 0.005,
    perMBpsMonth: 0.04, // ≈0.04 USD per MB/s-month
    egressPerGb: AZURE_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    PER_VOLUME_PRODUCT,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "Premium SSD v2: free 3,000 IOPS + 125 MB/s; max 80,000 IOPS and 2,000 MB/s per disk; +500 IOPS/GiB; ≤0.25 MB/s per IOPS; sub-ms",
      ref: DISKS_TYPES,
      tag: "S",
      fields: ["scaling.*", "volume.*.*"],
    },
    {
      what: "latency 500 µs read and write: source says 'sub-ms'; midpoint chosen",
      ref: DISKS_TYPES,
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "price ≈0.08 USD/GiB-month (converted × 10^9/2^30 to per GB [D]), ≈0.005 USD per IOPS-month above 3,000, ≈0.04 USD per MB/s-month above 125 (East US)",
      ref: "https://azure.microsoft.com/pricing/details/managed-disks/",
      tag: "M",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.perMBpsMonth"],
    },
    AZURE_INTER_ZONE_SOURCE,
    {
      what: "timings: the EBS CSI figures reused; the facts give none for disk.csi.azure.com",
      ref: "domain-facts.md §4",
      tag: "M",
    },
    ...CSI_BLOCK_TIMING_SOURCES,
  ],
};
