/**
 * The data readers of a bulk-advance job (bulk.ts): one long-lived fluid flow per node standing for its
 * `ranks × workers` loader streams (max-min weight = streams, cap = ranks × min(workers × one stream's rate,
 * a per-rank cap such as the demand b/W0)). It hands the phase planner each rank's read rate and remembers
 * the rates it planned with, so that on a shared fabric (many jobs on one cluster) the job can tell when
 * another job's flows moved its rates and re-plan. While the GPUs pause for a checkpoint the loaders keep
 * prefetching: one finite flow per node fills its ranks' buffers at the uncapped rate, then stops.
 *
 * Units: bytes, bytes/s.
 */
import type { Constraint, Flow, FlowMeter, FluidNetwork } from "../../sim/fluid-network.ts";

/** Bytes of a reader flow: endless (it never finishes, however long the run; it is aborted). */
const ENDLESS = Infinity;

/** Relative change of a reader's rate that counts as a change (float noise aside). */
const MOVED = 1e-9;

/** One reader flow per node of a job. */
export class BulkReaders {
  private flows: (Flow | undefined)[] = [];
  private prefetching: Flow[] = [];
  /** Each node's rate when the current phase was planned, bytes/s. */
  private planned: number[] = [];

  /**
   * @param path the read path of the job's node `n` to its dataset storage.
   * @param ranksOn ranks on each node of the job.
   * @param workers loader workers per rank.
   * @param streamCap one loader stream's rate cap, bytes/s.
   */
  constructor(
    private readonly net: FluidNetwork,
    private readonly path: (node: number) => readonly Constraint[],
    private readonly ranksOn: readonly number[],
    private readonly workers: number,
    private readonly streamCap: number,
    private readonly meter: FlowMeter,
  ) {}

  /**
   * Starts the readers (or sets their caps: ranks × min(workers × stream cap, `perRankCap`)) and returns the
   * per-rank read rate of the slowest node, bytes/s; these rates are the ones `moved()` compares against.
   */
  rate(perRankCap: number): number {
    for (let n = 0; n < this.ranksOn.length; n++) {
      const ranks = this.ranksOn[n]!;
      const cap = ranks * Math.min(this.workers * this.streamCap, perRankCap);
      const f = this.flows[n];
      if (f === undefined) {
        this.flows[n] = this.net.start(ENDLESS, this.path(n), {
          weight: ranks * this.workers,
          cap,
          tag: "bulk-read",
          meter: this.meter,
        });
      } else this.net.setFlowCap(f, cap);
    }
    let slowest = Infinity;
    for (let n = 0; n < this.ranksOn.length; n++) {
      const r = this.net.rate(this.flows[n]!);
      this.planned[n] = r;
      slowest = Math.min(slowest, r / this.ranksOn[n]!);
    }
    return slowest;
  }

  /** True when a reader's rate differs from the one the phase was planned with. */
  moved(): boolean {
    for (let n = 0; n < this.flows.length; n++) {
      const f = this.flows[n];
      if (f === undefined) continue;
      const was = this.planned[n]!;
      if (Math.abs(this.net.rate(f) - was) > MOVED * Math.max(was, 1)) return true;
    }
    return false;
  }

  /** Stops every reader. */
  stop(): void {
    for (const f of this.flows) if (f !== undefined) this.net.abort(f);
    this.flows = [];
    this.planned = [];
  }

  /** Starts prefetching `bytesPerRank` for every rank (one flow per node; none when ≤ 0). */
  prefetch(bytesPerRank: number): void {
    for (let n = 0; n < this.ranksOn.length; n++) {
      const ranks = this.ranksOn[n]!;
      const bytes = ranks * bytesPerRank;
      if (bytes <= 0) continue;
      this.prefetching.push(
        this.net.start(bytes, this.path(n), {
          weight: ranks * this.workers,
          cap: ranks * this.workers * this.streamCap,
          tag: "bulk-prefetch",
          meter: this.meter,
        }),
      );
    }
  }

  /**
   * Ends the prefetch: batches of `batchBytes` per rank it got, the minimum over nodes (undefined when none
   * was running).
   */
  endPrefetch(batchBytes: number): number | undefined {
    if (this.prefetching.length === 0) return undefined;
    let batches = Infinity;
    this.prefetching.forEach((f, n) => {
      const moved = f.active ? this.net.abort(f) : f.bytes;
      batches = Math.min(batches, moved / this.ranksOn[n]! / batchBytes);
    });
    this.prefetching = [];
    return batches;
  }

  /** Aborts a prefetch (a failure). */
  stopPrefetch(): void {
    for (const f of this.prefetching) this.net.abort(f);
    this.prefetching = [];
  }
}
