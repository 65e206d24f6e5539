/**
 * Citations shared by the MIG profile tables (one table per GPU in this folder).
 */
import type { Source } from "../../source.ts";

/** NVIDIA MIG User Guide, "Supported MIG Profiles". */
export const MIG_PROFILES_GUIDE = "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html";
/** NVIDIA MIG User Guide, "Getting Started with MIG" (the `nvidia-smi mig -lgipp` example on an A100-40GB). */
export const MIG_GETTING_STARTED =
  "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/getting-started-with-mig.html";
/** Colfax Research: MIG on H100 NVL, with its `nvidia-smi mig -lgipp` output and the shared-PCIe caveat. */
export const COLFAX_MIG =
  "https://research.colfax-intl.com/sharing-nvidia-gpus-at-the-system-level-time-sliced-and-mig-backed-vgpus/";

/** The sources every table shares: geometry, placements, what is not partitioned. */
export const COMMON_MIG_SOURCES: readonly Source[] = [
  {
    what: "7 compute slices and 8 memory slices per GPU; up to 7 instances on A100, H100, H200; memory bandwidth and L2 partitioned by memory slice; PCIe and host NIC not partitioned",
    ref: "domain-facts.md §5.4 (NVIDIA MIG User Guide, Supported MIG Profiles)",
    tag: "S",
  },
  {
    what: "placements (start memory slice: size): 1-slice {0..6}:1, 1g with 2 memory slices {0,2,4,6}:2, 2g {0,2,4}:2, 3g {0,4}:4, 4g {0}:4, 7g {0}:8; an instance fails to create when its memory slices overlap another's",
    ref: MIG_GETTING_STARTED,
    tag: "S",
  },
  {
    what: "the same placements printed on an H100 NVL; MIG instances share the GPU's PCIe bus, so host-to-device transfers interfere",
    ref: COLFAX_MIG,
    tag: "S",
  },
];
