/**
 * MIG profiles of the NVIDIA A100-SXM4-80GB: 1g.10gb … 7g.80gb (domain-facts §5.4).
 */
import { standardProfiles, type MigTable } from "./mig-profile.ts";
import { COMMON_MIG_SOURCES, MIG_PROFILES_GUIDE } from "./sources.ts";

/** A100-80GB: 1g.10gb (×7), 1g.10gb+me (×1), 1g.20gb (×4), 2g.20gb (×3), 3g.40gb (×2), 4g.40gb, 7g.80gb. */
export const A100_80GB_MIG: MigTable = {
  gpu: "A100-80GB",
  profiles: standardProfiles([10, 20, 40, 80]),
  sources: [
    {
      what: "A100-SXM4-80GB profiles with memory and SM fractions and max instances: 1g.10gb 1/8, 1/7, 7; 1g.10gb+me 1; 1g.20gb 2/8, 1/7, 4; 2g.20gb 2/8, 2/7, 3; 3g.40gb 4/8, 3/7, 2; 4g.40gb 4/8, 4/7, 1; 7g.80gb full, 1",
      ref: MIG_PROFILES_GUIDE,
      tag: "S",
    },
    {
      what: "placements as on the A100-40GB (same GA100 die and geometry): not printed for the 80 GB part in the sources",
      ref: "domain-facts.md §5.4",
      tag: "M",
    },
    ...COMMON_MIG_SOURCES,
  ],
};
