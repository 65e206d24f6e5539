/**
 * The run loop's contract, checked against both future-event lists.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { Engine } from "../../src/sim/engine.ts";
import { SimHandlerError } from "../../src/sim/errors.ts";
import { HeapQueue, type EventQueue } from "../../src/sim/event-queue.ts";
import { SortedArrayQueue } from "../helpers/sorted-array-queue.ts";
import { Priority, type PriorityClass } from "../../src/sim/priority.ts";
import { makeEngine, makeLog } from "../helpers/engine.ts";
import { SimClockOverflowError } from "../../src/sim/errors.ts";

describe.each([
  { queue: "heap", make: (): EventQueue => new HeapQueue(2) },
  { queue: "sorted array", make: (): EventQueue => new SortedArrayQueue() },
])("Engine on a $queue queue", ({ make }) => {
  const engine = (): Engine => makeEngine({ queue: make() });

  test("runUntil(t) leaves the clock at exactly t", () => {
    const e = engine();
    e.post(10, Priority.NORMAL, () => {});
    e.post(500, Priority.NORMAL, () => {});
    expect(e.runUntil(123)).toBe(1);
    expect(e.now).toBe(123);
    expect(e.pending).toBe(1);
    e.runUntil(1000);
    expect(e.now).toBe(1000);
  });

  test("runUntil(t) runs events due exactly at t", () => {
    const e = engine();
    let ran = false;
    e.post(50, Priority.SAMPLE, () => (ran = true));
    e.runUntil(50);
    expect(ran).toBe(true);
  });

  test("events at one instant run by priority class, then in insertion order", () => {
    const e = engine();
    const log = makeLog(e);
    e.post(5, Priority.SAMPLE, () => log.add("sample"));
    e.post(5, Priority.ARRIVE, () => log.add("arrive-a"));
    e.post(5, Priority.RELEASE, () => log.add("release"));
    e.post(5, Priority.ARRIVE, () => log.add("arrive-b"));
    e.post(5, Priority.COMPLETE, () => log.add("complete"));
    e.post(4, Priority.SAMPLE, () => log.add("earlier"));
    e.runUntilIdle();
    expect(log.entries).toEqual([
      [4, "earlier"],
      [5, "complete"],
      [5, "release"],
      [5, "arrive-a"],
      [5, "arrive-b"],
      [5, "sample"],
    ]);
  });

  test("a zero-delay event scheduled by a handler runs at the same instant, after earlier-queued peers", () => {
    const e = engine();
    const log = makeLog(e);
    e.post(1, Priority.NORMAL, () => {
      log.add("a");
      e.post(0, Priority.NORMAL, () => log.add("a-child"));
    });
    e.post(1, Priority.NORMAL, () => log.add("b"));
    e.runUntilIdle();
    expect(log.entries).toEqual([
      [1, "a"],
      [1, "b"],
      [1, "a-child"],
    ]);
  });

  test("cancelled events never run and do not count as pending", () => {
    const e = engine();
    const log = makeLog(e);
    const h = e.schedule(10, Priority.NORMAL, () => log.add("cancelled"));
    e.schedule(20, Priority.NORMAL, () => log.add("kept"));
    expect(e.pending).toBe(2);
    expect(e.cancel(h)).toBe(true);
    expect(e.cancel(h)).toBe(false);
    expect(e.pending).toBe(1);
    expect(e.peek()).toBe(20);
    e.runUntilIdle();
    expect(log.entries).toEqual([[20, "kept"]]);
    expect(e.pending).toBe(0);
  });

  test("cancelling an event that already ran returns false", () => {
    const e = engine();
    const h = e.schedule(1, Priority.NORMAL, () => {});
    e.runUntilIdle();
    expect(h.fired).toBe(true);
    expect(e.cancel(h)).toBe(false);
    expect(e.pending).toBe(0);
  });

  test("the clock does not advance to a cancelled event", () => {
    const e = engine();
    e.post(5, Priority.NORMAL, () => {});
    e.cancel(e.schedule(99, Priority.NORMAL, () => {}));
    e.runUntilIdle();
    expect(e.now).toBe(5);
  });

  test("step() runs exactly one event; peek() shows the next time", () => {
    const e = engine();
    const log = makeLog(e);
    e.post(3, Priority.NORMAL, () => log.add("x"));
    e.post(7, Priority.NORMAL, () => log.add("y"));
    expect(e.peek()).toBe(3);
    expect(e.step()).toBe(true);
    expect(e.now).toBe(3);
    expect(e.peek()).toBe(7);
    expect(e.step()).toBe(true);
    expect(e.step()).toBe(false);
    expect(e.peek()).toBeUndefined();
    expect(log.entries).toEqual([
      [3, "x"],
      [7, "y"],
    ]);
  });

  test("stop() ends the run after the current event and leaves the clock there", () => {
    const e = engine();
    e.post(10, Priority.NORMAL, () => e.stop());
    e.post(20, Priority.NORMAL, () => {});
    expect(e.runUntil(100)).toBe(1);
    expect(e.now).toBe(10);
    expect(e.pending).toBe(1);
  });

  test("maxEvents bounds a run", () => {
    const e = engine();
    for (let i = 1; i <= 5; i++) e.post(i, Priority.NORMAL, () => {});
    expect(e.runUntilIdle(3)).toBe(3);
    expect(e.now).toBe(3);
    expect(e.processed).toBe(3);
  });
});

describe("loud errors", () => {
  test.for([
    { delay: -5, msg: "invalid delay: -5us" },
    { delay: 1.5, msg: "invalid delay: 1.5us (not a safe integer)" },
    { delay: Number.NaN, msg: "invalid delay: NaN" },
    { delay: Infinity, msg: "invalid delay: Infinityus" },
  ])("post($delay) throws RangeError: $msg", ({ delay, msg }) => {
    const e = makeEngine();
    expect(() => e.post(delay, Priority.NORMAL, () => {})).toThrow(RangeError);
    expect(() => e.post(delay, Priority.NORMAL, () => {})).toThrow(msg);
    expect(() => e.schedule(delay, Priority.NORMAL, () => {})).toThrow(msg);
  });

  test("an event past the clock's end (2^53 µs) is a SimClockOverflowError: a run too long, not a bug", () => {
    const e = makeEngine();
    expect(() => e.post(2 ** 60, Priority.NORMAL, () => {})).toThrow(SimClockOverflowError);
    expect(() => e.post(2 ** 60, Priority.NORMAL, () => {})).toThrow(/past the end of the simulated clock/);
    e.runUntil(1000);
    // Within range as a delay, but now + delay is not.
    expect(() => e.schedule(Number.MAX_SAFE_INTEGER - 10, Priority.NORMAL, () => {})).toThrow(SimClockOverflowError);
    expect(() => e.post(Number.MAX_SAFE_INTEGER - 1000, Priority.NORMAL, () => {})).not.toThrow();
  });

  test("runUntil with a time before now throws", () => {
    const e = makeEngine();
    e.runUntil(100);
    expect(() => e.runUntil(50)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: time going backwards: runUntil(50us) at 100us]`,
    );
  });

  test("scheduling at an absolute time in the past throws", () => {
    const e = makeEngine();
    e.runUntil(1_000);
    expect(() => e.postAt(999, Priority.NORMAL, () => {})).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: time going backwards: 999us is before now (1ms)]`,
    );
  });

  test("an unknown priority class is rejected", () => {
    expect(() => makeEngine().schedule(1, 9 as PriorityClass, () => {})).toThrow("invalid priority class: 9");
  });

  test("a throwing handler stops the run with the handler name, the time and the original error as cause", () => {
    const e = makeEngine();
    const boom = new Error("disk on fire");
    e.post(2_000_000, Priority.NORMAL, function checkpointWriter() {
      throw boom;
    });
    e.post(3_000_000, Priority.NORMAL, () => {});
    let caught: unknown;
    try {
      e.runUntilIdle();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SimHandlerError);
    const err = caught as SimHandlerError;
    expect(err.message).toBe("handler checkpointWriter failed at 2s: disk on fire");
    expect(err.cause).toBe(boom);
    expect(err.at).toBe(2_000_000);
    expect(err.code).toBe("SIM_ERR_HANDLER");
    expect(e.now).toBe(2_000_000);
    expect(e.pending).toBe(1);
  });
});

describe("ordering properties over random schedules", () => {
  const ev = fc.record({
    delay: fc.integer({ min: 0, max: 20 }),
    cls: fc.integer({ min: 0, max: 7 }),
    children: fc.array(fc.record({ delay: fc.integer({ min: 0, max: 5 }), cls: fc.integer({ min: 0, max: 7 }) }), {
      maxLength: 3,
    }),
    cancel: fc.boolean(),
  });

  fcTest.prop([fc.array(ev, { maxLength: 120 })], { seed: 7, numRuns: 200 })(
    "time never decreases, equal (time, class) keeps insertion order, cancelled events never run",
    (events) => {
      for (const queue of [new HeapQueue(2), new SortedArrayQueue()]) {
        const e = makeEngine({ queue });
        const ran: { t: number; cls: number; seq: number; id: string }[] = [];
        let seq = 0;
        const cancelledIds = new Set<string>();
        const add = (delay: number, cls: number, id: string, children: { delay: number; cls: number }[]): void => {
          const mySeq = seq++;
          e.schedule(delay, cls as PriorityClass, () => {
            ran.push({ t: e.now, cls, seq: mySeq, id });
            children.forEach((c, i) => add(c.delay, c.cls, `${id}.${i}`, []));
          });
        };
        events.forEach((x, i) => {
          if (x.cancel) {
            const h = e.schedule(x.delay, x.cls as PriorityClass, () =>
              ran.push({ t: e.now, cls: x.cls, seq: -1, id: `c${i}` }),
            );
            cancelledIds.add(`c${i}`);
            e.cancel(h);
          } else add(x.delay, x.cls, `e${i}`, x.children);
        });
        e.runUntilIdle();
        expect(e.pending).toBe(0);
        for (let i = 1; i < ran.length; i++) {
          const a = ran[i - 1]!;
          const b = ran[i]!;
          expect(b.t).toBeGreaterThanOrEqual(a.t);
          if (a.t === b.t && a.cls === b.cls) expect(b.seq).toBeGreaterThan(a.seq);
        }
        expect(ran.some((r) => cancelledIds.has(r.id))).toBe(false);
        const expected = events.filter((x) => !x.cancel).reduce((n, x) => n + 1 + x.children.length, 0);
        expect(ran).toHaveLength(expected);
      }
    },
  );
});
