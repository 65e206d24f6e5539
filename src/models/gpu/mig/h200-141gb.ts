/**
 * MIG profiles of the NVIDIA H200-141GB (SXM5 and NVL): 1g.18gb … 7g.141gb, same geometry and engine counts
 * as the H100 (domain-facts §5.4).
 */
import { standardProfiles, type MigTable } from "./mig-profile.ts";
import { COMMON_MIG_SOURCES } from "./sources.ts";

/** H200-141GB: 1g.18gb (×7), 1g.18gb+me (×1), 1g.35gb (×4), 2g.35gb (×3), 3g.71gb (×2), 4g.71gb, 7g.141gb. */
export const H200_141GB_MIG: MigTable = {
  gpu: "H200-141GB",
  profiles: standardProfiles([18, 35, 71, 141]),
  sources: [
    {
      what: "H200-141GB profiles 1g.18gb, 1g.18gb+me, 1g.35gb, 2g.35gb, 3g.71gb, 4g.71gb, 7g.141gb with memory 1/8, 1/8, 2/8, 2/8, 4/8, 4/8, full, SMs 1/7 … 7/7 and max instances 7, 1, 4, 3, 2, 1, 1",
      ref: "https://github.com/NVIDIA/mig-parted (balanced-config test), via domain-facts.md §5.4",
      tag: "S",
    },
    {
      what: "placements as on the H100 (the facts give the same geometry); not printed for the H200 in the sources",
      ref: "domain-facts.md §5.4",
      tag: "M",
    },
    ...COMMON_MIG_SOURCES,
  ],
};
