/**
 * The engine events a serving workload is expected to take, without simulating it (for work budgets and
 * progress weights): about three per request (arrival, decision, completion), one per autoscaler tick when
 * the replica count can change, and a handful per cold start (start-up, load, reallocations). Measured on
 * the project machine (Node 20): ≈ 0.6 µs of one core per event for the M/M/3 test workload.
 */
import { meanRate } from "./arrivals/arrival-process.ts";
import { AUTOSCALER_TICK_US } from "./autoscaler.ts";
import type { InferenceWorkload } from "./workload.ts";

/** Core-µs per serving event, measured (see the header). */
export const SERVING_EVENT_US = 0.6;

/** Expected engine events of `w` (rounded up). */
export function estimateServingEvents(w: InferenceWorkload): number {
  const seconds = w.durationUs / 1e6;
  const requests = meanRate(w.arrivals) * seconds;
  const ticks = w.replicas.min < w.replicas.max ? w.durationUs / AUTOSCALER_TICK_US : 0;
  // Cold starts: the initial replicas, plus at most one per tick-window of scaling (bounded by the requests).
  const coldStarts = w.replicas.initial + Math.min(requests, ticks);
  return Math.ceil(3 * requests + ticks + 5 * coldStarts + 2);
}
