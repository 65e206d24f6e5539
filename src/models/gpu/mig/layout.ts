/**
 * MIG layouts: a multiset of profiles on one GPU, checked against the GPU's table. A layout is valid iff
 * 1. every profile exists on that GPU;
 * 2. no profile appears more often than its maximum instance count;
 * 3. the compute slices sum to at most 7 and the memory slices to at most 8;
 * 4. the instances can be placed on the 8 memory slices without overlap, each at one of its profile's
 *    allowed starts (NVIDIA's placement rules, found by exhaustive search: at most 7 instances).
 * The first rule broken is reported. Rules 1–3 are the published tables (domain-facts §5.4); rule 4 is
 * `nvidia-smi mig -lgipp` as printed for the A100-40GB and H100 NVL and assumed for the other parts (see
 * each table's sources). For these four GPUs no layout passes 1–3 and fails 4 (test/models/gpu/mig), so
 * rule 4 is a safeguard for tables added later; the search also yields a placement to show.
 *
 * Pure functions. Errors are `RangeError`s naming the GPU, the layout and the limit.
 */
import { migProfile } from "./catalog.ts";
import { COMPUTE_SLICES, MEMORY_SLICES, type MigProfile } from "./mig-profile.ts";

/** A validated layout: its instances (in the order given) and one placement of each. */
export interface MigLayout {
  /** GPU catalog name, e.g. `h100-sxm`. */
  readonly gpu: string;
  readonly instances: readonly MigProfile[];
  /** First memory slice of each instance, same order as `instances`. */
  readonly starts: readonly number[];
  /** Compute slices used (≤ 7). */
  readonly computeSlices: number;
  /** Memory slices used (≤ 8). */
  readonly memorySlices: number;
}

/** `["1g.10gb", "1g.10gb", "3g.40gb"]` → `2 × 1g.10gb + 3g.40gb` (first-appearance order). */
export function formatLayout(names: readonly string[]): string {
  if (names.length === 0) return "(empty)";
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, k]) => (k === 1 ? n : `${k} × ${n}`)).join(" + ");
}

/** A mig-parted style count map (`{ "1g.10gb": 7 }`) as a list of profile names. */
export function expandLayout(counts: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const [name, k] of Object.entries(counts)) for (let i = 0; i < k; i++) out.push(name);
  return out;
}

/**
 * One non-overlapping placement of `profiles` on the memory-slice axis, or undefined when there is none.
 * Backtracking, larger instances first; deterministic.
 */
export function findPlacement(profiles: readonly MigProfile[]): number[] | undefined {
  const order = profiles
    .map((_, i) => i)
    .sort((a, b) => profiles[b]!.memorySlices - profiles[a]!.memorySlices || a - b);
  const starts = new Array<number>(profiles.length).fill(-1);
  const place = (k: number, used: number): boolean => {
    if (k === order.length) return true;
    const i = order[k]!;
    const p = profiles[i]!;
    const span = (1 << p.memorySlices) - 1;
    for (const s of p.placements) {
      if (s + p.memorySlices > MEMORY_SLICES) continue;
      const mask = span << s;
      if ((used & mask) !== 0) continue;
      starts[i] = s;
      if (place(k + 1, used | mask)) return true;
    }
    return false;
  };
  return place(0, 0) ? starts : undefined;
}

/**
 * Validates a layout of profile names on GPU `gpu` (catalog name).
 * @throws RangeError naming the GPU, the layout and the rule broken, e.g.
 *   `invalid mig layout on h100-sxm (4g.40gb + 4g.40gb): 2 × 4g.40gb, at most 1 per gpu`;
 *   `gpu l40s does not support mig`; `unknown mig profile on h100-sxm: 1g.5gb (profiles: …)`; an empty layout.
 */
export function validateMigLayout(gpu: string, names: readonly string[]): MigLayout {
  const where = `invalid mig layout on ${gpu} (${formatLayout(names)})`;
  if (names.length === 0) throw new RangeError(`${where}: no instances`);
  const instances = names.map((n) => migProfile(gpu, n));
  const counts = new Map<MigProfile, number>();
  for (const p of instances) counts.set(p, (counts.get(p) ?? 0) + 1);
  for (const [p, k] of counts) {
    if (k > p.maxInstances) throw new RangeError(`${where}: ${k} × ${p.name}, at most ${p.maxInstances} per gpu`);
  }
  const computeSlices = instances.reduce((a, p) => a + p.computeSlices, 0);
  if (computeSlices > COMPUTE_SLICES) {
    throw new RangeError(`${where}: ${computeSlices} compute slices, the gpu has ${COMPUTE_SLICES}`);
  }
  const memorySlices = instances.reduce((a, p) => a + p.memorySlices, 0);
  if (memorySlices > MEMORY_SLICES) {
    throw new RangeError(`${where}: ${memorySlices} memory slices, the gpu has ${MEMORY_SLICES}`);
  }
  const starts = findPlacement(instances);
  if (starts === undefined) {
    throw new RangeError(`${where}: no placement without overlapping memory slices (nvidia placement rules)`);
  }
  return { gpu, instances, starts, computeSlices, memorySlices };
}
