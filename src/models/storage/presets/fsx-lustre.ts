/**
 * Amazon FSx for Lustre, PERSISTENT-2 SSD at 1,000 MB/s per TiB, sized at 9.6 TiB: a parallel
 * file system whose throughput grows with capacity. The file-system ceilings below follow from that
 * default capacity (9.6 TiB × 1,000 MB/s/TiB = 9.6 GB/s); the per-capacity scaling rule recomputes
 * them for other sizes.
 */
import { NO_STREAM_CAP, SERVICE_REPLICATION, SHARED_FILE_SYSTEM } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { AWS_INTER_ZONE_SOURCE, AWS_INTER_ZONE_USD_PER_GB } from "./inter-zone-egress.ts";
import { MB, TiB } from "./units.ts";

const SSD_STORAGE = "https://docs.aws.amazon.com/fsx/latest/LustreGuide/ssd-storage.html";
/** PERSISTENT-2 tier, MB/s per TiB (AWS quotes MB/s). */
const PER_TIB = 1_000 * MB;
/** Default capacity of this preset, TiB. */
const CAPACITY_TIB = 9.6;

/** FSx for Lustre PERSISTENT-1000 at 9.6 TiB: 9.6 GB/s read and write; RWX, zonal. */
export const FSX_LUSTRE: StorageProfile = {
  name: "fsx-lustre",
  title: "Amazon FSx for Lustre (PERSISTENT-1000, 9.6 TiB)",
  category: "parallel-fs",
  description:
    "FSx for Lustre PERSISTENT-2 SSD at 1,000 MB/s per TiB (tiers 125, 250, 500, 1,000), 9.6 TiB, through the FSx CSI driver. " +
    "Disk throughput 9.6 GB/s; network baseline 2,600 MB/s per TiB and a 27.3 GiB/TiB RAM cache let cached reads go faster. " +
    "Single-AZ; a failed file server is replaced within minutes while clients retry. The tier matches the domain-facts " +
    "checkpoint example (≈10 TiB writes a 1 TB checkpoint in ≈100 s).",
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
    minCapacityBytes: 1.2 * TiB,
  },
  accessModes: ["RWX", "ROX", "RWO"],
  topology: "zonal",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: { provisionSeconds: 600, attachSeconds: 0, detachSeconds: 0, mountSeconds: 2 },
  price: {
    perGbMonth: 0.42,
    perIopsMonth: 0,
    perMBpsMonth: 0,
    egressPerGb: AWS_INTER_ZONE_USD_PER_GB,
    asOf: "2026",
  },
  sources: [
    SHARED_FILE_SYSTEM,
    NO_STREAM_CAP,
    SERVICE_REPLICATION,
    {
      what: "PERSISTENT-2 SSD tiers 125/250/500/1,000 MB/s per TiB; PERSISTENT-1000 network 2,600 MB/s/TiB, RAM cache 27.3 GiB/TiB; sub-ms",
      ref: SSD_STORAGE,
      tag: "S",
      fields: ["scaling.readBytesPerSecondPerTiB", "scaling.writeBytesPerSecondPerTiB"],
    },
    {
      what: "aggregate 9.6 GB/s read and write = 9.6 TiB × 1,000 MB/s per TiB; the table gives one disk figure per persistent tier, applied to both directions",
      ref: "https://docs.aws.amazon.com/fsx/latest/LustreGuide/managing-throughput-capacity.html",
      tag: "D",
      fields: ["aggregate.*.bytesPerSecond"],
    },
    {
      what: "capacity 9.6 TiB chosen: a valid size (1.2 TiB minimum, 2.4 TiB steps) close to the ≈10 TiB checkpoint example of domain-facts §6.2",
      ref: "domain-facts.md §3.1 and §6.2",
      tag: "M",
      fields: ["scaling.minCapacityBytes"],
    },
    {
      what: "latency 500 µs read and write: source says 'sub-ms'; midpoint chosen. IOPS: no figure in the facts (Infinity)",
      ref: SSD_STORAGE,
      tag: "M",
      fields: ["latency.*.baseLatencyUs", "aggregate.*.iops"],
    },
    {
      what: "price ≈0.42 USD/GB-month for PERSISTENT-1000 (us-east-1); PERSISTENT-125 is 0.145 [S]",
      ref: "https://c3x.dev/resources/aws/aws_fsx_lustre_file_system/",
      tag: "M",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.perMBpsMonth"],
    },
    AWS_INTER_ZONE_SOURCE,
    {
      what: "timings: provision 600 s (creating a file system takes minutes; no figure in the facts), mount 2 s, no attach",
      ref: "domain-facts.md §3.1 and §4",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
