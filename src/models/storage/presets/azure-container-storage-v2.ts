/**
 * Azure Container Storage (ACStor) v2.x on local NVMe: one operator and one CSI driver, a plain
 * StorageClass over the node's NVMe drives, no per-GiB service fee. Assumed to reach the raw node
 * NVMe figures of {@link LOCAL_NVME}; v1 is derived from this preset by the vendor's 7× / 4× claim.
 */
import { NODE_LOCAL_MEDIA, NO_STREAM_CAP } from "./common-limits.ts";
import type { StorageProfile } from "../profile.ts";
import { LOCAL_NVME } from "./local-nvme.ts";

const INTRO = "https://learn.microsoft.com/azure/storage/container-storage/container-storage-introduction";

/** ACStor v2 on local NVMe: the node-local NVMe figures; RWO, node-local, lost with the node. */
export const AZURE_CONTAINER_STORAGE_V2: StorageProfile = {
  ...LOCAL_NVME,
  name: "azure-container-storage-v2",
  title: "Azure Container Storage v2 (local NVMe)",
  description:
    "ACStor v2.0.0 on the node's local NVMe (e.g. ND96isr_H100_v5: 8 drives, 28 TiB). Compared with v1.3.1 it claims ≈7× " +
    "higher IOPS and 4× lower latency; treated here as reaching the raw drives. Sub-ms latency; data is lost on VM stop " +
    "or deallocate. A claimed ≈5× faster Llama-3.1-8B load with KAITO is unverified.",
  accessModes: ["RWO"],
  timings: { provisionSeconds: 2, attachSeconds: 0, detachSeconds: 0, mountSeconds: 1 },
  price: { perGbMonth: 0, perIopsMonth: 0, perMBpsMonth: 0, egressPerGb: 0, asOf: "2026" },
  sources: [
    NODE_LOCAL_MEDIA,
    NO_STREAM_CAP,
    {
      what: "v2.0.0 GA: ≈7× higher IOPS and 4× lower latency than v1.3.1; per-GiB service fee removed",
      ref: "https://www.thenextgentechinsider.com/?p=30875",
      tag: "S",
    },
    {
      what: "local NVMe backend, sub-millisecond latency, data lost on VM stop/deallocate",
      ref: INTRO,
      tag: "S",
    },
    {
      what: "bandwidth, IOPS and latency = local-nvme (25 / 12 GB/s, 8 M / 1.6 M IOPS, 80 / 20 µs): assumes v2's data path adds nothing measurable to the raw drives",
      ref: "domain-facts.md §2.2 and §8",
      tag: "M",
      fields: ["volume.*.*", "latency.*.baseLatencyUs"],
    },
    {
      what: "price 0: no per-GiB fee in v2; drives included in the VM price",
      ref: "https://www.thenextgentechinsider.com/?p=30875",
      tag: "S",
    },
    {
      what: "timings: provision 2 s (a logical volume on the node), no attach, mount 1 s: assumed",
      ref: INTRO,
      tag: "M",
      fields: ["timings.*"],
    },
  ],
};
