/**
 * A job's view of the cluster's storage fabric: its own node indices (0 … n−1, as the training actors count
 * them) mapped to the cluster nodes the scheduler gave it, and its own volumes of per-pod profiles (each
 * job's pods have their own RWO volumes; see binding-zones.ts), so jobs sharing a node share that node's NIC,
 * remote-disk cap and local media but not each other's block volumes. Shared file systems are shared by all.
 */
import type { FabricPaths, NodePaths, StorageFabric } from "../storage/fabric.ts";
import type { StorageProfile } from "../storage/profile.ts";
import { volumeScope } from "./binding-zones.ts";

/** Paths of one job placed on a cluster. */
export class PlacedFabric implements FabricPaths {
  /**
   * @param nodes cluster node of each of the job's nodes.
   * @param volume name of the job's own volumes (e.g. the job's name).
   */
  constructor(
    private readonly fabric: StorageFabric,
    private readonly nodes: readonly number[],
    private readonly volume: string,
  ) {}

  /**
   * Paths of the job's node `node` to `profile`.
   * @throws RangeError on a node outside the job, or as `StorageFabric.paths`.
   */
  paths(profile: StorageProfile, node: number, readRequestBytes: number, writeRequestBytes: number): NodePaths {
    const n = this.nodes[node];
    if (n === undefined) throw new RangeError(`invalid node index of job ${this.volume}: ${node}`);
    const own = volumeScope(profile) === "pod" ? this.volume : undefined;
    return this.fabric.paths(profile, n, readRequestBytes, writeRequestBytes, own);
  }
}
