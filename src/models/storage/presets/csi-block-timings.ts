/**
 * Kubernetes lifecycle timings of a cloud block volume behind a CSI driver (EBS, Azure disk, GCP
 * Hyperdisk): dynamic provisioning, ControllerPublish attach, detach from a healthy node, and mount.
 * The facts give EBS CSI figures only; the Azure and GCP presets reuse them (tagged M there).
 * Medians only: the recovery model draws spread around them (lognormal, p99 ≈ 2 min) and adds the
 * 6-minute force-detach of an RWO volume held by a dead node separately.
 */
import type { Source } from "../../source.ts";
import type { StorageTimings } from "../profile.ts";

/** Median CSI block-volume timings, seconds. */
export const CSI_BLOCK_TIMINGS: StorageTimings = {
  provisionSeconds: 10,
  attachSeconds: 15,
  detachSeconds: 10,
  mountSeconds: 5,
};

/** Citations for {@link CSI_BLOCK_TIMINGS}. */
export const CSI_BLOCK_TIMING_SOURCES: readonly Source[] = [
  {
    what: "attach 15 s: EBS CSI attach 'seconds to tens of seconds', modelled lognormal with median 10–20 s, p99 ≈ 2 min (domain-facts §4, §8 'median 15 s')",
    ref: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/1302",
    tag: "M",
    fields: ["timings.attachSeconds"],
  },
  {
    what: "detach 10 s from a healthy node: chosen inside 'seconds to tens of seconds'; no separate detach figure in the facts",
    ref: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/1279",
    tag: "M",
    fields: ["timings.detachSeconds"],
  },
  {
    what: "mount 5 s: low end of the recovery model's 'T_mount+fsck ~5–30 s' (a clean filesystem needs no long fsck)",
    ref: "domain-facts.md §4 simulator recovery model",
    tag: "M",
    fields: ["timings.mountSeconds"],
  },
  {
    what: "provision 10 s: no dynamic-provisioning time in the facts; chosen as the order of a CreateVolume call",
    ref: "domain-facts.md §4 (no figure given)",
    tag: "M",
    fields: ["timings.provisionSeconds"],
  },
];
