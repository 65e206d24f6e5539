/**
 * Zones and locality of a cluster's storage bindings: where each volume or file system lives, which zones a
 * job's pods are pinned to, and whether its reads and writes cross a zone boundary (then every request pays
 * the inter-zone round trip, and the bytes are charged egress).
 *
 * Scopes (by profile, as the fabric builds volumes):
 * - `shared` (file shares, parallel file systems, object stores): one volume for every pod, or one copy per
 *   zone (`perZone`: capacity and cost × zones, every pod reads the copy in its zone). A regional service has
 *   a mount target in every zone (never crosses). A zonal one lives in the binding's `zone`; without one,
 *   `Immediate` creates it in the first zone (up front, not knowing where GPUs will be free) and
 *   `WaitForFirstConsumer` in the zone of the first pod that mounts it. Pods elsewhere cross.
 * - `node` (node-local media): each node's own, never crosses.
 * - `pod` (RWO block volumes, replicated container-native volumes): each job's pod has its own volume, in the
 *   pod's zone under `WaitForFirstConsumer`. Under `Immediate` the volumes are created at submit time in a
 *   zone chosen round robin over the cluster's zones (one zone per job, in submit order) or the binding's
 *   `zone`, and the zonal volume pins the job there: it waits for GPUs in that zone even when others are free.
 * - `crossZone` on a binding (storage in another zone or region altogether): always crosses.
 *
 * Sources: volume binding modes, domain-facts §4 (k8s StorageClass docs [M]); inter-zone latency and
 * egress price: presets/inter-zone-latency.ts and presets/inter-zone-egress.ts ([M]).
 */
import type { StorageProfile } from "../storage/profile.ts";
import { isSharedVolume } from "../storage/fabric.ts";
import { INTER_ZONE_LATENCY_US } from "../storage/presets/inter-zone-latency.ts";

/** Kubernetes StorageClass `volumeBindingMode`. */
export type VolumeBindingMode = "WaitForFirstConsumer" | "Immediate";

/** How a profile's volumes are shared (see the file header). */
export type VolumeScope = "shared" | "node" | "pod";

/** A storage binding on a cluster. */
export interface ClusterBinding {
  readonly name: string;
  /** The resolved profile; its name is the binding's. */
  readonly profile: StorageProfile;
  readonly bindingMode: VolumeBindingMode;
  /** A zone the binding is pinned to (StorageClass allowedTopologies, or where a shared one lives). */
  readonly zone: string | undefined;
  /** One copy per zone (shared scope only). */
  readonly perZone: boolean;
  /** Every byte crosses a zone boundary (storage elsewhere). */
  readonly crossZone: boolean;
}

/** Where a job in some zone reads and writes a binding. */
export interface BindingSite {
  /**
   * The profile its flows use: the binding's, renamed `NAME@ZONE` for a per-zone copy (its own fabric
   * constraints), with the inter-zone round trip added to every request when crossing.
   */
  readonly profile: StorageProfile;
  /** Zone of the volume or copy it uses (undefined: regional, or wherever `crossZone` says). */
  readonly zone: string | undefined;
  readonly crossesZone: boolean;
}

/** The scope of a profile's volumes. */
export function volumeScope(p: StorageProfile): VolumeScope {
  if (isSharedVolume(p)) return "shared";
  return p.topology === "node-local" ? "node" : "pod";
}

/** `p` with `extraUs` added to the base latency of reads and writes. */
export function withExtraLatency(p: StorageProfile, extraUs: number): StorageProfile {
  const add = (l: StorageProfile["latency"]["read"]) => ({ ...l, baseLatencyUs: l.baseLatencyUs + extraUs });
  return { ...p, latency: { read: add(p.latency.read), write: add(p.latency.write) } };
}

/** Zone decisions of one cluster run (stateful: round robin, and first consumers). */
export class BindingZones {
  private next = 0;
  private readonly placed = new Map<string, string>();

  /**
   * @param latencyUs extra per-request latency across zones, µs.
   * @throws RangeError on a binding's zone that is not a cluster zone, or `perZone` on a non-shared binding.
   */
  constructor(
    private readonly zones: readonly string[],
    private readonly bindings: ReadonlyMap<string, ClusterBinding>,
    private readonly latencyUs = INTER_ZONE_LATENCY_US,
  ) {
    for (const b of bindings.values()) {
      if (b.zone !== undefined && !zones.includes(b.zone)) {
        throw new RangeError(`storage ${b.name}: unknown zone ${b.zone} (zones: ${zones.join(", ")})`);
      }
      if (b.perZone && volumeScope(b.profile) !== "shared") {
        throw new RangeError(`storage ${b.name}: perZone needs a shared file system or object store`);
      }
    }
  }

  /**
   * At a job's submit: the zone its pod volumes pin it to (an explicit zone, or one chosen round robin when a
   * pod binding is `Immediate`), else undefined.
   * @throws RangeError when two pod bindings pin different zones.
   */
  pinAtSubmit(job: string, bindings: readonly string[]): string | undefined {
    let pin: string | undefined;
    let immediate = false;
    for (const name of bindings) {
      const b = this.binding(name);
      if (volumeScope(b.profile) !== "pod" || b.crossZone) continue;
      if (b.zone !== undefined) {
        if (pin !== undefined && pin !== b.zone)
          throw new RangeError(`job ${job}: volumes pinned to ${pin} and ${b.zone}`);
        pin = b.zone;
      } else if (b.bindingMode === "Immediate") immediate = true;
    }
    if (pin === undefined && immediate) pin = this.zones[this.next++ % this.zones.length];
    return pin;
  }

  /** Where a job running in `jobZone` reads and writes binding `name` (fixes a first consumer's zone). */
  site(name: string, jobZone: string): BindingSite {
    const b = this.binding(name);
    const crossing = (zone: string | undefined): BindingSite => ({
      profile: withExtraLatency(b.profile, this.latencyUs),
      zone,
      crossesZone: true,
    });
    if (b.crossZone) return crossing(undefined);
    const scope = volumeScope(b.profile);
    if (scope !== "shared") return { profile: b.profile, zone: jobZone, crossesZone: false };
    if (b.perZone)
      return { profile: { ...b.profile, name: `${b.name}@${jobZone}` }, zone: jobZone, crossesZone: false };
    if (b.profile.topology !== "zonal") return { profile: b.profile, zone: undefined, crossesZone: false };
    const zone = this.sharedZone(b, jobZone);
    return zone === jobZone ? { profile: b.profile, zone, crossesZone: false } : crossing(zone);
  }

  /** The zone of a shared zonal binding once decided (undefined before its first consumer, or not zonal). */
  zoneOf(name: string): string | undefined {
    return this.placed.get(name);
  }

  private sharedZone(b: ClusterBinding, consumerZone: string): string {
    let z = this.placed.get(b.name);
    if (z === undefined) {
      z = b.zone ?? (b.bindingMode === "Immediate" ? this.zones[0]! : consumerZone);
      this.placed.set(b.name, z);
    }
    return z;
  }

  private binding(name: string): ClusterBinding {
    const b = this.bindings.get(name);
    if (b === undefined) throw new RangeError(`unknown storage binding: ${name}`);
    return b;
  }
}
