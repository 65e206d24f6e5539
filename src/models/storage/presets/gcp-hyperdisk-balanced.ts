/**
 * Google Cloud Hyperdisk Balanced through pd.csi.storage.gke.io at its free baseline: 3,000 IOPS and
 * 140 MiB/s, buyable up to 160,000 IOPS and 2,400 MiB/s per volume. GCP quotes MiB/s.
 */
import { SERVICE_REPLICATION, NO_STREAM_CAP, PER_VOLUME_PRODUCT } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { GCP_INTER_ZONE_SOURCE, GCP_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { GB, GiB, MB, MiB } from "./units.ts";

const BASELINE_IOPS = 3_000;
const BASELINE_BYTES_PER_SECOND = 140 * MiB; // GCP quotes MiB/s
const LATENCY_US = 500;
const HYPERDISK_BALANCED = "https://cloud.google.com/compute/docs/disks/hd-types/hyperdisk-balanced";

/** Hyperdisk Balanced at its free baseline (3,000 IOPS, 140 MiB/s); RWO, zonal. */
export const GCP_HYPERDISK_BALANCED: StorageProfile = {
  name: "gcp-hyperdisk-balanced",
  title: "GCP Hyperdisk Balanced (baseline)",
  category: "network-block",
  description:
    "Hyperdisk Balanced volume via the Compute Engine PD CSI driver at the free baseline; performance can be bought up to " +
    "160,000 IOPS and 2,400 MiB/s, changed about once per 4–6 h. Reaching the ceilings needs queue depth: ~1 outstanding " +
    "I/O per 500 IOPS or per 8 MB/s (1,200 MB/s needs QD 153). PD-class writes also cost ≈1.16× bytes of VM egress.",
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
    maxIops: 160_000,
    maxBytesPerSecond: 2_400 * MiB,
    maxIopsPerGiB: Infinity,
    maxBytesPerSecondPerIops: Infinity,
  },
  accessModes: ["RWO", "RWOP"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.08 / (GiB / GB), // ≈0.08 USD per GiB-month
    perIopsMonth: 0.005,
    perMBpsMonth: 0.04 / (MiB / MB), // ≈0.04 USD per MiB/s-month
    egressPerGb: GCP_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    PER_VOLUME_PRODUCT,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "Hyperdisk Balanced: ≤160,000 IOPS and ≤2,400 MiB/s per volume; free 3,000 IOPS + 140 MiB/s; sub-ms",
      ref: HYPERDISK_BALANCED,
      tag: "S",
      fields: [
        "scaling.baselineIops",
        "scaling.baselineBytesPerSecond",
        "scaling.maxIops",
        "scaling.maxBytesPerSecond",
        "volume.*.*",
      ],
    },
    {
      what: "latency 500 µs read and write: source says 'sub-ms'; midpoint chosen",
      ref: HYPERDISK_BALANCED,
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "IOPS per GiB and MiB/s per IOPS Infinity: the facts give no such rule for Hyperdisk Balanced (only the per-volume maxima), so none is applied",
      ref: "domain-facts.md §1.3",
      tag: "M",
      fields: ["scaling.maxIopsPerGiB", "scaling.maxBytesPerSecondPerIops"],
    },
    {
      what: "queue-depth rule (~1 I/O per 500 IOPS or per 8 MB/s), kept in the description, not in perStream",
      ref: "https://cloud.google.com/compute/docs/disks/optimize-hyperdisk",
      tag: "S",
    },
    {
      what: "price ≈0.08 USD/GiB-month, ≈0.005 USD per IOPS-month above 3k, ≈0.04 USD per MiB/s-month above 140; converted to per GB and per MB/s [D]",
      ref: "https://cloud.google.com/compute/disks-image-pricing",
      tag: "M",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.perMBpsMonth"],
    },
    GCP_INTER_ZONE_SOURCE,
    {
      what: "timings: the EBS CSI figures reused; the facts give none for pd.csi.storage.gke.io",
      ref: "domain-facts.md §4",
      tag: "M",
    },
    ...CSI_BLOCK_TIMING_SOURCES,
  ],
};
