/**
 * fio result types. One `FioRun` is one fio job entry (one section under `group_reporting`) from fio 3.x
 * JSON output, reduced to what calibration needs: the workload (operation, block size, queue depth, jobs)
 * and, per direction, throughput, IOPS and completion-latency percentiles. Units are in the field names
 * (bytes, ms, µs); nothing here depends on fio's own unit conventions.
 */

/** fio's `rw` modes that calibration understands (`trim` and friends are rejected by the parser). */
export type FioRw = "read" | "write" | "randread" | "randwrite" | "rw" | "randrw";

/** Latency of completed I/Os in microseconds (µs). */
export interface FioLatency {
  readonly mean: number;
  readonly stddev: number;
  /**
   * Percentile → latency in µs, keyed by fio's percentile label with trailing zeros dropped:
   * `"50"`, `"99"`, `"99.9"`, `"99.99"`. Empty when fio reported no percentiles.
   */
  readonly percentiles: Readonly<Record<string, number>>;
}

/** Results of one direction (read or write) of one job. */
export interface FioDirection {
  /** Bytes transferred. */
  readonly ioBytes: number;
  /** Run time of this direction in milliseconds. */
  readonly runtimeMs: number;
  /** Mean bandwidth in bytes per second (fio's `bw_bytes`). */
  readonly bandwidthBytesPerSecond: number;
  /** Mean I/O operations per second. */
  readonly iops: number;
  /** Completion latency (`clat_ns`, or total latency `lat_ns` when fio reported no clat), in µs. */
  readonly latencyUs: FioLatency;
  /** Number of I/Os completed. */
  readonly totalIos: number;
}

/** One job entry of a fio run. `read`/`write` are present only for directions that moved data. */
export interface FioRun {
  /** File name or label the JSON came from, for messages. */
  readonly source: string;
  /** fio's job (section) name. */
  readonly jobName: string;
  readonly rw: FioRw;
  /** Block size in bytes (the read block size where `bs` gives separate read,write sizes). */
  readonly blockSize: number;
  /** Queue depth per job (fio default 1). */
  readonly iodepth: number;
  /** Number of parallel jobs of this section (fio default 1). */
  readonly numjobs: number;
  /** Whether the job used `direct=1` (O_DIRECT, bypassing the page cache). */
  readonly direct: boolean;
  /** fio ioengine, e.g. `libaio`, `psync` (fio default `psync`). */
  readonly ioengine: string;
  /**
   * What the run says about the machine it ran on, used to keep one profile to one machine: the devices fio
   * saw (`disk_util` names, sorted; empty when fio reported none, e.g. on network file systems) and the host
   * fio names in client/server output. `machine` is the runner's description from a `machine.json` beside
   * the file (set by load-fio.ts), the strongest identity when present.
   */
  readonly host: { readonly disks: readonly string[]; readonly hostname?: string; readonly machine?: string };
  readonly read?: FioDirection;
  readonly write?: FioDirection;
}
