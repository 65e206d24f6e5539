/**
 * Reference event queue for tests: a sorted array with binary-search insertion, O(n) per operation, to check
 * the engine's `HeapQueue` differentially; slow but obviously correct.
 */
import type { EventQueue, Handler } from "../../src/sim/event-queue.ts";

interface Entry {
  time: number;
  order: number;
  handler: Handler;
  arg: unknown;
}

/**
 * Reference implementation: a sorted array with binary-search insertion, O(n) per operation. Used to
 * check `HeapQueue` differentially; slow but obviously correct.
 */
export class SortedArrayQueue implements EventQueue {
  private entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  push(time: number, order: number, handler: Handler, arg: unknown): void {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid]!;
      if (e.time < time || (e.time === time && e.order < order)) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, { time, order, handler, arg });
  }

  private top(): Entry {
    const e = this.entries[0];
    if (e === undefined) throw new RangeError("peek into an empty event queue");
    return e;
  }

  topTime(): number {
    return this.top().time;
  }

  topOrder(): number {
    return this.top().order;
  }

  topHandler(): Handler {
    return this.top().handler;
  }

  topArg(): unknown {
    return this.top().arg;
  }

  pop(): void {
    if (this.entries.length === 0) throw new RangeError("pop from an empty event queue");
    this.entries.shift();
  }
}
