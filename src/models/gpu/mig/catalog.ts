/**
 * Which MIG profile table applies to which GPU of the catalog (src/models/gpu/catalog.ts). GPUs without MIG
 * (L40S, L4) have none.
 */
import { A100_40GB_MIG } from "./a100-40gb.ts";
import { A100_80GB_MIG } from "./a100-80gb.ts";
import { H100_80GB_MIG } from "./h100-80gb.ts";
import { H200_141GB_MIG } from "./h200-141gb.ts";
import type { MigProfile, MigTable } from "./mig-profile.ts";

/** GPU catalog name → its MIG table. H100 SXM5 and PCIe share the H100-80GB profiles. */
const TABLES: ReadonlyMap<string, MigTable> = new Map([
  ["a100-80gb", A100_80GB_MIG],
  ["a100-40gb", A100_40GB_MIG],
  ["h100-sxm", H100_80GB_MIG],
  ["h100-pcie", H100_80GB_MIG],
  ["h200", H200_141GB_MIG],
]);

/** Every table, one per GPU model. */
export const MIG_TABLES: readonly MigTable[] = [A100_80GB_MIG, A100_40GB_MIG, H100_80GB_MIG, H200_141GB_MIG];

/** The MIG table of GPU `gpu` (catalog name), or undefined when it does not support MIG. */
export function migTableFor(gpu: string): MigTable | undefined {
  return TABLES.get(gpu);
}

/**
 * The profile `name` on GPU `gpu` (catalog name).
 * @throws RangeError `gpu l40s does not support mig` or `unknown mig profile on h100-sxm: 1g.5gb (profiles: …)`.
 */
export function migProfile(gpu: string, name: string): MigProfile {
  const table = migTableFor(gpu);
  if (table === undefined) throw new RangeError(`gpu ${gpu} does not support mig`);
  const p = table.profiles.find((x) => x.name === name);
  if (p === undefined) {
    throw new RangeError(
      `unknown mig profile on ${gpu}: ${name} (profiles: ${table.profiles.map((x) => x.name).join(", ")})`,
    );
  }
  return p;
}
