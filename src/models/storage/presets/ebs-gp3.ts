/**
 * AWS EBS gp3 through the EBS CSI driver, as the default EKS StorageClass provisions it: the free
 * baseline of 3,000 IOPS and 125 MiB/s, buyable up to 16,000 IOPS and 1,000 MiB/s per volume.
 * EBS limits IOPS and throughput for reads and writes together; the per-direction ceilings below each
 * carry the whole budget, so a mixed workload must share them.
 */
import { SERVICE_REPLICATION, NO_STREAM_CAP, PER_VOLUME_PRODUCT } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { CSI_BLOCK_TIMINGS, CSI_BLOCK_TIMING_SOURCES } from "./csi-block-timings.ts";
import { AWS_INTER_ZONE_SOURCE, AWS_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { GB, GiB, MB, MiB } from "./units.ts";

const BASELINE_IOPS = 3_000;
const BASELINE_BYTES_PER_SECOND = 125 * MiB; // AWS quotes MiB/s
const LATENCY_US = 1_000;

/** EBS gp3 at its free baseline (3,000 IOPS, 125 MiB/s); RWO, zonal. */
export const EBS_GP3: StorageProfile = {
  name: "ebs-gp3",
  title: "AWS EBS gp3 (baseline)",
  category: "network-block",
  description:
    "EBS gp3 volume via the EBS CSI driver at the free baseline a StorageClass without iops/throughput parameters gets. " +
    "Performance can be bought up to 16,000 IOPS and 1,000 MiB/s (0.25 MiB/s per IOPS, 500 IOPS per GiB) and changed " +
    "online through VolumeAttributesClass, about once per 6 h. The instance's EBS bandwidth cap (NodeType.remoteDiskBytesPerSecond) " +
    "usually binds first. The Sept-2025 update (80,000 IOPS, 2,000 MiB/s) is [M] and not used.",
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
    maxIops: 16_000,
    maxBytesPerSecond: 1_000 * MiB,
    maxIopsPerGiB: 500,
    maxBytesPerSecondPerIops: 0.25 * MiB,
  },
  accessModes: ["RWO", "RWOP"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: CSI_BLOCK_TIMINGS,
  price: {
    perGbMonth: 0.08 / (GiB / GB), // 0.08 USD per GiB-month
    perIopsMonth: 0.005,
    perMBpsMonth: 0.04 / (MiB / MB), // 0.04 USD per MiB/s-month
    egressPerGb: AWS_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    PER_VOLUME_PRODUCT,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "gp3 baseline 3,000 IOPS (default), range 3,000–16,000 IOPS",
      ref: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-ebs-block-device/iops.html",
      tag: "S",
      fields: ["scaling.baselineIops", "scaling.maxIops", "volume.*.iops"],
    },
    {
      what: "gp3 baseline 125 MiB/s, max 1,000 MiB/s at 0.25 MiB/s per IOPS, 500 IOPS/GiB",
      ref: "https://lethang7794.github.io/aws-sa-associate-saac03/0910-EBS-volume-types.html",
      tag: "S",
      fields: [
        "scaling.baselineBytesPerSecond",
        "scaling.maxBytesPerSecond",
        "scaling.maxBytesPerSecondPerIops",
        "scaling.maxIopsPerGiB",
        "volume.*.bytesPerSecond",
      ],
    },
    {
      what: "latency 1,000 µs read and write: source says 'single-digit ms'; 1 ms (the optimistic end) chosen so gp3 is not handicapped",
      ref: "https://oneuptime.com/blog/post/2026-02-12-io2-block-express-ebs-volumes-high-performance-storage/view",
      tag: "M",
      fields: ["latency.*.baseLatencyUs"],
    },
    {
      what: "price 0.08 USD/GiB-month and 0.04 USD per MiB/s-month above 125; converted to per GB and per MB/s (× 10^9/2^30, × 10^6/2^20) [D]",
      ref: "https://www.saisci.com/aws/gp3-throughput-explained/",
      tag: "S",
      fields: ["price.perGbMonth", "price.perMBpsMonth"],
    },
    {
      what: "0.005 USD per provisioned IOPS-month above 3,000 (saisci prints 0.05, a typo per domain-facts §1.1); asOf 2026 = facts compilation, sources undated",
      ref: "https://aws.amazon.com/ebs/pricing/",
      tag: "M",
      fields: ["price.perIopsMonth"],
    },
    AWS_INTER_ZONE_SOURCE,
    ...CSI_BLOCK_TIMING_SOURCES,
  ],
};
