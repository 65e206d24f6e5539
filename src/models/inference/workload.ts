/**
 * A serving workload ready for the engine (canonical units: bytes, µs, requests per second): a model
 * loaded from a storage profile into replicas on a pool of GPU instances, requests arriving by a process,
 * and an autoscaler. Built by src/scenarios/resolve-inference.ts.
 */
import type { StorageProfile } from "../storage/profile.ts";
import type { ArrivalSpec } from "./arrivals/arrival-process.ts";
import type { InstancePool } from "./instance-pool.ts";
import type { ServiceModel } from "./service-time.ts";

/** How a replica reads its model files. */
export interface LoaderPolicy {
  /** Parallel read streams per replica (each reads 1/streams of the bytes). */
  readonly streams: number;
  /** Largest read request, bytes (sets how IOPS ceilings and per-request latency bound a stream). */
  readonly requestBytes: number;
  /**
   * A node that has loaded the model keeps it in its page cache: later replicas on that node read it from
   * host memory (only their GPU's PCIe link limits them). Loads in flight at the same time each read storage.
   */
  readonly pageCache: boolean;
}

export interface InferenceWorkload {
  /** Unique within the scenario. */
  readonly name: string;
  /**
   * Prefix of the workload's random streams (arrivals, burst phases, output lengths); usually its name. Two
   * workloads with the same prefix see the same traffic (common random numbers, to compare designs).
   */
  readonly streams: string;
  /** The model: catalog name (or `custom`) and weight bytes. */
  readonly model: { readonly name: string; readonly bytes: number };
  /** Where the weights are read from (a resolved binding: its name is the binding's). */
  readonly storage: StorageProfile;
  readonly loader: LoaderPolicy;
  readonly pool: InstancePool;
  /** PCIe bandwidth per GPU per direction, bytes/s: shared by a GPU's MIG instances. */
  readonly hostLinkBytesPerSecond: number;
  /** Replicas: at least `min`, at most `max` (≤ slots), `initial` started at time 0. */
  readonly replicas: { readonly min: number; readonly max: number; readonly initial: number };
  /** Initial replicas start loaded (no cold start), e.g. to study steady-state queueing. */
  readonly warmStart: boolean;
  /** Fixed start-up before the model load (volume attach/mount, image pull, framework init), µs. */
  readonly startupUs: number;
  /** Requests one replica serves at once. */
  readonly concurrency: number;
  readonly autoscaling: {
    /** Requests in flight per replica the autoscaler aims at. */
    readonly targetConcurrency: number;
    /** Idle time after which a replica above the minimum stops, µs. */
    readonly scaleDownDelayUs: number;
  };
  readonly arrivals: ArrivalSpec;
  readonly service: ServiceModel;
  /** Simulated serving time from 0, µs. */
  readonly durationUs: number;
}

/**
 * Checks what the engine relies on.
 * @throws RangeError on bad replica bounds (min > max, max above the pool's slots, initial outside them),
 *   a non-positive concurrency, target or loader, a host link that is not finite and positive, or a model
 *   that does not fit an instance's memory — each message names the workload.
 */
export function checkWorkload(w: InferenceWorkload): void {
  const { min, max, initial } = w.replicas;
  const slots = w.pool.slots.length;
  if (!(Number.isInteger(min) && min >= 0 && min <= max && max <= slots && initial >= min && initial <= max)) {
    throw new RangeError(
      `invalid replicas for ${w.name}: min ${min}, initial ${initial}, max ${max} with ${slots} instance slots`,
    );
  }
  if (!(Number.isInteger(w.concurrency) && w.concurrency >= 1)) {
    throw new RangeError(`invalid concurrency for ${w.name}: ${w.concurrency}`);
  }
  if (!(w.autoscaling.targetConcurrency > 0)) {
    throw new RangeError(`invalid target concurrency for ${w.name}: ${w.autoscaling.targetConcurrency}`);
  }
  if (!(Number.isInteger(w.loader.streams) && w.loader.streams >= 1 && w.loader.requestBytes > 0)) {
    throw new RangeError(`invalid loader for ${w.name}: ${w.loader.streams} streams of ${w.loader.requestBytes} bytes`);
  }
  if (!(w.hostLinkBytesPerSecond > 0 && w.hostLinkBytesPerSecond < Infinity)) {
    throw new RangeError(`invalid host link for ${w.name}: ${w.hostLinkBytesPerSecond} B/s`);
  }
  const small = w.pool.slots.find((s) => s.memoryBytes < w.model.bytes);
  if (small !== undefined) {
    throw new RangeError(
      `model ${w.model.name} (${w.model.bytes / 1e9} GB) does not fit ${small.profile ?? "a gpu"} (${small.memoryBytes / 1e9} GB) of ${w.name}`,
    );
  }
}
