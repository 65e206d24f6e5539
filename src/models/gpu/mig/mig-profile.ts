/**
 * A MIG (Multi-Instance GPU) profile: a GPU instance of `g` compute slices (GPCs) out of 7 and `m` memory
 * slices out of 8, the instances of it one GPU may hold, and where on the memory-slice axis it may start
 * (NVIDIA's placement rules, `nvidia-smi mig -lgipp`). Pure data and arithmetic; the tables per GPU are the
 * sibling files, validation of a layout is layout.ts.
 *
 * Shares: an instance computes at `g/7` of the GPU (its SM fraction) and reads device memory at `m/8` of the
 * GPU's bandwidth (each memory slice brings its own L2 and DRAM bandwidth). PCIe and the node's NIC are not
 * partitioned: every instance on a GPU shares its host link, and every GPU on a node shares the node's
 * storage path (domain-facts §5.4).
 */
import type { Source } from "../../source.ts";

/** Compute slices (GPCs) of a MIG-capable GPU (A100, H100, H200). */
export const COMPUTE_SLICES = 7;
/** Memory slices of a MIG-capable GPU. */
export const MEMORY_SLICES = 8;

/** One GPU-instance profile of one GPU model. */
export interface MigProfile {
  /** NVIDIA's name, e.g. `1g.10gb`, `1g.10gb+me`, `7g.80gb`. */
  readonly name: string;
  /** Compute slices (the `g` of the name), 1–7. */
  readonly computeSlices: number;
  /** Memory slices, 1–8. */
  readonly memorySlices: number;
  /** Device memory of one instance, bytes (the `gb` of the name × 10^9). */
  readonly memoryBytes: number;
  /** Most instances of this profile on one GPU. */
  readonly maxInstances: number;
  /** Memory slices an instance may start at (its placement covers `start … start + memorySlices − 1`). */
  readonly placements: readonly number[];
}

/** A GPU model's MIG profiles with their sources. */
export interface MigTable {
  /** NVIDIA's product name, e.g. `H100-80GB`. */
  readonly gpu: string;
  readonly profiles: readonly MigProfile[];
  readonly sources: readonly Source[];
}

/** Fraction of the GPU's SMs an instance of `p` computes with: `g / 7` (0–1). */
export const computeShare = (p: MigProfile): number => p.computeSlices / COMPUTE_SLICES;

/** Fraction of the GPU's memory bandwidth (and L2) an instance of `p` has: `m / 8` (0–1). */
export const memoryShare = (p: MigProfile): number => p.memorySlices / MEMORY_SLICES;

/**
 * Builds the seven-profile table every A100/H100/H200 shares, from the memory of one memory slice in GB and
 * the profile names' memory figures (NVIDIA rounds them, e.g. H200's 1g.18gb is 141/8 = 17.6 GB).
 * Placements are the `nvidia-smi mig -lgipp` output of A100-40GB and H100 NVL (identical): 1-slice profiles
 * start at 0–6, 2-slice at 0, 2, 4 (2g) or 0, 2, 4, 6 (1g with two memory slices), 4-slice at 0, 4 (3g) or
 * 0 (4g), 8-slice at 0.
 * @param gb memory in GB in the names: [1 slice, 2 slices, 4 slices, 8 slices], e.g. [10, 20, 40, 80].
 */
export function standardProfiles(gb: readonly [number, number, number, number]): MigProfile[] {
  const [one, two, four, eight] = gb;
  const p = (name: string, g: number, m: number, mem: number, max: number, at: number[]): MigProfile => ({
    name,
    computeSlices: g,
    memorySlices: m,
    memoryBytes: mem * 1e9,
    maxInstances: max,
    placements: at,
  });
  return [
    p(`1g.${one}gb`, 1, 1, one, 7, [0, 1, 2, 3, 4, 5, 6]),
    p(`1g.${one}gb+me`, 1, 1, one, 1, [0, 1, 2, 3, 4, 5, 6]),
    p(`1g.${two}gb`, 1, 2, two, 4, [0, 2, 4, 6]),
    p(`2g.${two}gb`, 2, 2, two, 3, [0, 2, 4]),
    p(`3g.${four}gb`, 3, 4, four, 2, [0, 4]),
    p(`4g.${four}gb`, 4, 4, four, 1, [0]),
    p(`7g.${eight}gb`, 7, 8, eight, 1, [0]),
  ];
}
