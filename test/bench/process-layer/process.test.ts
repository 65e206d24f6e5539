/**
 * Generator processes: waits, events, joins, interrupts and failure propagation.
 */
import { describe, expect, test } from "vitest";
import { allOf, anyOf } from "./condition.ts";
import { SimHandlerError } from "../../../src/sim/errors.ts";
import { Priority } from "../../../src/sim/priority.ts";
import { Interrupt, spawn } from "./process.ts";
import { SimEvent, timeout } from "./sim-event.ts";
import { s } from "../../../src/sim/time.ts";
import { makeEngine, makeLog } from "../../helpers/engine.ts";

describe("processes", () => {
  test("a process is a sequence of waits: numeric delays and timeouts", () => {
    const e = makeEngine();
    const log = makeLog(e);
    spawn(
      e,
      (function* () {
        log.add("start");
        yield s(1);
        log.add("after 1s");
        const v: string = yield timeout(e, s(2), "payload");
        log.add(`got ${v}`);
      })(),
    );
    e.runUntilIdle();
    expect(log.entries).toEqual([
      [0, "start"],
      [1_000_000, "after 1s"],
      [3_000_000, "got payload"],
    ]);
  });

  test("a process is an event: another process can wait for its return value", () => {
    const e = makeEngine();
    const child = spawn(
      e,
      (function* () {
        yield 40;
        return 7;
      })(),
      "child",
    );
    let got = 0;
    spawn(
      e,
      (function* () {
        got = yield child;
      })(),
    );
    e.runUntilIdle();
    expect(got).toBe(7);
    expect(child.isAlive).toBe(false);
    expect(e.now).toBe(40);
  });

  test("waiting for an event that is already processed resumes at once", () => {
    const e = makeEngine();
    const ev = new SimEvent<number>(e).succeed(5);
    e.runUntil(10);
    let got = 0;
    spawn(
      e,
      (function* () {
        got = yield ev;
      })(),
    );
    e.runUntilIdle();
    expect(got).toBe(5);
    expect(e.now).toBe(10);
  });

  test("interrupt() throws Interrupt into the process at its current wait, and cancels the wait", () => {
    const e = makeEngine();
    const log = makeLog(e);
    const worker = spawn(
      e,
      (function* () {
        try {
          yield s(10);
          log.add("finished");
        } catch (err) {
          log.add(`interrupted by ${(err as Interrupt).cause}`);
          yield s(1);
          log.add("recovered");
        }
      })(),
    );
    e.post(s(3), Priority.ARRIVE, () => worker.interrupt("node failure"));
    e.runUntilIdle();
    expect(log.entries).toEqual([
      [3_000_000, "interrupted by node failure"],
      [4_000_000, "recovered"],
    ]);
    expect(e.now).toBe(4_000_000);
  });

  test("an interrupted process no longer waits on the event it yielded", () => {
    const e = makeEngine();
    const gate = new SimEvent<void>(e, "gate");
    let resumedByGate = false;
    const p = spawn(
      e,
      (function* () {
        try {
          yield gate;
          resumedByGate = true;
        } catch {
          /* interrupted */
        }
      })(),
    );
    e.post(5, Priority.NORMAL, () => p.interrupt());
    e.post(6, Priority.NORMAL, () => gate.succeed());
    e.runUntilIdle();
    expect(resumedByGate).toBe(false);
  });

  test("interrupting a finished process throws", () => {
    const e = makeEngine();
    const p = spawn(e, (function* () {})(), "short");
    e.runUntilIdle();
    expect(() => p.interrupt()).toThrow("cannot interrupt finished process: short");
  });

  test("an uncaught error fails the process; a waiting process receives it", () => {
    const e = makeEngine();
    const failing = spawn(
      e,
      (function* () {
        yield 1;
        throw new Error("checkpoint corrupt");
      })(),
    );
    let seen = "";
    spawn(
      e,
      (function* () {
        try {
          yield failing;
        } catch (err) {
          seen = (err as Error).message;
        }
      })(),
    );
    e.runUntilIdle();
    expect(seen).toBe("checkpoint corrupt");
  });

  test("a failure nobody handles stops the run", () => {
    const e = makeEngine();
    spawn(
      e,
      (function* () {
        yield 1;
        throw new Error("lost rank");
      })(),
      "rank-3",
    );
    expect(() => e.runUntilIdle()).toThrow(SimHandlerError);
    expect(e.now).toBe(1);
  });

  test("yielding something that is not an event or a delay fails the process with a clear message", () => {
    const e = makeEngine();
    const p = spawn(
      e,
      (function* () {
        yield "soon" as unknown as number;
      })(),
      "bad",
    );
    p.addCallback((ev) => (ev.defused = true));
    e.runUntilIdle();
    expect(String(p.failure)).toBe("TypeError: process bad yielded soon: not an event or a delay");
  });

  test("yielding a negative delay fails the process", () => {
    const e = makeEngine();
    const p = spawn(
      e,
      (function* () {
        yield -3;
      })(),
    );
    p.addCallback((ev) => (ev.defused = true));
    e.runUntilIdle();
    expect(String(p.failure)).toBe("RangeError: invalid delay: -3us");
  });

  test("triggering an event twice throws", () => {
    const e = makeEngine();
    const ev = new SimEvent(e, "ckpt-done").succeed();
    expect(() => ev.succeed()).toThrow("event already triggered: ckpt-done");
  });
});

describe("conditions", () => {
  test("allOf waits for the slowest event (synchronous data parallel: the slowest rank)", () => {
    const e = makeEngine();
    let values: number[] = [];
    spawn(
      e,
      (function* () {
        values = yield allOf(e, [timeout(e, 30, 1), timeout(e, 10, 2), timeout(e, 20, 3)]);
      })(),
    );
    e.runUntilIdle();
    expect(values).toEqual([1, 2, 3]);
    expect(e.now).toBe(30);
  });

  test("anyOf resumes at the first event", () => {
    const e = makeEngine();
    let first: { index: number; value: string } | undefined;
    let at = -1;
    spawn(
      e,
      (function* () {
        first = yield anyOf(e, [timeout(e, 30, "slow"), timeout(e, 10, "fast")]);
        at = e.now;
      })(),
    );
    e.runUntilIdle();
    expect(first).toEqual({ index: 1, value: "fast" });
    expect(at).toBe(10);
  });

  test("allOf of nothing succeeds at once; anyOf of nothing is an error", () => {
    const e = makeEngine();
    expect(allOf(e, []).triggered).toBe(true);
    expect(() => anyOf(e, [])).toThrow("anyOf needs at least one event");
  });

  test("allOf fails with the first failure", () => {
    const e = makeEngine();
    const bad = new SimEvent<number>(e, "bad");
    let msg = "";
    spawn(
      e,
      (function* () {
        try {
          yield allOf(e, [timeout(e, 5, 1), bad]);
        } catch (err) {
          msg = (err as Error).message;
        }
      })(),
    );
    e.post(2, Priority.NORMAL, () => bad.fail(new Error("volume detached")));
    e.runUntilIdle();
    expect(msg).toBe("volume detached");
  });
});
