/**
 * AWS EBS io2 Block Express through the EBS CSI driver, provisioned at its per-volume maximum on a
 * Nitro instance: 256,000 IOPS and 4,000 MiB/s. io2 has no free baseline; every IOPS is bought, and
 * throughput comes with the IOPS.
 */
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { INTER_ZONE_EGRESS_SOURCE, INTER_ZONE_EGRESS_USD_PER_GB } from "./inter-zone-egress.ts";
import { MiB } from "./units.ts";

const MAX_IOPS = 256_000;
const MAX_BYTES_PER_SECOND = 4_000 * MiB; // AWS quotes MiB/s
const LATENCY_US = 500;

/**
 * Blended io2 IOPS price at {@link MAX_IOPS}: 0.065 USD/IOPS-month up to 32k, 0.046 for 32k–64k,
 * 0.032 above 64k, averaged over all provisioned IOPS (≈0.037875 at 256k).
 */
const BLENDED_IOPS_PRICE = (32_000 * 0.065 + 32_000 * 0.046 + (MAX_IOPS - 64_000) * 0.032) / MAX_IOPS;

/** EBS io2 Block Express at 256,000 IOPS and 4,000 MiB/s; RWO, zonal. */
export const EBS_IO2: StorageProfile = {
  name: "ebs-io2",
  title: "AWS EBS io2 Block Express (max)",
  category: "network-block",
  description:
    "io2 Block Express volume via the EBS CSI driver, provisioned at the per-volume maximum (256,000 IOPS, 4,000 MiB/s; " +
    "needs a Nitro instance and ≥256 GiB at 1,000 IOPS/GiB). Sub-ms latency, 99.999% durability, multi-attach capable " +
    "(raw block only). The instance EBS cap (e.g. ≈10 GB/s on p5) binds before the volume.",
  latency: {
    read: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: LATENCY_US, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: MAX_BYTES_PER_SECOND, iops: MAX_IOPS },
    write: { bytesPerSecond: MAX_BYTES_PER_SECOND, iops: MAX_IOPS },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: {
    kind: "provisioned",
    baselineIops: 0,
    baselineBytesPerSecond: 0,
    maxIops: MAX_IOPS,
    maxBytesPerSecond: MAX_BYTES_PER_SECOND,
    maxIopsPerGiB: 1_000,
    maxBytesPerSecondPerIops: Infinity,
  },
  accessModes: ["RWO", "RWOP"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.125,
    perIopsMonth: BLENDED_IOPS_PRICE,
    perMBpsMonth: 0,
    egressPerGb: INTER_ZONE_EGRESS_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    {
      what: "io2 IOPS 100–256,000 per volume on Nitro (32,000 non-Nitro)",
      ref: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-ebs-block-device/iops.html",
      tag: "S",
    },
    {
      what: "io2 Block Express max 4,000 MiB/s per volume; sub-ms latency; multi-attach",
      ref: "https://oneuptime.com/blog/post/2026-02-12-io2-block-express-ebs-volumes-high-performance-storage/view",
      tag: "S",
    },
    {
      what: "latency 500 µs read and write: source says 'sub-ms'; midpoint chosen",
      ref: "https://oneuptime.com/blog/post/2026-02-12-io2-block-express-ebs-volumes-high-performance-storage/view",
      tag: "M",
    },
    {
      what: "1,000 IOPS per GiB; no throughput-per-IOPS rule in the facts, so maxBytesPerSecondPerIops = Infinity",
      ref: "domain-facts.md §1.1 (io2 IOPS:size ratio)",
      tag: "M",
    },
    {
      what: "0.125 USD/GB-month; IOPS 0.065 (≤32k) / 0.046 (32k–64k) / 0.032 (>64k) USD per IOPS-month; throughput bundled",
      ref: "https://awsnegotiations.com/ebs-io2-block-express-cost.html",
      tag: "S",
    },
    {
      what: "perIopsMonth ≈0.037875 = (32,000 × 0.065 + 32,000 × 0.046 + 192,000 × 0.032) / 256,000: tiers blended at this preset's 256k IOPS (the profile holds one rate)",
      ref: "https://awsnegotiations.com/ebs-io2-block-express-cost.html",
      tag: "D",
    },
    INTER_ZONE_EGRESS_SOURCE,
    ...CSI_BLOCK_TIMING_SOURCES,
  ],
};
