/**
 * A storage backend as stallsim sees it: a profile of ceilings, latencies, topology, timings and prices.
 * Canonical units: bytes, bytes per second, operations per second, microseconds, US dollars.
 * Presets live in ./presets/ (one file each, each value with its source); a profile fitted from the user's
 * own fio runs (calibration) has the same shape.
 */
import type { Source } from "../source.ts";
import type { ConcurrencyCurve } from "./concurrency-curve.ts";

/** How the backend is built, which decides failure and recovery behaviour. */
export type StorageCategory =
  | "network-block" // cloud block volume through CSI (EBS, Azure disk, PD/Hyperdisk)
  | "ephemeral-os-disk" // the node's OS/temp disk
  | "local-nvme" // node-local NVMe (data lost with the node)
  | "file-share" // NFS / RWX file share (EFS, Filestore, Azure Files)
  | "parallel-fs" // Lustre-class parallel file system
  | "object-cache" // object storage with a node-local cache
  | "replicated-cns"; // replicated container-native storage with I/O control

/** Kubernetes access modes. */
export type AccessMode = "RWO" | "RWOP" | "RWX" | "ROX";

/** Where the data lives relative to the pod. */
export type Topology = "node-local" | "zonal" | "regional";

/** Ceilings of one direction (read or write) at one scope. */
export interface IoLimits {
  /** Bandwidth ceiling, bytes/s (Infinity when the scope does not limit it). */
  readonly bytesPerSecond: number;
  /** Operation-rate ceiling, operations/s (Infinity when not limited). */
  readonly iops: number;
}

/** Per-request behaviour of one direction. */
export interface RequestLatency {
  /** Latency of one small request at queue depth 1, µs (device + network round trip). */
  readonly baseLatencyUs: number;
  /** Bandwidth a single outstanding request stream reaches (e.g. ~90 MB/s per S3 connection); Infinity if unlimited. */
  readonly perStreamBytesPerSecond: number;
  /**
   * Measured throughput-vs-concurrency curves, one per request size (random access), from calibration. When
   * present they replace `baseLatencyUs`/`perStreamBytesPerSecond` for per-request times (concurrency-curve.ts).
   */
  readonly curves?: readonly ConcurrencyCurve[];
}

/** Limits for reads and writes. */
export interface ReadWrite<T> {
  readonly read: T;
  readonly write: T;
}

/**
 * How performance scales with what is provisioned. `fixed`: the ceilings are as given. `provisioned`
 * (gp3, Premium SSD v2, Hyperdisk): IOPS and throughput are bought above a free baseline up to a maximum.
 * `per-capacity` (Lustre, Filestore): throughput grows with capacity.
 */
export type PerformanceScaling =
  | { readonly kind: "fixed" }
  | {
      readonly kind: "provisioned";
      readonly baselineIops: number;
      readonly baselineBytesPerSecond: number;
      readonly maxIops: number;
      readonly maxBytesPerSecond: number;
      /** Most IOPS per GiB of capacity (e.g. 500 for gp3); Infinity if no rule. */
      readonly maxIopsPerGiB: number;
      /** Most bytes/s per provisioned IOPS (e.g. 0.25 MiB/s per IOPS for gp3); Infinity if no rule. */
      readonly maxBytesPerSecondPerIops: number;
      /**
       * True when throughput is not bought on its own but follows the IOPS (io2): an unrequested throughput is
       * maxBytesPerSecondPerIops × IOPS (within the maximum), with no adjustment reported.
       */
      readonly throughputFollowsIops?: boolean;
    }
  | {
      readonly kind: "per-capacity";
      /** Read and write bytes/s per TiB of capacity. */
      readonly readBytesPerSecondPerTiB: number;
      readonly writeBytesPerSecondPerTiB: number;
      readonly minCapacityBytes: number;
    };

/** Prices. */
export interface StoragePrice {
  /** USD per GB-month of provisioned capacity (GB = 10^9 bytes; convert GiB prices). */
  readonly perGbMonth: number;
  /** USD per provisioned IOPS-month above the free baseline (the first tier's rate when `iopsTiers` is given). */
  readonly perIopsMonth: number;
  /**
   * Tiered IOPS prices, cheapest last: each tier's rate applies to the IOPS above the previous tier's bound up to
   * `upToIops` (Infinity for the last), e.g. io2's 0.065 / 0.046 / 0.032 USD per IOPS-month at 32k / 64k.
   */
  readonly iopsTiers?: readonly { readonly upToIops: number; readonly usdPerIopsMonth: number }[];
  /** USD per provisioned MB/s-month above the free baseline (MB = 10^6 bytes). */
  readonly perMBpsMonth: number;
  /** USD per GB read across a zone or region boundary (egress). */
  readonly egressPerGb: number;
  /** The date the prices apply to (ISO yyyy-mm or yyyy-mm-dd). */
  readonly asOf: string;
}

/** Kubernetes lifecycle timings, seconds (medians; recovery models add spread). */
export interface StorageTimings {
  /** Dynamic provisioning of a new volume. */
  readonly provisionSeconds: number;
  /** Attach to a node (CSI ControllerPublish) — 0 for node-local and shared file systems. */
  readonly attachSeconds: number;
  /** Detach from a healthy node. */
  readonly detachSeconds: number;
  /** Mount (and fsck where applicable). */
  readonly mountSeconds: number;
}

/** A storage backend profile. */
export interface StorageProfile {
  /** Preset name, kebab-case, e.g. `ebs-gp3`. */
  readonly name: string;
  /** One-line human title. */
  readonly title: string;
  readonly category: StorageCategory;
  readonly description: string;
  /** Per-request latency and per-stream bandwidth. */
  readonly latency: ReadWrite<RequestLatency>;
  /** Ceilings of one volume (one PVC). */
  readonly volume: ReadWrite<IoLimits>;
  /** Ceilings of the whole backend shared by all its users (Infinity where it scales out). */
  readonly aggregate: ReadWrite<IoLimits>;
  readonly scaling: PerformanceScaling;
  readonly accessModes: readonly AccessMode[];
  readonly topology: Topology;
  /** Copies written per byte (write amplification on the backend). */
  readonly replicationFactor: number;
  /** False for node-local media: a lost node loses the data on it. */
  readonly survivesNodeLoss: boolean;
  readonly timings: StorageTimings;
  readonly price: StoragePrice;
  /**
   * Node-local cache the backend brings for reads, bytes per node (object storage with a cache on local NVMe,
   * e.g. CoreWeave LOTA's 1 TiB per node). Jobs reading the dataset from it cache at least this much.
   */
  readonly nodeCacheBytes?: number;
  /** Citations for the values above. */
  readonly sources: readonly Source[];
  /**
   * A calibrated profile's passes (`stallsim calibrate --run`): the profile each pass of the measurements gives
   * alone. Runs with each give the range of predictions the volume's own drift allows.
   */
  readonly calibrationPasses?: readonly StorageProfile[];
}
