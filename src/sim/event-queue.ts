/**
 * The future-event list. Events are ordered by the key `(time, order)`, where `order` packs the
 * priority class above the insertion sequence number: `order = priorityClass * 2^50 + seq`. Comparing
 * `(time, order)` lexicographically is therefore comparing `(time, priorityClass, seq)`.
 *
 * The comparator `before(a, b) := a.time < b.time || (a.time === b.time && a.order < b.order)` is a strict
 * total order: irreflexive (no key is before itself), antisymmetric and transitive, because `order` is
 * unique per event (seq never repeats within an engine) and both fields are integers compared exactly.
 *
 * One implementation of the `EventQueue` contract, with a behavioural test suite (the ns-3 way):
 * `HeapQueue`, the array-backed binary heap the engine uses (tests check it against a sorted-array reference).
 */

/** A handler receives the argument it was scheduled with. */
export type Handler = (arg: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Size of the sequence-number field inside `order`. */
export const SEQ_SPAN = 2 ** 50;

/** Packs a priority class and a sequence number into the secondary ordering key. */
export const packOrder = (priorityClass: number, seq: number): number => priorityClass * SEQ_SPAN + seq;

/** Minimal priority-queue contract shared by the heap and the reference implementation. */
export interface EventQueue {
  /** Number of queued entries (including lazily cancelled ones). */
  readonly size: number;
  /** Inserts an entry. `time` and `order` must be safe integers. */
  push(time: number, order: number, handler: Handler, arg: unknown): void;
  /** Time of the minimum entry; undefined behaviour when empty. */
  topTime(): number;
  /** Order key of the minimum entry. */
  topOrder(): number;
  /** Handler of the minimum entry. */
  topHandler(): Handler;
  /** Argument of the minimum entry. */
  topArg(): unknown;
  /** Removes the minimum entry. Throws `RangeError` when empty. */
  pop(): void;
}

/**
 * Binary min-heap over parallel arrays: times and orders in `Float64Array`s (no boxing), handlers and
 * arguments in plain arrays. Sifting moves a hole instead of swapping. Popped slots are cleared so the
 * queue holds no reference to a finished event (memory stays bounded by the peak number pending).
 */
export class HeapQueue implements EventQueue {
  private times: Float64Array;
  private orders: Float64Array;
  private handlers: (Handler | undefined)[];
  private args: unknown[];
  private n = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(2, initialCapacity | 0);
    this.times = new Float64Array(c);
    this.orders = new Float64Array(c);
    this.handlers = new Array<Handler | undefined>(c).fill(undefined);
    this.args = new Array<unknown>(c).fill(undefined);
  }

  get size(): number {
    return this.n;
  }

  /** Allocated slots; grows by doubling, never shrinks. */
  get capacity(): number {
    return this.times.length;
  }

  push(time: number, order: number, handler: Handler, arg: unknown): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const orders = this.orders;
    const handlers = this.handlers;
    const args = this.args;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && orders[p]! < order)) break;
      times[i] = pt;
      orders[i] = orders[p]!;
      handlers[i] = handlers[p];
      args[i] = args[p];
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    handlers[i] = handler;
    args[i] = arg;
  }

  topTime(): number {
    return this.times[0]!;
  }

  topOrder(): number {
    return this.orders[0]!;
  }

  topHandler(): Handler {
    return this.handlers[0]!;
  }

  topArg(): unknown {
    return this.args[0];
  }

  pop(): void {
    if (this.n === 0) throw new RangeError("pop from an empty event queue");
    const last = --this.n;
    const times = this.times;
    const orders = this.orders;
    const handlers = this.handlers;
    const args = this.args;
    if (last === 0) {
      handlers[0] = undefined;
      args[0] = undefined;
      return;
    }
    const time = times[last]!;
    const order = orders[last]!;
    const handler = handlers[last];
    const arg = args[last];
    handlers[last] = undefined;
    args[last] = undefined;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = times[c]!;
      let co = orders[c]!;
      const r = c + 1;
      if (r < last) {
        const rt = times[r]!;
        const ro = orders[r]!;
        if (rt < ct || (rt === ct && ro < co)) {
          c = r;
          ct = rt;
          co = ro;
        }
      }
      if (time < ct || (time === ct && order < co)) break;
      times[i] = ct;
      orders[i] = co;
      handlers[i] = handlers[c];
      args[i] = args[c];
      i = c;
    }
    times[i] = time;
    orders[i] = order;
    handlers[i] = handler;
    args[i] = arg;
  }

  private grow(): void {
    const c = this.times.length * 2;
    const times = new Float64Array(c);
    times.set(this.times);
    const orders = new Float64Array(c);
    orders.set(this.orders);
    this.times = times;
    this.orders = orders;
    for (let i = this.handlers.length; i < c; i++) {
      this.handlers.push(undefined);
      this.args.push(undefined);
    }
  }
}
