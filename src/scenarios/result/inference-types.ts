/**
 * The result of one inference (serving) workload in a scenario's result document (`inference[]` of
 * `ScenarioResult`). Latencies in ms, load times in seconds, GPU time in GPU-hours (a MIG instance of g
 * compute slices counts g/7 of a GPU), money in USD.
 */

import type { HoursByCause } from "./types.ts";

/** Percentiles of a latency, ms. */
export interface LatencyMs {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface InferenceResult {
  name: string;
  /** Model name (catalog key or as given) and its weight bytes. */
  model: string;
  modelBytes: number;
  /** Storage binding the weights are read from. */
  storage: string;
  /** e.g. `1 × 8 h100-sxm, mig 7 × 1g.10gb`. */
  placement: string;
  gpus: number;
  /** Replica slots (GPUs, or MIG instances). */
  instances: number;
  durationHours: number;
  requests: {
    arrived: number;
    /** First token by the end of the run. */
    served: number;
    /** Still queued (or in prefill) at the end. */
    unserved: number;
    /** Served requests that waited for a replica's cold start. */
    waitedForColdStart: number;
  };
  /** Time to first token of served requests = queueing (+ cold-start wait) + prefill. */
  ttftMs: LatencyMs;
  /** The queueing part of TTFT. */
  queueMs: LatencyMs;
  /** Replicas started cold (including the initial ones unless warm-started). */
  coldStarts: number;
  /** Model load (storage read) of each completed cold start, seconds. */
  loadSeconds: { p50: number; max: number; mean: number };
  /** Whole cold start (start-up + load), seconds. */
  coldStartSeconds: { p50: number; max: number; mean: number };
  bytesLoaded: number;
  replicas: { peak: number; mean: number };
  /** The pool's GPU-hours by cause (only compute and the serving causes are charged); they sum to `total`. */
  gpuHours: { total: number; byCause: HoursByCause };
  /** Compute / all pool GPU time. */
  utilisation: number;
  /** Time to first token of the served requests as a histogram: `counts[i]` in `[edgesMs[i], edgesMs[i+1])`. */
  ttftHistogram: { edgesMs: number[]; counts: number[] };
  cost: {
    /** The pool's GPUs for the whole duration (they are dedicated to the workload). */
    gpuUsd: number;
    /** That GPU bill by cause (sums to gpuUsd). */
    gpuUsdByCause: HoursByCause;
    egressUsd: number;
  };
}
