/**
 * The FIFO queue of requests waiting for a replica slot: an array with a head index, compacted when the
 * consumed prefix is large, so a dequeue is O(1) amortised and allocates nothing.
 */

/** A request as the queue keeps it. */
export interface QueuedRequest {
  /** Arrival time, µs. */
  readonly arrival: number;
  /** Output tokens to decode. */
  readonly tokens: number;
}

/** First in, first out. */
export class RequestQueue {
  private items: QueuedRequest[] = [];
  private head = 0;

  /** Requests waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  push(r: QueuedRequest): void {
    this.items.push(r);
  }

  /** The oldest request, removed; undefined when empty. */
  shift(): QueuedRequest | undefined {
    if (this.head === this.items.length) return undefined;
    const r = this.items[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return r;
  }
}
