/**
 * EASY backfill arithmetic (Lifka 1995, "The ANL/IBM SP scheduling system"; as in Slurm's backfill plug-in):
 * the job at the head of the queue gets a reservation at its *shadow time*, the earliest time it fits if the
 * running gangs end at their estimated ends; a later job may start now only if that does not push the
 * shadow time back. Estimates are what the scheduler was told (a job's `estimate`, else the no-simulation
 * run estimate; see docs/model.md "Scheduler"); a gang running past its estimate is assumed to end now.
 * Pure: the scheduler (gang-scheduler.ts) supplies free GPUs and the running gangs.
 *
 * Units: µs.
 */
import type { Cluster } from "./cluster.ts";
import { placeGang, type GangRequest, type Placement } from "./gang-placement.ts";

/** A running gang as backfill sees it. */
export interface RunningGang {
  readonly placement: Placement;
  /** Estimated end, µs. */
  readonly endUs: number;
}

/**
 * The earliest estimated start of `head`, µs: `nowUs` when it fits now, else the estimated end of the
 * running gang after whose release (in order of estimated end, ties in the given order) it first fits;
 * Infinity when it fits nowhere even then.
 */
export function shadowTime(
  cluster: Cluster,
  free: readonly number[],
  running: readonly RunningGang[],
  head: GangRequest,
  nowUs: number,
): number {
  if (placeGang(cluster, free, head) !== undefined) return nowUs;
  const byEnd = running
    .map((g, i) => ({ g, i, end: Math.max(g.endUs, nowUs) }))
    .sort((a, b) => a.end - b.end || a.i - b.i);
  const f = [...free];
  for (const { g, end } of byEnd) {
    g.placement.nodes.forEach((n, k) => (f[n]! += g.placement.gpus[k]!));
    if (placeGang(cluster, f, head) !== undefined) return end;
  }
  return Infinity;
}

/**
 * True when starting `candidate` now at `placement` (running until `nowUs + estimateUs`) does not move the
 * head's shadow time past `reservedUs`.
 */
export function backfillAllowed(
  cluster: Cluster,
  free: readonly number[],
  running: readonly RunningGang[],
  head: GangRequest,
  nowUs: number,
  reservedUs: number,
  placement: Placement,
  estimateUs: number,
): boolean {
  const f = [...free];
  placement.nodes.forEach((n, k) => (f[n]! -= placement.gpus[k]!));
  const after = shadowTime(cluster, f, [...running, { placement, endUs: nowUs + estimateUs }], head, nowUs);
  return after <= reservedUs;
}
