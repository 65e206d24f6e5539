/**
 * What one simulated serving workload reports. Times in µs, GPU time in GPU-µs, bytes as bytes.
 */
import type { GpuTime } from "../gpu-time.ts";
import type { WorkloadTimeline } from "../timeline/workload-timeline.ts";

export interface InferenceOutcome {
  readonly name: string;
  readonly durationUs: number;
  /** Physical GPUs of the pool. */
  readonly gpus: number;
  /** Instances (replica slots) of the pool. */
  readonly slots: number;
  /** Requests that arrived before the end. */
  readonly arrived: number;
  /** Requests whose first token came by the end. */
  readonly served: number;
  /** Served requests that waited for a replica to finish its cold start. */
  readonly waitedForColdStart: number;
  /** Time to first token of every served request, µs, in arrival order of service start. */
  readonly ttftUs: readonly number[];
  /** Queueing part of each TTFT (service start − arrival), µs, same order. */
  readonly waitUs: readonly number[];
  /** Replicas started cold (initial ones included unless warm-started). */
  readonly coldStarts: number;
  /** Model-load time of each completed load (storage read only), µs. */
  readonly loadUs: readonly number[];
  /** Cold-start time of each completed start (start-up + load), µs. */
  readonly coldStartUs: readonly number[];
  /** Bytes read by model loads (in-flight loads at the end count what they had moved). */
  readonly bytesLoaded: number;
  /** Of them, bytes read from storage (not from a node's page cache). */
  readonly bytesFromStorage: number;
  /** Most replicas alive at once, and the time-weighted mean. */
  readonly peakReplicas: number;
  readonly meanReplicas: number;
  /** GPU-µs by cause; sums to gpus × durationUs. */
  readonly gpuTime: GpuTime;
  /** GPU time by cause and storage reads over time; replicas' start-ups and model loads (the first 1,000). */
  readonly timeline: WorkloadTimeline;
}
