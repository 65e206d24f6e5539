/**
 * The shape of a scenario as lists show it, without simulating: how many alternatives it compares and how big
 * one is (GPUs, workloads). Without a cluster every training job and serving workload is an alternative run
 * alone; with `cluster.pools` every design is one, holding the whole cluster and all its workloads.
 */
import { nodeTypeByName } from "../models/cluster/node-types.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

/** A scenario's alternatives and the size of the largest. */
export interface ScenarioShape {
  /** Alternatives compared side by side. */
  readonly alternatives: number;
  /** Training jobs and serving workloads in the largest alternative (listed ones; arrivals add more). */
  readonly workloads: number;
  /** GPUs of the largest alternative (a cluster: all of its GPUs). */
  readonly gpus: number;
}

/** The shape of a validated scenario. */
export function scenarioShape(s: ScenarioConfig): ScenarioShape {
  const gpusPerNode = (type: string | undefined) => nodeTypeByName(type ?? s.cluster.nodeType).gpusPerNode;
  if (s.cluster.pools !== undefined) {
    return {
      alternatives: s.designs?.length ?? 1,
      workloads: s.jobs.length + s.inference.length + (s.arrivals?.count ?? 0),
      gpus: s.cluster.pools.reduce((a, p) => a + p.nodes * gpusPerNode(p.nodeType), 0),
    };
  }
  const sizes = [
    ...s.jobs.map((j) => j.gpus),
    ...s.inference.map((w) => w.placement.nodes * (w.placement.gpusPerNode ?? gpusPerNode(w.placement.nodeType))),
  ];
  return { alternatives: sizes.length, workloads: sizes.length > 0 ? 1 : 0, gpus: Math.max(0, ...sizes) };
}
