/**
 * The GPU catalog: memory, bandwidths, BF16 throughput, on-demand price with its date, purchase
 * price and MIG support for the GPUs stallsim models, each value with its source. Canonical units:
 * bytes (80 GB = 80e9), bytes/s, FLOP/s, USD. A GPU-hour price here is the default when a scenario
 * prices GPUs directly; a node type carries its own node price.
 */
import type { GpuSpec } from "./gpu-spec.ts";

const PRICEGPU = "https://pricegpu.pages.dev/blog/h100-vs-a100-cloud-price";
const MERCATUS_PRICING = "https://www.mercatus-ai.com/blog/cloud-gpu-pricing";
const MIG_GUIDE = "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html";
const H100_CAPEX = "https://www.youngju.dev/blog/culture/2026-03-25-weka-high-performance-storage-ai-hpc-guide-2025.en";

/** NVIDIA H100 SXM5 80 GB. */
const H100_SXM: GpuSpec = {
  name: "h100-sxm",
  title: "NVIDIA H100 SXM5 80GB",
  memoryBytes: 80e9,
  memoryBytesPerSecond: 3.35e12,
  bf16Flops: 989e12,
  hostLinkBytesPerSecond: 64e9,
  usdPerHour: 4.0,
  priceAsOf: "2026",
  capexUsd: 30_000,
  migMaxInstances: 7,
  sources: [
    {
      what: "80 GB HBM3, 3.35 TB/s, 989 dense BF16 TFLOPS, PCIe Gen5 ×16 ~64 GB/s per direction, MIG 7",
      ref: PRICEGPU,
      tag: "S",
    },
    {
      what: "4.00 USD/GPU-h: §8 neocloud default = Lambda gpu_8x_h100_sxm5 on-demand 31.92 USD/h ÷ 8 = 3.99, the top of the early-2026 neocloud range 2.49–3.99",
      ref: "https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v8/lambda/vms.csv",
      tag: "D",
    },
    { what: "neocloud on-demand H100 SXM 2.49–3.99 USD/GPU-h, early 2026", ref: PRICEGPU, tag: "S" },
    { what: "capex 30,000 USD: H100 street price 'over $30,000' (≈25–30k+)", ref: H100_CAPEX, tag: "S" },
  ],
};

/** NVIDIA H100 PCIe 80 GB. */
const H100_PCIE: GpuSpec = {
  name: "h100-pcie",
  title: "NVIDIA H100 PCIe 80GB",
  memoryBytes: 80e9,
  memoryBytesPerSecond: 2.0e12,
  bf16Flops: 756e12,
  hostLinkBytesPerSecond: 64e9,
  usdPerHour: 2.49,
  priceAsOf: "2026",
  capexUsd: 25_000,
  migMaxInstances: 7,
  sources: [
    {
      what: "80 GB HBM2e, ~2.0 TB/s, PCIe Gen5, 350 W",
      ref: "https://computestacker.com/insights/nvidia-b200-vs-h100-vs-h200-gpu-comparison-2026/",
      tag: "S",
    },
    { what: "~756 dense BF16 TFLOPS", ref: "domain-facts.md §5.1", tag: "M" },
    {
      what: "host link 64 GB/s per direction: PCIe Gen5 ×16 as for SXM (lane count assumed)",
      ref: "domain-facts.md §5.1",
      tag: "M",
    },
    {
      what: "2.49 USD/GPU-h: no H100 PCIe price in the facts; the low end of the early-2026 neocloud H100 SXM range (PCIe rents below SXM)",
      ref: PRICEGPU,
      tag: "M",
    },
    {
      what: "capex 25,000 USD: low end of the H100 street range 25–30k+ (PCIe sells below SXM)",
      ref: H100_CAPEX,
      tag: "M",
    },
    { what: "MIG up to 7 instances (H100-80GB profiles cover SXM5 and PCIe)", ref: MIG_GUIDE, tag: "S" },
  ],
};

/** NVIDIA H200 SXM 141 GB. */
const H200: GpuSpec = {
  name: "h200",
  title: "NVIDIA H200 SXM 141GB",
  memoryBytes: 141e9,
  memoryBytesPerSecond: 4.8e12,
  bf16Flops: 989e12,
  hostLinkBytesPerSecond: 64e9,
  usdPerHour: 5.0,
  priceAsOf: "2026-05",
  capexUsd: 37_500,
  migMaxInstances: 7,
  sources: [
    {
      what: "141 GB HBM3e, 4.8 TB/s, 989 dense BF16 TFLOPS, PCIe Gen5",
      ref: "https://www.mercatus-ai.com/blog/a100-vs-h100-vs-h200",
      tag: "S",
    },
    {
      what: "host link 64 GB/s per direction: PCIe Gen5 ×16 (lane count assumed)",
      ref: "domain-facts.md §5.1",
      tag: "M",
    },
    {
      what: "5.00 USD/GPU-h: §8 default, between the May-2026 specialty (3.50–4.50) and hyperscaler (4.50–7.00) bands",
      ref: MERCATUS_PRICING,
      tag: "S",
    },
    {
      what: "capex 37,500 USD: no H200 purchase price in the facts; H100's 30,000 × the §8 rental ratio 5.00 / 4.00",
      ref: "domain-facts.md §5.3 and §8",
      tag: "M",
    },
    { what: "MIG up to 7 instances (1g.18gb … 7g.141gb)", ref: MIG_GUIDE, tag: "S" },
  ],
};

/** NVIDIA A100 SXM 80 GB. */
const A100_80GB: GpuSpec = {
  name: "a100-80gb",
  title: "NVIDIA A100 SXM 80GB",
  memoryBytes: 80e9,
  memoryBytesPerSecond: 2.0e12,
  bf16Flops: 312e12,
  hostLinkBytesPerSecond: 32e9,
  usdPerHour: 1.8,
  priceAsOf: "2026-05",
  capexUsd: 11_500,
  migMaxInstances: 7,
  sources: [
    {
      what: "80 GB HBM2e, 2.0 TB/s, 312 dense BF16 TFLOPS, PCIe Gen4 ×16 ~32 GB/s per direction, MIG 7",
      ref: PRICEGPU,
      tag: "S",
    },
    {
      what: "1.80 USD/GPU-h: §8 default, inside the May-2026 hyperscaler band 1.50–3.00 and the early-2026 neocloud range 1.49–2.49",
      ref: MERCATUS_PRICING,
      tag: "S",
    },
    { what: "capex 11,500 USD = midpoint of refurbished 8,000–15,000", ref: MERCATUS_PRICING, tag: "D" },
  ],
};

/** NVIDIA A100 SXM 40 GB. */
const A100_40GB: GpuSpec = {
  name: "a100-40gb",
  title: "NVIDIA A100 SXM 40GB",
  memoryBytes: 40e9,
  memoryBytesPerSecond: 1.555e12,
  bf16Flops: 312e12,
  hostLinkBytesPerSecond: 32e9,
  usdPerHour: 1.844,
  priceAsOf: "2026",
  capexUsd: 8_000,
  migMaxInstances: 7,
  sources: [
    {
      what: "1.555 TB/s HBM2: not in the facts (NVIDIA A100 datasheet, from memory); 312 BF16 TFLOPS and PCIe Gen4 32 GB/s as the 80 GB part (same GA100)",
      ref: "domain-facts.md §5.1 (A100 80GB row)",
      tag: "M",
    },
    {
      what: "1.844 USD/GPU-h: AWS EC2 Capacity Block p4d.24xlarge 14.75 USD/h ÷ 8 (a Capacity Block rate; no on-demand A100 40GB price in the facts; page undated)",
      ref: "http://sibshop.uat.jiralog.com/ec2/capacityblocks/pricing",
      tag: "S",
    },
    {
      what: "capex 8,000 USD: no 40 GB price in the facts; the low end of the A100 80GB refurbished range 8,000–15,000",
      ref: MERCATUS_PRICING,
      tag: "M",
    },
    { what: "MIG up to 7 instances (1g.5gb … 7g.40gb)", ref: MIG_GUIDE, tag: "S" },
  ],
};

/** NVIDIA L40S 48 GB (no MIG). */
const L40S: GpuSpec = {
  name: "l40s",
  title: "NVIDIA L40S 48GB",
  memoryBytes: 48e9,
  memoryBytesPerSecond: 864e9,
  bf16Flops: 362e12,
  hostLinkBytesPerSecond: 32e9,
  usdPerHour: 1.35,
  priceAsOf: "2026",
  capexUsd: 8_500,
  migMaxInstances: 0,
  sources: [
    {
      what: "48 GB GDDR6, 864 GB/s, 362 dense BF16 TFLOPS, PCIe Gen4 ×16 64 GB/s bidirectional (32 GB/s per direction [D]), no MIG",
      ref: "https://www.mullet.se/product.html?product_id=355414",
      tag: "S",
    },
    { what: "1.35 USD/GPU-h: midpoint of the cloud range 0.8–1.9", ref: "domain-facts.md §5.3", tag: "M" },
    { what: "capex 8,500 USD: midpoint of 7,000–10,000", ref: "domain-facts.md §5.3", tag: "M" },
  ],
};

/** NVIDIA L4 24 GB (no MIG). */
const L4: GpuSpec = {
  name: "l4",
  title: "NVIDIA L4 24GB",
  memoryBytes: 24e9,
  memoryBytesPerSecond: 300e9,
  bf16Flops: 121e12,
  hostLinkBytesPerSecond: 32e9,
  usdPerHour: 0.7,
  priceAsOf: "2026",
  capexUsd: 2_750,
  migMaxInstances: 0,
  sources: [
    {
      what: "24 GB GDDR6, 300 GB/s, ~121 dense BF16 TFLOPS, PCIe Gen4 ×16 (32 GB/s per direction), 72 W, no MIG",
      ref: "domain-facts.md §5.1 (NVIDIA L4 datasheet)",
      tag: "M",
    },
    { what: "0.70 USD/GPU-h: midpoint of 0.6–0.8 (GCP g2)", ref: "domain-facts.md §5.3", tag: "M" },
    { what: "capex 2,750 USD: midpoint of 2,500–3,000", ref: "domain-facts.md §5.3", tag: "M" },
  ],
};

/** Every GPU in the catalog. */
export const GPUS: readonly GpuSpec[] = [H100_SXM, H100_PCIE, H200, A100_80GB, A100_40GB, L40S, L4];

const BY_NAME: ReadonlyMap<string, GpuSpec> = new Map(GPUS.map((g) => [g.name, g]));

/**
 * The GPU called `name` (e.g. `h100-sxm`).
 * @throws RangeError `unknown gpu: NAME` when the catalog has none.
 */
export function gpuByName(name: string): GpuSpec {
  const gpu = BY_NAME.get(name);
  if (gpu === undefined) throw new RangeError(`unknown gpu: ${name}`);
  return gpu;
}
