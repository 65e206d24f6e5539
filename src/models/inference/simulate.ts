/**
 * Running serving workloads: one engine, one fluid network and one storage fabric for all of them (so
 * workloads reading the same storage binding contend on its shared ceilings), each workload's actor
 * started at 0 and run to the longest duration.
 */
import { Engine } from "../../sim/engine.ts";
import { FluidNetwork } from "../../sim/fluid-network.ts";
import { StorageFabric, type FabricOptions } from "../storage/fabric.ts";
import { InferenceActor } from "./inference-actor.ts";
import type { InferenceOutcome } from "./outcome.ts";
import type { InferenceWorkload } from "./workload.ts";

/** Outcomes in the workloads' order, and the engine events it took. */
export interface ServingRun {
  readonly outcomes: readonly InferenceOutcome[];
  readonly events: number;
}

/**
 * Simulates `workloads` together with seed `seed`. `fabric` must cover every node the pools use.
 * @throws RangeError from a workload that fails its checks, or a pool node outside the fabric.
 */
export function simulateServing(
  workloads: readonly InferenceWorkload[],
  fabric: FabricOptions,
  seed: number | string,
): ServingRun {
  const engine = new Engine({ seed });
  const net = new FluidNetwork(engine, "inference storage");
  const f = new StorageFabric(net, fabric);
  const outcomes: (InferenceOutcome | undefined)[] = workloads.map(() => undefined);
  for (const [i, w] of workloads.entries()) {
    const last = w.pool.firstNode + w.pool.nodes;
    if (last > fabric.nodes)
      throw new RangeError(`pool of ${w.name} uses node ${last - 1}; the fabric has ${fabric.nodes}`);
    new InferenceActor(engine, net, f, w).start((o) => (outcomes[i] = o));
  }
  const end = workloads.reduce((a, w) => Math.max(a, w.durationUs), 0);
  engine.runUntil(end);
  return {
    outcomes: outcomes.map((o, i) => {
      if (o === undefined) throw new Error(`inference workload ${workloads[i]!.name} did not end`);
      return o;
    }),
    events: engine.processed,
  };
}
