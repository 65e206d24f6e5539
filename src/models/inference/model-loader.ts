/**
 * Model loading: a replica's read of the model files as one fluid flow through the storage fabric (the
 * node's paths to the workload's storage, see fabric.ts) and the replica's GPU's PCIe link, which all
 * instances of that GPU share. The flow stands for `streams` parallel readers of `bytes / streams` each: its
 * cap is `streams ×` one stream's rate (per-request latency and per-stream bandwidth, request.ts). With a
 * page cache, a node that has completed a load serves later loads from host memory: only the PCIe link
 * limits them.
 */
import type { FlowMeter } from "../../sim/flow-meter.ts";
import type { Constraint, Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import type { StorageFabric } from "../storage/fabric.ts";
import { streamCap } from "../storage/request.ts";
import type { InstanceSlot } from "./instance-pool.ts";
import type { InferenceWorkload } from "./workload.ts";

/** A load in flight. */
export interface Load {
  readonly flow: Flow;
  /** Read from the node's page cache, not from storage. */
  readonly fromCache: boolean;
}

/** Starts model loads for one workload; caches its PCIe constraints and the nodes holding the model. */
export class ModelLoader {
  private readonly gpuLinks: (Constraint | undefined)[] = [];
  private readonly cachedNodes = new Set<number>();

  constructor(
    private readonly net: FluidNetwork,
    private readonly fabric: StorageFabric,
    private readonly w: InferenceWorkload,
    /** Meters the loads read from storage (not those a node's page cache serves). */
    private readonly storageReads?: FlowMeter,
  ) {}

  /** The PCIe link of pool GPU `gpu` (created on first use). */
  gpuLink(gpu: number): Constraint {
    let c = this.gpuLinks[gpu];
    if (c === undefined) {
      c = this.net.addConstraint(`${this.w.name} gpu ${gpu} pcie`, this.w.hostLinkBytesPerSecond);
      this.gpuLinks[gpu] = c;
    }
    return c;
  }

  /** Starts loading the model (> 0 bytes) onto `slot`; `onComplete` runs when the last byte has moved. */
  start(slot: InstanceSlot, onComplete: () => void): Load {
    const { storage, loader, model } = this.w;
    const link = this.gpuLink(slot.gpu);
    const fromCache = loader.pageCache && this.cachedNodes.has(slot.node);
    const path = fromCache
      ? [link]
      : [...this.fabric.paths(storage, slot.node, loader.requestBytes, loader.requestBytes).read, link];
    const cap = fromCache
      ? Infinity
      : loader.streams * streamCap(storage.latency.read, model.bytes / loader.streams, loader.requestBytes);
    const meter = fromCache ? undefined : this.storageReads;
    const flow = this.net.start(model.bytes, path, {
      cap,
      onComplete,
      tag: `${this.w.name} load ${slot.label}`,
      ...(meter === undefined ? {} : { meter }),
    });
    return { flow, fromCache };
  }

  /** A load onto a slot of `node` completed: the node's page cache holds the model from now on. */
  loaded(node: number): void {
    this.cachedNodes.add(node);
  }

  /** Stops a load in flight; returns the bytes it had moved. */
  abort(load: Load): number {
    return this.net.abort(load.flow);
  }
}
