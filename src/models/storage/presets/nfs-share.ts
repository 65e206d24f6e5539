/**
 * An NFS / RWX file share, modelled on Amazon EFS (General Purpose mode, Regional, Elastic
 * throughput) through the EFS CSI driver. The share has file-system-wide ceilings and a per-client
 * ceiling (1,500 MiB/s), which is held in perStreamBytesPerSecond because a default NFS mount is one
 * TCP connection per client.
 */
import { SERVICE_REPLICATION, SHARED_FILE_SYSTEM } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { GiB, MiB } from "./units.ts";

const EFS_PERFORMANCE = "https://docs.aws.amazon.com/efs/latest/ug/performance.html";
/** Per-client (per-mount) throughput, Elastic mode. */
const PER_CLIENT = 1_500 * MiB; // AWS quotes MiB/s

/** EFS Regional Elastic: 20 GiB/s read, 1 GiB/s write file-system-wide, 1,500 MiB/s per client; RWX, regional. */
export const NFS_SHARE: StorageProfile = {
  name: "nfs-share",
  title: "NFS file share (EFS Elastic)",
  category: "file-share",
  description:
    "RWX NFS share modelled on EFS Regional with Elastic throughput. File-system ceilings are the low end of the " +
    "region-dependent ranges (read 20–60 GiB/s, write 1–5 GiB/s) and the default Elastic IOPS (250k read, 50k write " +
    "for frequently accessed data, raisable 10×). Each client mount reaches at most 1,500 MiB/s. No attach step. " +
    "Azure Files premium (≤102,400 IOPS, ≈10 GiB/s per share) is the Azure analogue; ≈300 MB/s is a practical single-share figure.",
  latency: {
    read: { baseLatencyUs: 250, perStreamBytesPerSecond: PER_CLIENT },
    write: { baseLatencyUs: 2_700, perStreamBytesPerSecond: PER_CLIENT },
  },
  volume: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  aggregate: {
    read: { bytesPerSecond: 20 * GiB, iops: 250_000 },
    write: { bytesPerSecond: 1 * GiB, iops: 50_000 },
  },
  scaling: { kind: "fixed" },
  accessModes: ["RWX", "ROX", "RWO"],
  topology: "regional",
  replicationFactor: 1,
  survivesNodeLoss: true,
  timings: { provisionSeconds: 5, attachSeconds: 0, detachSeconds: 0, mountSeconds: 2 },
  price: { perGbMonth: 0.3, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  sources: [
    SHARED_FILE_SYSTEM,
    SERVICE_REPLICATION,
    {
      what: "Regional Elastic: read latency as low as ~250 µs, write ~2.7 ms; FS read 20–60 GiB/s, write 1–5 GiB/s (low end chosen); 1,500 MiB/s per client",
      ref: EFS_PERFORMANCE,
      tag: "S",
      fields: ["latency.*.baseLatencyUs", "aggregate.*.bytesPerSecond"],
    },
    {
      what: "Elastic default IOPS: 250k read and 50k write for frequently accessed data (raisable up to 10×; max 900k–2.5 M read, 500k write)",
      ref: EFS_PERFORMANCE,
      tag: "S",
      fields: ["aggregate.*.iops"],
    },
    {
      what: "per-client 1,500 MiB/s held as perStreamBytesPerSecond (one NFS TCP connection per mount without nconnect)",
      ref: "https://blocksandfiles.com/2020/10/27/vast-data-nfs-ai-workloads/",
      tag: "M",
      fields: ["latency.*.perStreamBytesPerSecond"],
    },
    {
      what: "price 0.30 USD/GB-month (EFS Standard storage); not in domain-facts. Elastic-throughput per-GB read/write charges are not representable and omitted",
      ref: "http://aws.amazon.com/efs/pricing/",
      tag: "S",
      fields: ["price.perGbMonth", "price.perIopsMonth", "price.perMBpsMonth"],
    },
    {
      what: "egress 0: a Regional file system has a mount target in each AZ",
      ref: EFS_PERFORMANCE,
      tag: "M",
      fields: ["price.egressPerGb"],
    },
    {
      what: "timings: provision 5 s (EFS CSI creates an access point), mount 2 s; no attach: assumed",
      ref: "domain-facts.md §4 (knob: RWX / shared file systems have no attach step)",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
