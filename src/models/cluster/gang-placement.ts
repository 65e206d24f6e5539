/**
 * Where a gang fits: a job's pods need, on each of its nodes, a number of free GPUs (`perNode`, the job's
 * own node order: `gpusPerNode` on each, fewer on the last), all at once, on distinct nodes of ONE zone (a
 * data-parallel job's all-reduce does not cross zones), optionally only in some zones (a zonal volume pins
 * the pods) or pools. First fit: zones in cluster order, nodes in index order, each of the job's nodes on
 * the first unused node with enough free GPUs. Because every entry of `perNode` but the last is the same,
 * first fit finds a placement whenever one exists in that zone. Pure.
 */
import type { Cluster } from "./cluster.ts";

/** What a gang asks for. */
export interface GangRequest {
  /** Free GPUs needed on each of the gang's nodes, in its own node order (each ≥ 1). */
  readonly perNode: readonly number[];
  /** Zones it may run in (undefined: any). */
  readonly zones?: readonly string[];
  /** Pools it may run in (undefined: any). */
  readonly pools?: readonly string[];
}

/** Where a gang runs: its node `i` is cluster node `nodes[i]`, holding `gpus[i]` GPUs there. */
export interface Placement {
  readonly nodes: readonly number[];
  readonly gpus: readonly number[];
  readonly zone: string;
}

/**
 * GPUs per node of a job of `gpus` GPUs asking `gpusPerNode` per node: `gpusPerNode` on every node, the
 * rest on the last.
 * @throws RangeError on non-positive integers.
 */
export function gangShape(gpus: number, gpusPerNode: number): number[] {
  if (!(Number.isInteger(gpus) && gpus >= 1)) throw new RangeError(`invalid gpus: ${gpus}`);
  if (!(Number.isInteger(gpusPerNode) && gpusPerNode >= 1))
    throw new RangeError(`invalid gpus per node: ${gpusPerNode}`);
  const nodes = Math.ceil(gpus / gpusPerNode);
  return Array.from({ length: nodes }, (_, n) => Math.min(gpusPerNode, gpus - n * gpusPerNode));
}

/** First-fit placement of `req` given `free` GPUs per cluster node; undefined when it does not fit now. */
export function placeGang(cluster: Cluster, free: readonly number[], req: GangRequest): Placement | undefined {
  for (const zone of cluster.zones) {
    if (req.zones !== undefined && !req.zones.includes(zone)) continue;
    const used = new Set<number>();
    const nodes: number[] = [];
    for (const need of req.perNode) {
      const n = cluster.nodes.find(
        (c) =>
          c.zone === zone &&
          !used.has(c.index) &&
          free[c.index]! >= need &&
          (req.pools === undefined || req.pools.includes(c.pool)),
      );
      if (n === undefined) break;
      used.add(n.index);
      nodes.push(n.index);
    }
    if (nodes.length === req.perNode.length) return { nodes, gpus: [...req.perNode], zone };
  }
  return undefined;
}

/** True when `req` fits the cluster with every GPU free (so it runs eventually). */
export function fitsEmpty(cluster: Cluster, req: GangRequest): boolean {
  return (
    placeGang(
      cluster,
      cluster.nodes.map((n) => n.gpus),
      req,
    ) !== undefined
  );
}
