/**
 * Node-local NVMe: the 8 data drives of a GPU node (p5, ND H100 v5, DGX H100) striped into one volume
 * and exposed through a local PV. Fast and free with the node, but the data dies with the node, so a
 * rescheduled job restarts from a remote checkpoint. The figures are the §8 per-node default for eight
 * PCIe Gen4 drives; other presets built on local NVMe derive from {@link LOCAL_NVME}.
 */
import { NODE_LOCAL_MEDIA, NO_STREAM_CAP } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { GB } from "./units.ts";

/** Drives per node in the default. */
const DRIVES = 8;
/** Per-drive Gen4 defaults (domain-facts §2.3). */
const DRIVE_READ_IOPS = 1_000_000;
const DRIVE_WRITE_IOPS = 200_000;

/** Per-node local NVMe, 8 × Gen4: 25 GB/s read, 12 GB/s write; RWO, node-local, lost with the node. */
export const LOCAL_NVME: StorageProfile = {
  name: "local-nvme",
  title: "Node-local NVMe (8 × Gen4)",
  category: "local-nvme",
  description:
    "Eight PCIe Gen4 data NVMe drives per node (e.g. 8 × 3.84 TB on p5.48xlarge) in one striped volume via a local PV. " +
    "Read 25 GB/s is the conservative end of 8 × (3–7 GB/s); Gen5 drives reach roughly twice that. No attach step; " +
    "data is lost when the node is lost or the VM is deallocated.",
  latency: {
    read: { baseLatencyUs: 80, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: 20, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: 25 * GB, iops: DRIVES * DRIVE_READ_IOPS },
    write: { bytesPerSecond: 12 * GB, iops: DRIVES * DRIVE_WRITE_IOPS },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: { kind: "fixed" },
  accessModes: ["RWO", "RWOP"],
  topology: "node-local",
  replicationFactor: 1,
  survivesNodeLoss: false,
  timings: { provisionSeconds: 1, attachSeconds: 0, detachSeconds: 0, mountSeconds: 1 },
  price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  sources: [
    NODE_LOCAL_MEDIA,
    NO_STREAM_CAP,
    {
      what: "per-node default 25 GB/s read, 12 GB/s write, 8 × 3.84 TB (§8); 25 GB/s is the conservative end of 8 × (3–7 GB/s) [D/M in §2.1]",
      ref: "domain-facts.md §2.1 and §8 (local NVMe per node)",
      tag: "M",
      fields: ["volume.*.bytesPerSecond"],
    },
    {
      what: "read IOPS 8 × 1 M = 8 M and write IOPS 8 × 200k = 1.6 M (low end of Gen4 200–400k): per-drive Gen4 defaults × 8 drives",
      ref: "domain-facts.md §2.3 (typical PCIe Gen4, Micron 7450 / Samsung PM9A3 class)",
      tag: "D",
      fields: ["volume.*.iops"],
    },
    {
      what: "read latency 80 µs: the suggested Gen4 default (~70–90 µs)",
      ref: "domain-facts.md §2.3",
      tag: "M",
      fields: ["latency.read.baseLatencyUs"],
    },
    {
      what: "write latency 20 µs: no Gen4 figure; Micron 9200 21 µs and 9550 15 µs QD1 writes (to the drive's DRAM buffer) bracket it",
      ref: "https://www.storagereview.com/review/micron-9550-max-review-balanced-performance-for-ai-db-and-analytics",
      tag: "M",
      fields: ["latency.write.baseLatencyUs"],
    },
    {
      what: "price 0: local NVMe is included in the instance price; no egress (node-local)",
      ref: "domain-facts.md §2.1",
      tag: "M",
    },
    {
      what: "timings: no attach/detach (node-local); provision 1 s and mount 1 s assumed for a local PV or LVM volume",
      ref: "domain-facts.md §4 (knob: local NVMe has no attach step)",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
