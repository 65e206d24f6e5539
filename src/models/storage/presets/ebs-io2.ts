/**
 * AWS EBS io2 Block Express through the EBS CSI driver, provisioned at its per-volume maximum on a
 * Nitro instance: 256,000 IOPS and 4,000 MiB/s. io2 has no free baseline; every IOPS is bought, and
 * throughput comes with the IOPS: 0.256 MiB/s per provisioned IOPS (256 KiB per I/O), so 500 IOPS move
 * 128 MiB/s and the 4,000 MiB/s maximum needs 16,000 IOPS or more. IOPS are priced in AWS's three tiers.
 */
import { SERVICE_REPLICATION, NO_STREAM_CAP, PER_VOLUME_PRODUCT } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { AWS_INTER_ZONE_SOURCE, AWS_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { MiB } from "./units.ts";

const MAX_IOPS = 256_000;
const MAX_BYTES_PER_SECOND = 4_000 * MiB; // AWS quotes MiB/s
/** "Throughput scales proportionally up to 0.256 MiB/s per provisioned IOPS" (AWS EBS user guide). */
const BYTES_PER_SECOND_PER_IOPS = 0.256 * MiB;
const LATENCY_US = 500;
const AWS_EBS_PERFORMANCE = "https://docs.amazonaws.cn/en_us/ebs/latest/userguide/ebs-optimization.md";
const IO2_PRICING = "https://awsnegotiations.com/ebs-io2-block-express-cost.html";

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
    maxBytesPerSecondPerIops: BYTES_PER_SECOND_PER_IOPS,
    throughputFollowsIops: true,
  },
  accessModes: ["RWO", "RWOP"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.125,
    perIopsMonth: 0.065,
    iopsTiers: [
      { upToIops: 32_000, usdPerIopsMonth: 0.065 },
      { upToIops: 64_000, usdPerIopsMonth: 0.046 },
      { upToIops: Infinity, usdPerIopsMonth: 0.032 },
    ],
    perMBpsMonth: 0,
    egressPerGb: AWS_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    PER_VOLUME_PRODUCT,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "io2 IOPS 100–256,000 per volume on Nitro (32,000 non-Nitro)",
      ref: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-ebs-block-device/iops.html",
      tag: "S",
      fields: ["scaling.maxIops", "volume.*.iops", "scaling.baselineIops"],
    },
    {
      what: "io2 Block Express max 4,000 MiB/s per volume; sub-ms latency; multi-attach",
      ref: "https://oneuptime.com/blog/post/2026-02-12-io2-block-express-ebs-volumes-high-performance-storage/view",
      tag: "S",
      fields: ["scaling.maxBytesPerSecond", "volume.*.bytesPerSecond", "scaling.baselineBytesPerSecond"],
    },
    {
      what: "latency 500 µs read and write: source says 'sub-ms'; midpoint chosen",
      ref: "https://oneuptime.com/blog/post/2026-02-12-io2-block-express-ebs-volumes-high-performance-storage/view",
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "1,000 IOPS per GiB (so 256,000 IOPS need ≥256 GiB)",
      ref: "domain-facts.md §1.1 (io2 IOPS:size ratio); telemetry-and-loaders.md §6",
      tag: "S",
      fields: ["scaling.maxIopsPerGiB"],
    },
    {
      what: "throughput 0.256 MiB/s per provisioned IOPS (256 KiB per I/O), up to 4,000 MiB/s, reached at 16,000 IOPS",
      ref: AWS_EBS_PERFORMANCE,
      tag: "S",
      fields: ["scaling.maxBytesPerSecondPerIops"],
    },
    {
      what: "0.125 USD/GB-month; IOPS 0.065 (≤32k) / 0.046 (32k–64k) / 0.032 (>64k) USD per IOPS-month, charged tier by tier; throughput bundled",
      ref: IO2_PRICING,
      tag: "S",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.iopsTiers", "price.perMBpsMonth"],
    },
    AWS_INTER_ZONE_SOURCE,
    ...CSI_BLOCK_TIMING_SOURCES,
  ],
};
