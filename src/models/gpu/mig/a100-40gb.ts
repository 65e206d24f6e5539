/**
 * MIG profiles of the NVIDIA A100-SXM4-40GB: the A100-80GB names with memory halved, 1g.5gb … 7g.40gb
 * (domain-facts §5.4).
 */
import { standardProfiles, type MigTable } from "./mig-profile.ts";
import { COMMON_MIG_SOURCES, MIG_GETTING_STARTED } from "./sources.ts";

/** A100-40GB: 1g.5gb (×7), 1g.5gb+me (×1), 1g.10gb (×4), 2g.10gb (×3), 3g.20gb (×2), 4g.20gb, 7g.40gb. */
export const A100_40GB_MIG: MigTable = {
  gpu: "A100-40GB",
  profiles: standardProfiles([5, 10, 20, 40]),
  sources: [
    {
      what: "A100-40GB names: halve the memory of the 80 GB names (1g.5gb, 2g.10gb, 3g.20gb, 4g.20gb, 7g.40gb)",
      ref: "domain-facts.md §5.4",
      tag: "S",
    },
    {
      what: "profile IDs 19 (1g.5gb), 20 (1g.5gb+me), 15 (1g.10gb), 14 (2g.10gb), 9 (3g.20gb), 5 (4g.20gb), 0 (7g.40gb) with their placements, on an A100-SXM4-40GB",
      ref: MIG_GETTING_STARTED,
      tag: "S",
    },
    {
      what: "max instances per profile as on the A100-80GB (7, 1, 4, 3, 2, 1, 1); equal to the number of placements",
      ref: "domain-facts.md §5.4",
      tag: "D",
    },
    ...COMMON_MIG_SOURCES,
  ],
};
