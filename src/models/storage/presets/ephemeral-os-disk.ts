/**
 * The node's ephemeral OS disk (AKS default where the VM size allows it): the OS disk lives on the
 * host's cache, temp or NVMe disk instead of remote storage, and with it container images and
 * emptyDir volumes. Bounded by one local drive; lost with the node; free with the VM.
 */
import { NODE_LOCAL_MEDIA, NO_STREAM_CAP } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { GB } from "./units.ts";

const PSRULE = "https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.EphemeralOSDisk";

/** Ephemeral OS disk on one local Gen4 drive: 6.5 GB/s read, 3.5 GB/s write; node-local, lost with the node. */
export const EPHEMERAL_OS_DISK: StorageProfile = {
  name: "ephemeral-os-disk",
  title: "Ephemeral OS disk (one local drive)",
  category: "ephemeral-os-disk",
  description:
    "OS disk placed on host-local media (placement CacheDisk, ResourceDisk or NvmeDisk), holding container images and " +
    "emptyDir volumes. Modelled as one PCIe Gen4 drive, the upper bound when placed on NVMe; cache- or temp-disk " +
    "placement is capped lower by the VM size. Lower latency and faster node scaling than a managed OS disk; no cost.",
  latency: {
    read: { baseLatencyUs: 80, perStreamBytesPerSecond: Infinity },
    write: { baseLatencyUs: 20, perStreamBytesPerSecond: Infinity },
  },
  volume: {
    read: { bytesPerSecond: 6.5 * GB, iops: 1_000_000 },
    write: { bytesPerSecond: 3.5 * GB, iops: 200_000 },
  },
  aggregate: {
    read: { bytesPerSecond: Infinity, iops: Infinity },
    write: { bytesPerSecond: Infinity, iops: Infinity },
  },
  scaling: { kind: "fixed" },
  accessModes: ["RWO"],
  topology: "node-local",
  replicationFactor: 1,
  survivesNodeLoss: false,
  timings: { provisionSeconds: 0, attachSeconds: 0, detachSeconds: 0, mountSeconds: 0 },
  price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  sources: [
    NODE_LOCAL_MEDIA,
    NO_STREAM_CAP,
    {
      what: "ephemeral OS disk is stored only on the host like a temp disk; lower read/write latency; included in the VM price (price 0)",
      ref: PSRULE,
      tag: "S",
    },
    {
      what: "placement CacheDisk, ResourceDisk or NvmeDisk (NvmeDisk from api-version 2024-03-01)",
      ref: "https://learn.microsoft.com/en-us/python/api/azure-mgmt-compute/azure.mgmt.compute.models.diffdisksettings?view=azure-python",
      tag: "S",
    },
    {
      what: "performance: domain-facts has no ephemeral-OS-disk figures; one Gen4 drive's defaults used (6.5 / 3.5 GB/s, 1 M / 200k IOPS, 80 µs read; 20 µs write as for local-nvme)",
      ref: "domain-facts.md §2.3 (suggested Gen4 per-drive defaults)",
      tag: "M",
      fields: ["volume.*.*", "latency.*.baseLatencyUs"],
    },
    {
      what: "timings 0: the disk exists with the node; nothing to provision, attach or mount per pod",
      ref: "https://learn.microsoft.com/en-us/azure/aks/concepts-storage/",
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
