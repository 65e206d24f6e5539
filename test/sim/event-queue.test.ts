/**
 * One behavioural suite for both future-event lists (the ns-3 way), plus a differential property test:
 * the heap must pop exactly what the sorted-array reference pops, for any sequence of operations.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { HeapQueue, packOrder, type EventQueue, type Handler } from "../../src/sim/event-queue.ts";
import { SortedArrayQueue } from "../helpers/sorted-array-queue.ts";

const noop: Handler = () => {};

function drain(q: EventQueue): [number, number, unknown][] {
  const out: [number, number, unknown][] = [];
  while (q.size > 0) {
    out.push([q.topTime(), q.topOrder(), q.topArg()]);
    q.pop();
  }
  return out;
}

describe.each([
  { name: "HeapQueue", make: (): EventQueue => new HeapQueue(2) },
  { name: "SortedArrayQueue", make: (): EventQueue => new SortedArrayQueue() },
])("$name", ({ make }) => {
  test("pops in time order", () => {
    const q = make();
    for (const t of [5, 1, 4, 2, 3]) q.push(t, packOrder(3, t), noop, t);
    expect(drain(q).map((e) => e[0])).toEqual([1, 2, 3, 4, 5]);
  });

  test("equal times pop by priority class, then insertion sequence", () => {
    const q = make();
    q.push(10, packOrder(4, 0), noop, "arrive-0");
    q.push(10, packOrder(1, 1), noop, "complete-1");
    q.push(10, packOrder(4, 2), noop, "arrive-2");
    q.push(10, packOrder(1, 3), noop, "complete-3");
    q.push(9, packOrder(7, 4), noop, "sample-4");
    expect(drain(q).map((e) => e[2])).toEqual(["sample-4", "complete-1", "complete-3", "arrive-0", "arrive-2"]);
  });

  test("grows past its initial capacity and keeps order", () => {
    const q = make();
    for (let i = 0; i < 1000; i++) q.push((i * 7919) % 1000, packOrder(0, i), noop, i);
    const times = drain(q).map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(1000);
  });

  test("pop on an empty queue throws", () => {
    expect(() => make().pop()).toThrow(/empty event queue/);
  });
});

describe("HeapQueue against the sorted-array reference", () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("push" as const),
      time: fc.integer({ min: 0, max: 50 }),
      cls: fc.integer({ min: 0, max: 7 }),
    }),
    fc.record({ kind: fc.constant("pop" as const) }),
  );

  fcTest.prop([fc.array(op, { maxLength: 400 })], { seed: 20261124, numRuns: 300 })(
    "any interleaving of pushes and pops gives the same pops in the same order",
    (ops) => {
      const heap = new HeapQueue(2);
      const ref = new SortedArrayQueue();
      let seq = 0;
      for (const o of ops) {
        if (o.kind === "push") {
          const order = packOrder(o.cls, seq);
          heap.push(o.time, order, noop, seq);
          ref.push(o.time, order, noop, seq);
          seq++;
        } else if (ref.size > 0) {
          expect([heap.topTime(), heap.topOrder(), heap.topArg()]).toEqual([
            ref.topTime(),
            ref.topOrder(),
            ref.topArg(),
          ]);
          heap.pop();
          ref.pop();
        }
        expect(heap.size).toBe(ref.size);
      }
      expect(drain(heap)).toEqual(drain(ref));
    },
  );

  test("popped slots are cleared, so the queue keeps no reference to finished events", () => {
    const q = new HeapQueue(4);
    for (let i = 0; i < 4; i++) q.push(i, packOrder(0, i), noop, { big: new Array(10).fill(i) });
    drain(q);
    const internals = q as unknown as { handlers: unknown[]; args: unknown[] };
    expect(internals.args.every((a) => a === undefined)).toBe(true);
    expect(internals.handlers.every((h) => h === undefined)).toBe(true);
  });
});
