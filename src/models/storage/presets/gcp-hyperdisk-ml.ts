/**
 * Google Cloud Hyperdisk ML: a throughput-provisioned volume that is written once, then attached
 * read-only to many nodes (ROX) to serve model weights and datasets. IOPS are not provisioned; they
 * follow throughput at 16 IOPS per MiB/s. This preset provisions 2,400 MiB/s (see sources).
 */
import { SERVICE_REPLICATION, NO_STREAM_CAP, PER_VOLUME_PRODUCT } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { GCP_INTER_ZONE_SOURCE, GCP_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { GB, GiB, MB, MiB } from "./units.ts";

/** IOPS per MiB/s of provisioned throughput. */
const IOPS_PER_MIBPS = 16;
const PROVISIONED_MIBPS = 2_400;
const MIN_MIBPS = 400;
const MAX_MIBPS = 1_200_000;
const LATENCY_US = 1_000;
const HYPERDISK_ML = "https://cloud.google.com/compute/docs/disks/hd-types/hyperdisk-ml";

/** Hyperdisk ML provisioned at 2,400 MiB/s (38,400 IOPS), read-only many (ROX), zonal. */
export const GCP_HYPERDISK_ML: StorageProfile = {
  name: "gcp-hyperdisk-ml",
  title: "GCP Hyperdisk ML (2,400 MiB/s, read-only many)",
  category: "network-block",
  description:
    "Hyperdisk ML volume via the PD CSI driver: populated once in read-write mode, then attached read-only to many nodes " +
    "(up to 2,500 per GKE docs) for model weights and datasets. Throughput is provisioned from 400 to 1,200,000 MiB/s and " +
    "is shared by all attached readers; IOPS follow at 16 per MiB/s. Per-VM Hyperdisk caps are not modelled here.",
  latency: {
    read: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: PROVISIONED_MIBPS * MiB, iops: IOPS_PER_MIBPS * PROVISIONED_MIBPS },
    write: { bytesPerSecond: PROVISIONED_MIBPS * MiB, iops: IOPS_PER_MIBPS * PROVISIONED_MIBPS },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: {
    kind: "provisioned",
    baselineIops: IOPS_PER_MIBPS * MIN_MIBPS,
    baselineBytesPerSecond: MIN_MIBPS * MiB,
    maxIops: IOPS_PER_MIBPS * MAX_MIBPS,
    maxBytesPerSecond: MAX_MIBPS * MiB,
    maxIopsPerGiB: Infinity,
    maxBytesPerSecondPerIops: Infinity,
  },
  accessModes: ["ROX", "RWO"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.08 / (GiB / GB), // stand-in: Hyperdisk Balanced ≈0.08 USD per GiB-month
    perIopsMonth: 0,
    perMBpsMonth: 0.04 / (MiB / MB), // stand-in: Hyperdisk Balanced ≈0.04 USD per MiB/s-month
    egressPerGb: GCP_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    PER_VOLUME_PRODUCT,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "Hyperdisk ML: 4 GiB–64 TiB; throughput 400–1,200,000 MiB/s; 16 IOPS per MiB/s (≤19.2 M); IOPS not provisionable (so no IOPS-per-GiB or MiB/s-per-IOPS rule: Infinity); read-only multi-attach",
      ref: HYPERDISK_ML,
      tag: "S",
      fields: [
        "scaling.maxIops",
        "scaling.maxBytesPerSecond",
        "scaling.maxIopsPerGiB",
        "scaling.maxBytesPerSecondPerIops",
      ],
    },
    {
      what: "provisioned 2,400 MiB/s: chosen equal to Hyperdisk Balanced's per-volume maximum so the two compare at equal throughput; IOPS = 16 × 2,400 = 38,400 [D]",
      ref: HYPERDISK_ML,
      tag: "M",
      fields: ["volume.*.*"],
    },
    {
      what: "scaling baseline = the 400 MiB/s minimum (6,400 IOPS); it is not free, unlike gp3's baseline",
      ref: HYPERDISK_ML,
      tag: "S",
      fields: ["scaling.baselineIops", "scaling.baselineBytesPerSecond"],
    },
    {
      what: "latency 1,000 µs: no Hyperdisk ML latency in the facts; 1 ms assumed (block-volume class)",
      ref: "domain-facts.md §1.3 (no figure given)",
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "attach read-only to up to 2,500 nodes (GKE docs, not confirmed in a primary source)",
      ref: "domain-facts.md §1.3",
      tag: "M",
    },
    {
      what: "price: facts say 'capacity plus a per-MiB/s-provisioned charge, verify it'; Hyperdisk Balanced's ≈0.08 USD/GiB-month and ≈0.04 USD per MiB/s-month used as stand-ins",
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
