/**
 * The GPU instances a serving workload may run replicas on: whole GPUs, or the MIG instances of a layout
 * repeated on every GPU (as mig-parted applies one config to `devices: all`). A slot knows its node (an
 * index into the storage fabric, so pools of several workloads — or, later, a shared cluster — sit side by
 * side on one fabric), its physical GPU (whose PCIe link its instances share), its compute slices (out of
 * 7; a whole GPU counts 7) and its shares of compute and memory bandwidth. Pure.
 */
import type { GpuSpec } from "../gpu/gpu-spec.ts";
import type { MigLayout } from "../gpu/mig/layout.ts";
import { COMPUTE_SLICES, computeShare, memoryShare } from "../gpu/mig/mig-profile.ts";

/** One place a replica can run. */
export interface InstanceSlot {
  /** Node index in the storage fabric. */
  readonly node: number;
  /** Physical GPU index within the pool (0 … gpus − 1). */
  readonly gpu: number;
  /** e.g. `node 0 gpu 0 1g.10gb #2`, or `node 0 gpu 3` for a whole GPU. */
  readonly label: string;
  /** MIG profile name, or undefined for a whole GPU. */
  readonly profile: string | undefined;
  /** Compute slices held (1–7); a whole GPU holds 7. GPU time is charged as slices / 7 of a GPU. */
  readonly computeSlices: number;
  /** SM fraction, 0–1 (prefill speed). */
  readonly computeShare: number;
  /** Memory-bandwidth fraction, 0–1 (decode speed). */
  readonly memoryShare: number;
  /** Device memory, bytes (the model must fit). */
  readonly memoryBytes: number;
}

/** A workload's GPUs and the slots on them. */
export interface InstancePool {
  /** GPU catalog name. */
  readonly gpu: string;
  readonly nodes: number;
  /** Fabric index of the pool's first node; its nodes are `firstNode … firstNode + nodes − 1`. */
  readonly firstNode: number;
  readonly gpusPerNode: number;
  /** Physical GPUs (nodes × gpusPerNode). */
  readonly gpus: number;
  /** Slots in order: node, then GPU, then the layout's instances. */
  readonly slots: readonly InstanceSlot[];
}

/** Options of {@link buildPool}. */
export interface PoolOptions {
  readonly gpu: GpuSpec;
  readonly nodes: number;
  readonly gpusPerNode: number;
  /** The MIG layout of every GPU, or undefined for whole GPUs. */
  readonly layout?: MigLayout;
  /** Fabric index of the first node (default 0). */
  readonly firstNode?: number;
}

/**
 * The slots of `nodes × gpusPerNode` GPUs, each whole or partitioned by `layout`.
 * @throws RangeError on a non-positive node or GPU count, or a layout for another GPU.
 */
export function buildPool(o: PoolOptions): InstancePool {
  if (!(Number.isInteger(o.nodes) && o.nodes >= 1)) throw new RangeError(`invalid node count: ${o.nodes}`);
  if (!(Number.isInteger(o.gpusPerNode) && o.gpusPerNode >= 1)) {
    throw new RangeError(`invalid gpus per node: ${o.gpusPerNode}`);
  }
  if (o.layout !== undefined && o.layout.gpu !== o.gpu.name) {
    throw new RangeError(`mig layout for ${o.layout.gpu} used on ${o.gpu.name}`);
  }
  const firstNode = o.firstNode ?? 0;
  const slots: InstanceSlot[] = [];
  for (let n = 0; n < o.nodes; n++) {
    for (let g = 0; g < o.gpusPerNode; g++) {
      const gpu = n * o.gpusPerNode + g;
      const node = firstNode + n;
      if (o.layout === undefined) {
        slots.push({
          node,
          gpu,
          label: `node ${node} gpu ${g}`,
          profile: undefined,
          computeSlices: COMPUTE_SLICES,
          computeShare: 1,
          memoryShare: 1,
          memoryBytes: o.gpu.memoryBytes,
        });
        continue;
      }
      o.layout.instances.forEach((p, i) => {
        slots.push({
          node,
          gpu,
          label: `node ${node} gpu ${g} ${p.name} #${i}`,
          profile: p.name,
          computeSlices: p.computeSlices,
          computeShare: computeShare(p),
          memoryShare: memoryShare(p),
          memoryBytes: p.memoryBytes,
        });
      });
    }
  }
  return {
    gpu: o.gpu.name,
    nodes: o.nodes,
    firstNode,
    gpusPerNode: o.gpusPerNode,
    gpus: o.nodes * o.gpusPerNode,
    slots,
  };
}
