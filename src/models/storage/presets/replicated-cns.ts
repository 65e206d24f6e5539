/**
 * Replicated container-native storage (Portworx / Puls8 / OpenEBS class) over each node's local
 * NVMe, with three synchronous replicas on different nodes and per-volume I/O control. The facts
 * give almost no numbers for this class, so the ceilings are derived from {@link LOCAL_NVME} and a
 * 100 Gb/s replication network: reads are served by the local replica, every write also crosses
 * the network to (replicationFactor − 1) peers.
 */
import { NO_STREAM_CAP } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { LOCAL_NVME } from "./local-nvme.ts";
import { Gbps, KiB } from "./units.ts";

const REPLICAS = 3;
/** Node bandwidth available to replication traffic (line rate). */
const REPLICATION_NETWORK = 100 * Gbps;
/** Small-write size for the network IOPS bound. */
const SMALL_WRITE = 4 * KiB;
/** One network round trip plus the peer's software path, added to the local write latency. */
const REPLICA_ACK_US = 100;

const writeBytesPerSecond = Math.min(
  LOCAL_NVME.volume.write.bytesPerSecond,
  REPLICATION_NETWORK / (REPLICAS - 1), // 12.5 GB/s ÷ 2 peers = 6.25 GB/s
);
const writeIops = Math.min(
  LOCAL_NVME.volume.write.iops,
  Math.floor(REPLICATION_NETWORK / (REPLICAS - 1) / SMALL_WRITE), // ≈1.53 M
);

/** 3-way replicated CNS over local NVMe: 25 GB/s read, 6.25 GB/s write; RWO + RWX, survives node loss. */
export const REPLICATED_CNS: StorageProfile = {
  name: "replicated-cns",
  title: "Replicated container-native storage (3 replicas over local NVMe)",
  category: "replicated-cns",
  description:
    "Portworx / OpenEBS-class storage pooling each node's local NVMe, with 3 synchronous replicas on different nodes, " +
    "RWX through a shared (NFS) layer, and I/O control (per-volume IOPS/bandwidth limits, priorities). A volume survives " +
    "the loss of a node: the pod restarts next to another replica without a cloud detach. Writes cost 3× bytes: one " +
    "local, two over a 100 Gb/s replication network, which caps write bandwidth at 6.25 GB/s. All figures are derived, " +
    "not measured: calibrate with fio (kbench) against local NVMe first.",
  latency: {
    read: { baseLatencyUs: LOCAL_NVME.latency.read.baseLatencyUs, perStreamBytesPerSecond: Infinity },
    write: {
      baseLatencyUs: LOCAL_NVME.latency.write.baseLatencyUs + REPLICA_ACK_US,
      perStreamBytesPerSecond: Infinity,
    },
  },
  volume: {
    read: { bytesPerSecond: LOCAL_NVME.volume.read.bytesPerSecond, iops: LOCAL_NVME.volume.read.iops },
    write: { bytesPerSecond: writeBytesPerSecond, iops: writeIops },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: { kind: "fixed" },
  accessModes: ["RWO", "RWOP", "RWX"],
  topology: "zonal",
  replicationFactor: REPLICAS,
  survivesNodeLoss: true,
  timings: { provisionSeconds: 5, attachSeconds: 5, detachSeconds: 5, mountSeconds: 2 },
  price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  sources: [
    NO_STREAM_CAP,
    {
      what: "aggregate ceilings Infinity: the replicas live on the nodes' own drives, so there is no central backend to share; each node's media and its replication link bind",
      ref: "shared/DESIGN.md (replicated container-native storage)",
      tag: "D",
      fields: ["aggregate.*.*"],
    },
    {
      what: "replicationFactor 3 (writes cost 3× bytes, 2× over the network); RWO + RWX; I/O control: the class as the stallsim design defines it",
      ref: "shared/DESIGN.md (storage presets: replicated container-native storage)",
      tag: "M",
      fields: ["replicationFactor"],
    },
    {
      what: "read = local-nvme read (25 GB/s, 8 M IOPS, 80 µs): assumes reads are served by the co-located replica with no software overhead",
      ref: "domain-facts.md §2 and §8 (local NVMe per node)",
      tag: "M",
      fields: ["volume.read.*", "latency.read.baseLatencyUs"],
    },
    {
      what: "replication network 100 Gb/s (top of a 25–100 Gb/s range; GPU nodes' front-end Ethernet is ≥80 Gbps): no figure in the facts",
      ref: "domain-facts.md §5.2 (Azure ND H100 v5: 80 Gbps Ethernet)",
      tag: "M",
    },
    {
      what: "write = min(local 12 GB/s, 100 Gb/s ÷ 2 peers = 6.25 GB/s); write IOPS = min(1.6 M, 6.25 GB/s ÷ 4 KiB ≈ 1.53 M)",
      ref: "domain-facts.md §8 (local NVMe write 12 GB/s)",
      tag: "D",
      fields: ["volume.write.*"],
    },
    {
      what: "write latency = local 20 µs + 100 µs for the network round trip and the peer's ack: assumed",
      ref: "domain-facts.md §2.3",
      tag: "M",
      fields: ["latency.write.baseLatencyUs"],
    },
    {
      what: "calibrate distributed storage against local storage first (longhorn/kbench guidance)",
      ref: "https://github.com/longhorn/kbench",
      tag: "S",
    },
    {
      what: "price 0: media are in the node price and a license fee is not in the facts (cost understated); egress 0 (replicas in one zone)",
      ref: "domain-facts.md (no figure given)",
      tag: "M",
      fields: ["price.*"],
    },
    {
      what: "timings: provision 5 s, attach 5 s, detach 5 s, mount 2 s (software attach, no cloud API): assumed",
      ref: "domain-facts.md §4 (no figure given)",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
