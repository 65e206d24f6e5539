/**
 * A cluster: node pools (a node type, a count, a zone) flattened into numbered nodes, each holding GPUs.
 * Node `i` of the cluster is node `i` of its storage fabric (one fabric for the whole cluster), so the
 * per-node NIC and remote-disk caps come from each node's type. Pure data.
 *
 * Units: bytes/s, USD per GPU-hour.
 */
import type { FabricOptions } from "../storage/fabric.ts";
import type { NodeType } from "./node-type.ts";

/** A node pool as the model takes it (scenarios resolve names and defaults). */
export interface NodePool {
  /** Unique within the cluster. */
  readonly name: string;
  readonly nodeType: NodeType;
  readonly nodes: number;
  /** Availability zone of every node of the pool. */
  readonly zone: string;
  /** Usable storage-path bandwidth of each node's NIC per direction, bytes/s. */
  readonly nicBytesPerSecond: number;
  /** Remote-disk (network block) cap per node, bytes/s (Infinity: none). */
  readonly remoteDiskBytesPerSecond: number;
  /** Price of one of its GPUs per hour, USD. */
  readonly gpuUsdPerHour: number;
}

/** One node of the cluster. */
export interface ClusterNode {
  /** Index in the cluster and in its storage fabric. */
  readonly index: number;
  /** `POOL-k`, k from 0 within the pool. */
  readonly name: string;
  readonly pool: string;
  readonly zone: string;
  /** GPU catalog key of its GPUs. */
  readonly gpu: string;
  readonly gpus: number;
  readonly nicBytesPerSecond: number;
  readonly remoteDiskBytesPerSecond: number;
  readonly gpuUsdPerHour: number;
}

/** The whole cluster. */
export interface Cluster {
  readonly nodes: readonly ClusterNode[];
  /** Zones in the order pools first name them. */
  readonly zones: readonly string[];
  /** GPUs of all nodes. */
  readonly gpus: number;
}

/**
 * Flattens pools into nodes, pool by pool in the given order.
 * @throws RangeError on no pools, a duplicate pool name, or a pool without a positive integer node count.
 */
export function buildCluster(pools: readonly NodePool[]): Cluster {
  if (pools.length === 0) throw new RangeError("a cluster needs at least one node pool");
  const nodes: ClusterNode[] = [];
  const zones: string[] = [];
  const names = new Set<string>();
  for (const p of pools) {
    if (names.has(p.name)) throw new RangeError(`duplicate node pool: ${p.name}`);
    names.add(p.name);
    if (!(Number.isInteger(p.nodes) && p.nodes >= 1))
      throw new RangeError(`invalid node count of ${p.name}: ${p.nodes}`);
    if (!zones.includes(p.zone)) zones.push(p.zone);
    for (let k = 0; k < p.nodes; k++) {
      nodes.push({
        index: nodes.length,
        name: `${p.name}-${k}`,
        pool: p.name,
        zone: p.zone,
        gpu: p.nodeType.gpu,
        gpus: p.nodeType.gpusPerNode,
        nicBytesPerSecond: p.nicBytesPerSecond,
        remoteDiskBytesPerSecond: p.remoteDiskBytesPerSecond,
        gpuUsdPerHour: p.gpuUsdPerHour,
      });
    }
  }
  return { nodes, zones, gpus: nodes.reduce((a, n) => a + n.gpus, 0) };
}

/** The storage fabric's options for the cluster: one fabric node per cluster node, each with its own caps. */
export function clusterFabricOptions(cluster: Cluster): FabricOptions {
  const first = cluster.nodes[0]!;
  return {
    nodes: cluster.nodes.length,
    nicBytesPerSecond: first.nicBytesPerSecond,
    remoteDiskBytesPerSecond: first.remoteDiskBytesPerSecond,
    perNode: cluster.nodes.map((n) => ({
      nicBytesPerSecond: n.nicBytesPerSecond,
      remoteDiskBytesPerSecond: n.remoteDiskBytesPerSecond,
    })),
  };
}
