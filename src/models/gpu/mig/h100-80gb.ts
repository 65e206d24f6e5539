/**
 * MIG profiles of the NVIDIA H100-80GB (SXM5 and PCIe): 1g.10gb … 7g.80gb (domain-facts §5.4).
 */
import { standardProfiles, type MigTable } from "./mig-profile.ts";
import { COLFAX_MIG, COMMON_MIG_SOURCES } from "./sources.ts";

/** H100-80GB: 1g.10gb (×7), 1g.10gb+me (×1), 1g.20gb (×4), 2g.20gb (×3), 3g.40gb (×2), 4g.40gb, 7g.80gb. */
export const H100_80GB_MIG: MigTable = {
  gpu: "H100-80GB",
  profiles: standardProfiles([10, 20, 40, 80]),
  sources: [
    {
      what: "H100-80GB profile names 1g.10gb … 7g.80gb",
      ref: "https://github.com/NVIDIA/mig-parted (test fixtures; GPU-operator valid configs), via domain-facts.md §5.4",
      tag: "S",
    },
    {
      what: "per-profile memory and SM fractions and max instances (7, 1, 4, 3, 2, 1, 1), as tabulated in domain-facts",
      ref: "domain-facts.md §5.4",
      tag: "M",
    },
    {
      what: "placements: printed for an H100 NVL (94 GB names); assumed identical on the 80 GB SXM5 and PCIe parts (same geometry)",
      ref: COLFAX_MIG,
      tag: "M",
    },
    ...COMMON_MIG_SOURCES,
  ],
};
