/**
 * The node-type catalog: GPU nodes as clouds and vendors sell them, with the NIC path to storage,
 * host RAM, local NVMe, the VM's cap on network-block-disk throughput and the node price, each value
 * with its source. Canonical units: bytes, bytes/s, USD.
 *
 * Storage-NIC convention: where the facts give only a line rate, the usable rate is the line rate ×
 * the measured efficiency of one 400 GbE NIC (43.4 GiB/s of NFSoRDMA, domain-facts §3.6).
 * No 8×L40S or 1×L4 node is listed: the facts give GPU specs and prices for them but no node (RAM,
 * NVMe, NIC).
 */
import { GiB, Gbps, MB, TB, TiB } from "../storage/presets/units.ts";
import type { NodeType } from "./node-type.ts";

const FARMGPU = "https://gds-bench.farmgpu.net/nfsordma/";
const CAPACITY_BLOCKS = "http://sibshop.uat.jiralog.com/ec2/capacityblocks/pricing";
const SURAJSSD = "https://gist.github.com/surajssd/3e758b486297aac58c836223e8f9ed39";

/** Measured usable fraction of a NIC's line rate: 43.4 GiB/s on one 400 GbE NIC ≈ 0.932. */
const NIC_EFFICIENCY = (43.4 * GiB) / (400 * Gbps);

/** Usable storage bandwidth of `gbps` of NIC line rate, bytes/s. */
function usableNic(gbps: number): number {
  return gbps * Gbps * NIC_EFFICIENCY;
}

const NIC_EFFICIENCY_SOURCE = {
  what: "usable = line rate × 0.932, from 43.4 GiB/s NFSoRDMA measured on one 400 GbE NIC (96% of line rate by the source's count)",
  ref: FARMGPU,
  tag: "D",
} as const;

/** Every node type in the catalog. */
export const NODE_TYPES: readonly NodeType[] = [
  {
    name: "p5.48xlarge",
    title: "AWS p5.48xlarge (8 × H100 SXM)",
    gpu: "h100-sxm",
    gpusPerNode: 8,
    storageNicBytesPerSecond: usableNic(400),
    hostMemoryBytes: 2_048 * GiB,
    cpuCores: 192,
    localNvmeBytes: 8 * 3.84 * TB,
    remoteDiskBytesPerSecond: 80 * Gbps,
    usdPerHour: 55.04,
    priceAsOf: "2025-06",
    sources: [
      {
        what: "8 × H100 80GB, 8 × 3.84 TB NVMe (30.72 TB), 3,200 Gbps EFA (8 × 400), 192 vCPU, 2,048 GiB RAM",
        ref: "https://agenticdaily.ai/articles/aws-maps-open-source-ml-stack-to-its-accelerated-instances",
        tag: "S",
      },
      {
        what: "storage NIC = one 400 Gb/s rail of the eight (FSx Lustre / EFA storage clients share the rails with collectives); inside §8's 25–50 GB/s storage-rail default",
        ref: "domain-facts.md §5.2 and §8",
        tag: "M",
      },
      NIC_EFFICIENCY_SOURCE,
      {
        what: "EBS bandwidth ≈80 Gbps (≈10 GB/s), separate from EFA",
        ref: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsOptimizedInfo.html",
        tag: "M",
      },
      {
        what: "55.04 USD/h on-demand after the June-2025 cut of up to 45% (the cut [S]; the exact figure [M]); launch price was 98.32",
        ref: "https://www.usage.ai/blogs/aws/ai-ml-cost/llm-cost-optimization-aws/",
        tag: "M",
      },
    ],
  },
  {
    name: "p5en.48xlarge",
    title: "AWS p5en.48xlarge (8 × H200)",
    gpu: "h200",
    gpusPerNode: 8,
    storageNicBytesPerSecond: usableNic(400),
    hostMemoryBytes: 2_048 * GiB,
    cpuCores: 192,
    localNvmeBytes: 8 * 3.84 * TB,
    remoteDiskBytesPerSecond: 100 * Gbps,
    usdPerHour: 63.296,
    priceAsOf: "2026-08",
    sources: [
      {
        what: "192 vCPUs (4th-gen Intel Xeon; AWS P5en instance page, from memory)",
        ref: "https://aws.amazon.com/ec2/instance-types/p5/",
        tag: "M",
      },
      {
        what: "8 × H200 141GB, 8 × 3.84 TB NVMe, 3,200 Gbps (16 EFA devices), 2,048 GiB RAM; on-demand 63.296 USD/h (Aug 2026)",
        ref: "https://github.com/dstackai/dstack/pull/4110",
        tag: "S",
      },
      {
        what: "storage NIC = 400 Gb/s of the 3,200, as for p5",
        ref: "domain-facts.md §5.2 and §8",
        tag: "M",
      },
      NIC_EFFICIENCY_SOURCE,
      {
        what: "EBS bandwidth 100 Gbps",
        ref: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsOptimizedInfo.html",
        tag: "M",
      },
    ],
  },
  {
    name: "p4d.24xlarge",
    title: "AWS p4d.24xlarge (8 × A100 40GB)",
    gpu: "a100-40gb",
    gpusPerNode: 8,
    storageNicBytesPerSecond: usableNic(100),
    hostMemoryBytes: 1_152 * GiB,
    cpuCores: 96,
    localNvmeBytes: 8 * 1 * TB,
    remoteDiskBytesPerSecond: 19 * Gbps,
    usdPerHour: 14.75,
    priceAsOf: "2026",
    sources: [
      {
        what: "96 vCPUs (Intel Xeon Cascade Lake; AWS P4 instance page, from memory; repeated in many public configs)",
        ref: "https://aws.amazon.com/ec2/instance-types/p4/",
        tag: "M",
      },
      {
        what: "8 × A100 40GB, 8 × 1 TB NVMe, 400 Gbps NIC, 1,152 GiB RAM; Capacity Block 14.75 USD/h (no on-demand price in the facts; page undated)",
        ref: CAPACITY_BLOCKS,
        tag: "S",
      },
      {
        what: "storage NIC = one 100 Gb/s of the 400 Gbps (4 × 100 Gbps EFA, from memory), as p5 gives storage one of its rails",
        ref: "domain-facts.md §2.1",
        tag: "M",
      },
      NIC_EFFICIENCY_SOURCE,
      {
        what: "EBS bandwidth 19 Gbps",
        ref: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsOptimizedInfo.html",
        tag: "M",
      },
    ],
  },
  {
    name: "nd96isr-h100-v5",
    title: "Azure Standard_ND96isr_H100_v5 (8 × H100 SXM)",
    gpu: "h100-sxm",
    gpusPerNode: 8,
    storageNicBytesPerSecond: 10e9,
    hostMemoryBytes: 1_900 * GiB,
    cpuCores: 96,
    localNvmeBytes: 28 * TiB,
    remoteDiskBytesPerSecond: 612 * MB,
    usdPerHour: 98.32,
    priceAsOf: "2026-03",
    sources: [
      {
        what: "8 × H100 80GB, 8 local NVMe (28 TiB), 8 × 400 Gb/s InfiniBand + 80 Gbps Ethernet (≈10 GB/s, the path to Blob, Files and Lustre), 96 vCPU, 1,900 GiB",
        ref: SURAJSSD,
        tag: "S",
      },
      { what: "uncached remote-disk throughput cap 612 MB/s (Azure quotes MB/s)", ref: SURAJSSD, tag: "S" },
      { what: "pay-as-you-go 98.32 USD/h (Mar 2026)", ref: SURAJSSD, tag: "S" },
    ],
  },
  {
    name: "a3-highgpu-8g",
    title: "GCP a3-highgpu-8g (8 × H100 SXM)",
    gpu: "h100-sxm",
    gpusPerNode: 8,
    storageNicBytesPerSecond: usableNic(200),
    hostMemoryBytes: 1_872e9,
    cpuCores: 208,
    localNvmeBytes: 16 * 375 * GiB,
    remoteDiskBytesPerSecond: Infinity,
    usdPerHour: 88,
    priceAsOf: "2026",
    sources: [
      {
        what: "16 × 375 GiB local SSD (6 TiB), ≈1,000 Gbps total network, 208 vCPU, 1,872 GB RAM",
        ref: "domain-facts.md §2.1 (GCP accelerator-optimized machine docs)",
        tag: "M",
      },
      {
        what: "storage NIC 200 Gb/s: the facts give only the ≈1,000 Gbps total; the GPU NICs (4 × 200 Gbps, from memory) are assumed not to carry storage, leaving ≈200 Gbps",
        ref: "domain-facts.md §2.1",
        tag: "M",
      },
      NIC_EFFICIENCY_SOURCE,
      {
        what: "remote-disk cap: Hyperdisk per-VM limit not in the facts (Infinity)",
        ref: "domain-facts.md §1.3",
        tag: "M",
      },
      {
        what: "≈88 USD/h on-demand (us-central1); date not given, 2026 = facts compilation",
        ref: "domain-facts.md §5.3",
        tag: "M",
      },
    ],
  },
  {
    name: "dgx-h100",
    title: "NVIDIA DGX H100 (on-prem, 8 × H100 SXM)",
    gpu: "h100-sxm",
    gpusPerNode: 8,
    storageNicBytesPerSecond: usableNic(400),
    hostMemoryBytes: 2_048 * GiB,
    cpuCores: 224,
    localNvmeBytes: 8 * 3.84 * TB,
    remoteDiskBytesPerSecond: Infinity,
    usdPerHour: (8 * 30_000) / (4 * 8_760),
    priceAsOf: "2026",
    sources: [
      {
        what: "224 hardware threads: 2 × Intel Xeon Platinum 8480C, 56 cores each (DGX H100 datasheet, from memory)",
        ref: "https://resources.nvidia.com/en-us-dgx-systems/ai-enterprise-dgx",
        tag: "M",
      },
      {
        what: "8 × H100; 8 × 3.84 TB data NVMe (30 TB) + 2 × 1.92 TB OS; 8 × 400 Gb/s compute NICs plus separate storage NICs (typically 2 × 200 or 2 × 400 Gb/s)",
        ref: "domain-facts.md §2.1 and §5.2 (DGX H100 user guide)",
        tag: "M",
      },
      {
        what: "storage NIC 2 × 200 Gb/s = 400 Gb/s (the smaller typical option)",
        ref: "domain-facts.md §5.2",
        tag: "M",
      },
      NIC_EFFICIENCY_SOURCE,
      {
        what: "host RAM 2 TB (2,048 GiB): not in the facts (DGX H100 datasheet, from memory)",
        ref: "NVIDIA DGX H100 datasheet",
        tag: "M",
      },
      { what: "no cloud block disk, so no remote-disk cap (Infinity)", ref: "domain-facts.md §1", tag: "M" },
      {
        what: "≈6.85 USD/h = 8 GPUs × 30,000 USD capex ÷ (4 years × 8,760 h): GPUs only (no chassis, power, network, staff); the 4-year life is assumed",
        ref: "https://www.youngju.dev/blog/culture/2026-03-25-weka-high-performance-storage-ai-hpc-guide-2025.en",
        tag: "M",
      },
    ],
  },
];

const BY_NAME: ReadonlyMap<string, NodeType> = new Map(NODE_TYPES.map((n) => [n.name, n]));

/**
 * The node type called `name` (e.g. `p5.48xlarge`).
 * @throws RangeError `unknown node type: NAME` when the catalog has none.
 */
export function nodeTypeByName(name: string): NodeType {
  const node = BY_NAME.get(name);
  if (node === undefined) throw new RangeError(`unknown node type: ${name}`);
  return node;
}
