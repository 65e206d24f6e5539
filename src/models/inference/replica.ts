/**
 * One serving replica on one instance slot, and the GPU-time it accrues. A replica goes starting →
 * loading → warm → stopped; while warm it is busy (at least one request: `compute`) or idle (`idleWarm`).
 * `charge()` credits the time since the last change to the cause of the current state, weighted by the
 * slot's compute slices (a whole GPU 7, a MIG instance g), so slice-µs ÷ 7 is GPU-µs.
 */
import type { InstanceSlot } from "./instance-pool.ts";
import type { Load } from "./model-loader.ts";
import type { Cause } from "../gpu-time.ts";

/** What a replica charges its GPU time to: `sliceUs` compute-slice-µs of `cause` over `[fromUs, toUs)`. */
export interface GpuCharger {
  charge(cause: Cause, sliceUs: number, fromUs: number, toUs: number): void;
}

/** Where a replica is in its life. */
export type ReplicaState = "starting" | "loading" | "warm" | "stopped";

/** A replica and its accounting. */
export class Replica {
  state: ReplicaState = "starting";
  /** Requests being served. */
  active = 0;
  /** When it was allocated, µs. */
  readonly allocatedAt: number;
  /** When its load began and when it became warm, µs (−1 until then). */
  loadStartAt = -1;
  warmAt = -1;
  /** The model load while loading. */
  load: Load | undefined;
  /** Scaled down: takes no new request and stops when its last one ends. */
  draining = false;
  /** Accounted up to this time, µs. */
  private markAt: number;

  constructor(
    readonly slot: InstanceSlot,
    readonly index: number,
    now: number,
  ) {
    this.allocatedAt = now;
    this.markAt = now;
  }

  /** Warm and not draining: may take requests. */
  serving(): boolean {
    return this.state === "warm" && !this.draining;
  }

  /** The cause the current state charges. */
  cause(): Cause {
    switch (this.state) {
      case "starting":
        return "startup";
      case "loading":
        return "modelLoad";
      case "warm":
        return this.active > 0 ? "compute" : "idleWarm";
      case "stopped":
        return "unallocated";
    }
  }

  /** Credits `[markAt, now)` to the current cause (slice-µs); call before every state change. */
  charge(to: GpuCharger, now: number): void {
    if (this.state !== "stopped" && now > this.markAt)
      to.charge(this.cause(), this.slot.computeSlices * (now - this.markAt), this.markAt, now);
    this.markAt = now;
  }
}
