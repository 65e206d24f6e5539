/**
 * The parts of a fluid network (fluid-network.ts): `Constraint`, a capacity owned by one network, and
 * `Flow`, a transfer of bytes across a path of constraints, with the options a flow starts with.
 */
import type { Handler } from "./engine.ts";
import type { FlowMeter } from "./flow-meter.ts";
import type { FluidNetwork } from "./fluid-network.ts";

/** A capacity shared by the flows that cross it; belongs to one network. */
export class Constraint {
  constructor(
    private readonly owner: FluidNetwork,
    /** Index within its network. */
    readonly id: number,
    readonly name: string,
  ) {}

  /** Current capacity, bytes per second. */
  get capacity(): number {
    return this.owner.capacityOf(this);
  }

  /** True when this constraint belongs to `network`. */
  belongsTo(network: FluidNetwork): boolean {
    return this.owner === network;
  }
}

/** Options for one flow. */
export interface FlowOptions {
  /** Share of contested capacity relative to other flows (default 1). */
  weight?: number;
  /** Maximum rate in bytes/s (default: none). */
  cap?: number;
  /** Called as `onComplete(arg)` when the last byte has moved (COMPLETE class). */
  onComplete?: Handler;
  arg?: unknown;
  /** Free-form label for traces and diagnosis. */
  tag?: string;
  /** Counts the bytes this flow moves, with every other flow of the same meter (flow-meter.ts). */
  meter?: FlowMeter;
}

/** A transfer in progress. Read-only for callers; the network updates it. */
export class Flow {
  /** Bytes not yet moved as of the network's last settlement (Infinity for an endless flow). */
  remaining: number;
  /** Bytes moved as of the network's last settlement. */
  moved = 0;
  /** Current rate, bytes/s. */
  rate = 0;
  /** Index of the constraint limiting this flow, or −1 when limited by its own cap. */
  bottleneck = -1;
  /** Completion time (µs) under current rates; Infinity when stalled. */
  finish = Infinity;
  /** Position in the network's active list, or −1 when done/aborted. */
  slot = -1;
  /** Time the flow completed (µs), or −1. */
  completedAt = -1;
  /** @internal Slot of its meter in the network's meter table (0: none; flow-meter.ts). */
  meterSlot = 0;

  constructor(
    readonly id: number,
    readonly bytes: number,
    readonly path: readonly number[],
    public weight: number,
    public cap: number,
    readonly startedAt: number,
    readonly onComplete: Handler | undefined,
    readonly arg: unknown,
    readonly tag: string,
  ) {
    this.remaining = bytes;
  }

  /** True while the flow is moving (or stalled) and not completed or aborted. */
  get active(): boolean {
    return this.slot >= 0;
  }
}
