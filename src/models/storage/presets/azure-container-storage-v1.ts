/**
 * Azure Container Storage (ACStor) v1.x on local NVMe (StoragePool CRD, per-GiB service fee),
 * derived from {@link AZURE_CONTAINER_STORAGE_V2} by the vendor's claim that v2 has ≈7× the IOPS and
 * 4× lower latency of v1.3.1. Bandwidth has no claim and is kept equal to v2.
 */
import { NODE_LOCAL_MEDIA, NO_STREAM_CAP } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { AZURE_CONTAINER_STORAGE_V2 as V2 } from "./azure-container-storage-v2.ts";

/** v2 IOPS ÷ v1 IOPS, per the v2.0.0 announcement. */
const IOPS_RATIO = 7;
/** v1 latency ÷ v2 latency, per the v2.0.0 announcement. */
const LATENCY_RATIO = 4;

/** ACStor v1 on local NVMe: v2 IOPS ÷ 7 and latency × 4; RWO, node-local, lost with the node. */
export const AZURE_CONTAINER_STORAGE_V1: StorageProfile = {
  ...V2,
  name: "azure-container-storage-v1",
  title: "Azure Container Storage v1 (local NVMe)",
  description:
    "ACStor v1.x on the node's local NVMe through a StoragePool, before the v2 rewrite. IOPS and latency derived from v2 " +
    "by the 7× / 4× claim; bandwidth assumed equal. v1 could also replicate local NVMe across nodes (not modelled here: " +
    "see replicated-cns) and charged a per-GiB service fee whose amount is not in the facts.",
  latency: {
    read: { ...V2.latency.read, baseLatencyUs: V2.latency.read.baseLatencyUs * LATENCY_RATIO },
    write: { ...V2.latency.write, baseLatencyUs: V2.latency.write.baseLatencyUs * LATENCY_RATIO },
  },
  volume: {
    read: { ...V2.volume.read, iops: Math.round(V2.volume.read.iops / IOPS_RATIO) },
    write: { ...V2.volume.write, iops: Math.round(V2.volume.write.iops / IOPS_RATIO) },
  },
  timings: { provisionSeconds: 5, attachSeconds: 0, detachSeconds: 0, mountSeconds: 1 },
  sources: [
    NODE_LOCAL_MEDIA,
    NO_STREAM_CAP,
    {
      what: "v2 ≈7× higher IOPS and 4× lower latency than v1.3.1: v1 IOPS = v2 ÷ 7, v1 latency = v2 × 4",
      ref: "https://www.thenextgentechinsider.com/?p=30875",
      tag: "D",
      fields: ["volume.*.iops", "latency.*.baseLatencyUs"],
    },
    {
      what: "v1 bandwidth = v2 bandwidth: the claim covers IOPS and latency only",
      ref: "https://www.thenextgentechinsider.com/?p=30875",
      tag: "M",
      fields: ["volume.*.bytesPerSecond"],
    },
    {
      what: "v1 supported local NVMe (optionally replicated), Azure Disks and temp SSD via StoragePool",
      ref: "https://learn.microsoft.com/azure/storage/container-storage/use-container-storage-with-local-disk",
      tag: "S",
    },
    {
      what: "price 0: v1 charged a per-GiB service fee whose amount the facts do not give, so v1 cost is understated",
      ref: "domain-facts.md §2.2",
      tag: "M",
    },
    {
      what: "provision 5 s (StoragePool-backed volume) assumed, slower than v2's 2 s; no attach (node-local)",
      ref: "domain-facts.md §2.2",
      tag: "M",
      fields: ["timings.*"],
    },
    {
      what: "the v2 base it is derived from = local-nvme figures (25 / 12 GB/s, 8 M / 1.6 M IOPS, 80 / 20 µs), see azure-container-storage-v2",
      ref: "domain-facts.md §2.2 and §8",
      tag: "M",
    },
  ],
};
