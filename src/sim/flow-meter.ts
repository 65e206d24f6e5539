/**
 * A flow meter: counts the bytes that a chosen set of flows of a fluid network (fluid-network.ts) moves,
 * exactly, and streams them over time to an optional sink — how a model plots throughput over time without
 * sampling. Flows opt in with `FlowOptions.meter`; one meter can serve many flows (e.g. every data read of a
 * job) and several networks.
 *
 * - `bytes` counts each metered flow once, when it ends: its size when it completes, what it had moved when
 *   it is aborted (the network's own per-flow figures, so the total is exact and independent of timing).
 * - The sink sees the movement as it happens. The network settles every flow's progress at each change (a
 *   flow starts, ends or is aborted, a capacity or cap changes); rates are constant in between. At each
 *   settlement the meter's sink receives the bytes its flows moved since the previous one, once, as
 *   `sink(bytes, fromUs, toUs)`: a constant rate over `[fromUs, toUs)`. The sub-µs rounding slack a flow
 *   still holds when it completes arrives as one more call over the µs before completion.
 *
 * Once every metered flow has ended, what the sink received sums to `bytes` (within float rounding).
 *
 * Units: bytes; times in µs.
 */

/** Receives `bytes` moved at a constant rate over `[fromUs, toUs)` (µs, `fromUs < toUs`). */
export type MeterSink = (bytes: number, fromUs: number, toUs: number) => void;

/** Counts the bytes moved by the flows started with `{meter: this}`. */
export class FlowMeter {
  /** Bytes moved by the metered flows that have ended (completed: their size; aborted: what they moved). */
  bytes = 0;

  constructor(
    /** Free-form label. */
    readonly name: string,
    private readonly sink?: MeterSink,
  ) {}

  /** @internal Passes `bytes` moved over `[fromUs, toUs)` to the sink; called by the network. */
  moved(bytes: number, fromUs: number, toUs: number): void {
    if (this.sink !== undefined) this.sink(bytes, fromUs, toUs);
  }
}

/**
 * @internal A network's meters by slot, and the bytes each one's flows moved in the settlement being made.
 * Slot 0 stands for "no meter": unmetered flows add to it unconditionally (no branch in the settle loop)
 * and it is discarded.
 */
export class MeterTable {
  /** Bytes moved per slot in the settlement being made. */
  bytes = new Float64Array(1);
  private readonly meters: (FlowMeter | null)[] = [null];
  private readonly slots = new Map<FlowMeter, number>();

  /** True when some flow has had a meter. */
  get inUse(): boolean {
    return this.meters.length > 1;
  }

  /** The slot of `m` (added on first use). */
  slot(m: FlowMeter): number {
    let slot = this.slots.get(m);
    if (slot === undefined) {
      slot = this.meters.length;
      this.meters.push(m);
      this.slots.set(m, slot);
      const grown = new Float64Array(slot + 1);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    return slot;
  }

  /**
   * Bytes moved per slot and bottleneck: `limited[slot][b + 1]` for constraint index `b`, `[slot][0]` for flows at
   * their own cap. Grown on use.
   */
  private limited: Float64Array[] = [];

  /** Credits `bytes` moved by a flow of `slot` while `bottleneck` (a constraint index, −1: its cap) limited it. */
  attribute(slot: number, bottleneck: number, bytes: number): void {
    let row = this.limited[slot];
    if (row === undefined || row.length <= bottleneck + 1) {
      const grown = new Float64Array(Math.max(8, bottleneck + 2, 2 * (row?.length ?? 0)));
      if (row !== undefined) grown.set(row);
      this.limited[slot] = row = grown;
    }
    row[bottleneck + 1]! += bytes;
  }

  /** Bytes the flows of `m` moved by what limited them: constraint index (−1: the flow's cap) → bytes. */
  limitsOf(m: FlowMeter): Map<number, number> {
    const out = new Map<number, number>();
    const slot = this.slots.get(m);
    const row = slot === undefined ? undefined : this.limited[slot];
    if (row !== undefined) row.forEach((b, i) => b > 0 && out.set(i - 1, b));
    return out;
  }

  /** A flow of the meter in `slot` ended, having moved `bytes`. */
  ended(slot: number, bytes: number): void {
    this.meters[slot]!.bytes += bytes;
  }

  /** Passes each meter the bytes its flows moved over `[fromUs, toUs)` and clears them. */
  flush(fromUs: number, toUs: number): void {
    const b = this.bytes;
    b[0] = 0;
    for (let i = 1; i < b.length; i++) {
      const moved = b[i]!;
      if (moved !== 0) {
        b[i] = 0;
        this.meters[i]!.moved(moved, fromUs, toUs);
      }
    }
  }
}
