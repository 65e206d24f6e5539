/**
 * The storage preset catalog: one {@link StorageProfile} per file in this folder, gathered here in
 * a stable order, with a lookup by name.
 */
import type { StorageProfile } from "../profile.ts";
import { AZURE_CONTAINER_STORAGE_V1 } from "./azure-container-storage-v1.ts";
import { AZURE_CONTAINER_STORAGE_V2 } from "./azure-container-storage-v2.ts";
import { AZURE_MANAGED_LUSTRE } from "./azure-managed-lustre.ts";
import { AZURE_PREMIUM_SSD_V2 } from "./azure-premium-ssd-v2.ts";
import { EBS_GP3 } from "./ebs-gp3.ts";
import { EBS_IO2 } from "./ebs-io2.ts";
import { EPHEMERAL_OS_DISK } from "./ephemeral-os-disk.ts";
import { FSX_LUSTRE } from "./fsx-lustre.ts";
import { GCP_HYPERDISK_BALANCED } from "./gcp-hyperdisk-balanced.ts";
import { GCP_HYPERDISK_ML } from "./gcp-hyperdisk-ml.ts";
import { LOCAL_NVME } from "./local-nvme.ts";
import { NFS_SHARE } from "./nfs-share.ts";
import { OBJECT_STORE_CACHE } from "./object-store-cache.ts";
import { REPLICATED_CNS } from "./replicated-cns.ts";

export {
  AZURE_CONTAINER_STORAGE_V1,
  AZURE_CONTAINER_STORAGE_V2,
  AZURE_MANAGED_LUSTRE,
  AZURE_PREMIUM_SSD_V2,
  EBS_GP3,
  EBS_IO2,
  EPHEMERAL_OS_DISK,
  FSX_LUSTRE,
  GCP_HYPERDISK_BALANCED,
  GCP_HYPERDISK_ML,
  LOCAL_NVME,
  NFS_SHARE,
  OBJECT_STORE_CACHE,
  REPLICATED_CNS,
};

/** Every storage preset, network block volumes first, then node-local, shared file systems, object and CNS. */
export const STORAGE_PRESETS: readonly StorageProfile[] = [
  EBS_GP3,
  EBS_IO2,
  AZURE_PREMIUM_SSD_V2,
  GCP_HYPERDISK_BALANCED,
  GCP_HYPERDISK_ML,
  EPHEMERAL_OS_DISK,
  LOCAL_NVME,
  AZURE_CONTAINER_STORAGE_V1,
  AZURE_CONTAINER_STORAGE_V2,
  NFS_SHARE,
  FSX_LUSTRE,
  AZURE_MANAGED_LUSTRE,
  OBJECT_STORE_CACHE,
  REPLICATED_CNS,
];

const BY_NAME: ReadonlyMap<string, StorageProfile> = new Map(STORAGE_PRESETS.map((p) => [p.name, p]));

/**
 * The storage preset called `name` (kebab-case, e.g. `ebs-gp3`).
 * @throws RangeError `unknown storage preset: NAME` when there is none.
 */
export function storagePresetByName(name: string): StorageProfile {
  const preset = BY_NAME.get(name);
  if (preset === undefined) throw new RangeError(`unknown storage preset: ${name}`);
  return preset;
}
