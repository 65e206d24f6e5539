/**
 * `Resource`: a FIFO capacity resource (servers, GPUs, loader slots). Up to `capacity` holders at once;
 * further requests wait in arrival order.
 *
 * Two ways to use it:
 * - processes: `yield res.request()` then `res.release()`;
 * - hot paths: `res.acquire(handler, arg)` calls `handler(arg)` when a unit is granted — synchronously
 *   if one is free, otherwise synchronously inside the `release()` that frees it. No allocation.
 *
 * Invariant (checked): 0 ≤ inUse ≤ capacity; a release without a holder throws.
 */
import Denque from "denque";
import type { Engine, Handler } from "../../../src/sim/engine.ts";
import { SimInvariantError } from "../../../src/sim/errors.ts";
import { SimEvent } from "./sim-event.ts";

function grantEvent(ev: SimEvent<void>): void {
  ev.succeed();
}

/** A FIFO resource with integer capacity. */
export class Resource {
  private used = 0;
  /** Waiting requests as (handler, arg) pairs, flattened so nothing is allocated per request. */
  private readonly waiting = new Denque<unknown>();
  private cap: number;

  /**
   * @throws RangeError when `capacity` is not a non-negative integer.
   */
  constructor(
    readonly engine: Engine,
    capacity: number,
    readonly name = "resource",
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 0)) throw new RangeError(`invalid capacity: ${capacity}`);
    this.cap = capacity;
  }

  /** Units currently held. */
  get inUse(): number {
    return this.used;
  }

  /** Total units. */
  get capacity(): number {
    return this.cap;
  }

  /** Requests waiting for a unit. */
  get queueLength(): number {
    return this.waiting.length >> 1;
  }

  /** Calls `handler(arg)` when a unit is granted to this request (FIFO). */
  acquire(handler: Handler, arg?: unknown): void {
    if (this.used < this.cap && this.waiting.length === 0) {
      this.used++;
      handler(arg);
      return;
    }
    this.waiting.push(handler);
    this.waiting.push(arg);
  }

  /** An event that succeeds (at the grant time) when a unit is granted to this request. */
  request(): SimEvent<void> {
    const ev = new SimEvent<void>(this.engine, `${this.name}.request`);
    this.acquire(grantEvent, ev);
    return ev;
  }

  /**
   * Withdraws a waiting `request()` event (e.g. after an interrupt). Returns false if it was not waiting
   * (already granted: then release it as usual).
   */
  cancelRequest(ev: SimEvent<void>): boolean {
    const w = this.waiting;
    for (let i = 1; i < w.length; i += 2) {
      if (w.peekAt(i) === ev) {
        w.removeOne(i);
        w.removeOne(i - 1);
        return true;
      }
    }
    return false;
  }

  /**
   * Gives one unit back and grants it to the first waiter, if any.
   * @throws SimInvariantError when nothing is held.
   */
  release(): void {
    if (this.used <= 0) throw new SimInvariantError(`release of ${this.name} with no unit held`);
    this.used--;
    this.grant();
  }

  /**
   * Changes the capacity (e.g. a node fails or joins). Units above a lowered capacity are not revoked;
   * new grants wait until `inUse` drops below it.
   * @throws RangeError when `capacity` is not a non-negative integer.
   */
  setCapacity(capacity: number): void {
    if (!(Number.isInteger(capacity) && capacity >= 0)) throw new RangeError(`invalid capacity: ${capacity}`);
    this.cap = capacity;
    this.grant();
  }

  private grant(): void {
    const w = this.waiting;
    while (this.used < this.cap && w.length > 0) {
      const handler = w.shift() as Handler;
      const arg = w.shift();
      this.used++;
      handler(arg);
    }
  }
}
