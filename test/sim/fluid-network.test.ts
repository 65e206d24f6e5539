/**
 * Tests for the fluid bandwidth network (src/sim/fluid-network.ts) on the engine: hand-computed
 * completion times (sharing, rescheduling on start and end, several constraints, caps, weights, rounding
 * up to the next µs), the accessors, abort, capacity and cap changes mid-flow, `transfer()` from a
 * process, batching of reallocations, zero-byte and stalled flows, input validation, a fast-check property
 * over random schedules (bytes conserved, time monotone, no early completion, no constraint exceeded),
 * and a 10,000-flow sanity run.
 *
 * Units: bytes, bytes/s, µs. MB = 10^6 bytes; 1 s = 10^6 µs.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import type { Engine } from "../../src/sim/engine.ts";
import { FlowMeter } from "../../src/sim/flow-meter.ts";
import { FluidNetwork, type Constraint, type Flow } from "../../src/sim/fluid-network.ts";
import { Priority, type PriorityClass } from "../../src/sim/priority.ts";
import { spawn } from "../bench/process-layer/process.ts";
import { transfer } from "../bench/process-layer/transfer.ts";
import { makeEngine, makeLog } from "../helpers/engine.ts";

const MB = 1_000_000;
const SEC = 1_000_000;

function setup(): { engine: Engine; net: FluidNetwork } {
  const engine = makeEngine();
  return { engine, net: new FluidNetwork(engine, "net") };
}

/** Starts a flow whose completion is logged under `label`. */
function startLogged(
  net: FluidNetwork,
  log: ReturnType<typeof makeLog>,
  label: string,
  bytes: number,
  path: readonly Constraint[],
  options: { weight?: number; cap?: number } = {},
): Flow {
  return net.start(bytes, path, { ...options, onComplete: () => log.add(label), tag: label });
}

describe("FluidNetwork completion times, computed by hand", () => {
  test("one 1 MB flow over a 1 MB/s constraint completes at exactly 1 s", () => {
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const f = startLogged(net, log, "f", 1 * MB, [disk]);
    engine.runUntilIdle();
    expect(log.entries).toEqual([[1 * SEC, "f"]]);
    expect(f.completedAt).toBe(1 * SEC);
    expect(f.remaining).toBe(0);
    expect(f.active).toBe(false);
    expect(net.completions).toBe(1);
    expect(net.activeFlows).toBe(0);
  });

  test("two equal 1 MB flows on 1 MB/s share it and both end at 2 s", () => {
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    startLogged(net, log, "a", 1 * MB, [disk]);
    startLogged(net, log, "b", 1 * MB, [disk]);
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [2 * SEC, "a"],
      [2 * SEC, "b"],
    ]);
  });

  test("a 1 MB and a 3 MB flow on 1 MB/s: the small ends at 2 s, then the big runs alone and ends at 4 s", () => {
    // Both at 0.5 MB/s for 2 s: small done, big moved 1 MB. Big then has 2 MB at 1 MB/s: 2 s more.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    startLogged(net, log, "small", 1 * MB, [disk]);
    const big = startLogged(net, log, "big", 3 * MB, [disk]);
    engine.runUntil(2 * SEC);
    expect(net.rate(big)).toBe(1 * MB);
    expect(net.progress(big)).toBeCloseTo(1 * MB, 3);
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [2 * SEC, "small"],
      [4 * SEC, "big"],
    ]);
  });

  test("a flow starting 0.5 s into another reschedules the first one", () => {
    // a alone at 1 MB/s until 0.5 s (0.5 MB left); then a and b at 0.5 MB/s each: a ends at 0.5 + 1 = 1.5 s,
    // when b has moved 0.5 MB; b's last 0.5 MB runs at 1 MB/s and ends at 2 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    startLogged(net, log, "a", 1 * MB, [disk]);
    engine.postAt(0.5 * SEC, Priority.ARRIVE, () => startLogged(net, log, "b", 1 * MB, [disk]));
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [1.5 * SEC, "a"],
      [2 * SEC, "b"],
    ]);
  });

  test("a flow crossing two constraints runs at the tighter one", () => {
    // min(2 MB/s, 0.5 MB/s) = 0.5 MB/s: 1 MB takes 2 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const backend = net.addConstraint("backend", 2 * MB);
    const nic = net.addConstraint("nic", 0.5 * MB);
    const f = startLogged(net, log, "f", 1 * MB, [backend, nic]);
    expect(net.rate(f)).toBe(0.5 * MB);
    expect(f.bottleneck).toBe(nic.id);
    engine.runUntilIdle();
    expect(log.entries).toEqual([[2 * SEC, "f"]]);
  });

  test("listing a constraint twice in a path counts it once", () => {
    const { net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    const f = net.start(1 * MB, [disk, disk]);
    expect(f.path).toEqual([disk.id]);
    expect(net.rate(f)).toBe(1 * MB);
    expect(net.usage(disk)).toBe(1 * MB);
  });

  test("a capped flow and an uncapped flow: the uncapped one takes the rest, then all of it", () => {
    // capped: 0.25 MB/s, uncapped: 0.75 MB/s. capped's 0.5 MB ends at 2 s, when uncapped moved 1.5 MB;
    // its last 1.5 MB runs at 1 MB/s: ends at 3.5 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const capped = startLogged(net, log, "capped", 0.5 * MB, [disk], { cap: 0.25 * MB });
    const free = startLogged(net, log, "free", 3 * MB, [disk]);
    expect(net.rate(capped)).toBe(0.25 * MB);
    expect(net.rate(free)).toBe(0.75 * MB);
    expect(capped.bottleneck).toBe(-1);
    expect(free.bottleneck).toBe(disk.id);
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [2 * SEC, "capped"],
      [3.5 * SEC, "free"],
    ]);
  });

  test("weights 3 and 1 on 4 MB/s get 3 MB/s and 1 MB/s", () => {
    // Both 3 MB: heavy ends at 1 s, light has moved 1 MB; its last 2 MB run at 4 MB/s: ends at 1.5 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 4 * MB);
    const heavy = startLogged(net, log, "heavy", 3 * MB, [disk], { weight: 3 });
    const light = startLogged(net, log, "light", 3 * MB, [disk], { weight: 1 });
    expect(net.rate(heavy)).toBe(3 * MB);
    expect(net.rate(light)).toBe(1 * MB);
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [1 * SEC, "heavy"],
      [1.5 * SEC, "light"],
    ]);
  });

  test.for([
    { name: "1 byte at 3 B/s", bytes: 1, capacity: 3, end: 333_334 }, // exact 333,333.33… µs
    { name: "10 bytes at 3 B/s", bytes: 10, capacity: 3, end: 3_333_334 }, // exact 3,333,333.33… µs
    { name: "1 byte at 7 MB/s", bytes: 1, capacity: 7 * MB, end: 1 }, // exact 0.142… µs
    { name: "2 MB at 3 MB/s", bytes: 2 * MB, capacity: 3 * MB, end: 666_667 }, // exact 666,666.66… µs
  ] as const)("a fractional end ($name) is rounded up to the next µs, never earlier", ({ bytes, capacity, end }) => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", capacity);
    const f = net.start(bytes, [disk]);
    engine.runUntil(end - 1);
    expect(f.active).toBe(true);
    expect(net.progress(f)).toBeLessThan(bytes);
    engine.runUntilIdle();
    expect(f.completedAt).toBe(end);
    expect(net.bytesMoved(disk)).toBe(bytes);
  });
});

describe("FluidNetwork accessors and changes mid-flow", () => {
  test("rate(), usage(), bytesMoved() and progress() halfway through", () => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    const nic = net.addConstraint("nic", 10 * MB);
    const a = net.start(1 * MB, [disk, nic]);
    const b = net.start(1 * MB, [disk]);
    expect(net.rate(a)).toBe(0.5 * MB);
    expect(net.usage(disk)).toBe(1 * MB);
    expect(net.usage(nic)).toBe(0.5 * MB);
    engine.runUntil(0.5 * SEC);
    expect(net.progress(a)).toBe(0.25 * MB);
    expect(net.progress(b)).toBe(0.25 * MB);
    expect(net.bytesMoved(disk)).toBe(0.5 * MB);
    expect(net.bytesMoved(nic)).toBe(0.25 * MB);
    engine.runUntilIdle();
    expect(net.rate(a)).toBe(0);
    expect(net.usage(disk)).toBe(0);
    expect(net.progress(a)).toBe(1 * MB);
    expect(net.bytesMoved(disk)).toBe(2 * MB);
    expect(net.bytesMoved(nic)).toBe(1 * MB);
  });

  test("abort() returns the bytes moved, skips onComplete and lets the others speed up", () => {
    // a, b at 0.5 MB/s; a aborted at 0.5 s after 0.25 MB. b has 0.75 MB left at 1 MB/s: ends at 1.25 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const a = startLogged(net, log, "a", 1 * MB, [disk]);
    const b = startLogged(net, log, "b", 1 * MB, [disk]);
    let moved = NaN;
    engine.postAt(0.5 * SEC, Priority.NORMAL, () => {
      moved = net.abort(a);
    });
    engine.runUntilIdle();
    expect(moved).toBe(0.25 * MB);
    expect(log.entries).toEqual([[1.25 * SEC, "b"]]);
    expect(a.active).toBe(false);
    expect(a.completedAt).toBe(-1);
    expect(b.completedAt).toBe(1.25 * SEC);
    expect(net.abort(a)).toBe(0.25 * MB);
    expect(net.abort(b)).toBe(1 * MB);
    expect(net.bytesMoved(disk)).toBe(1.25 * MB);
    expect(net.completions).toBe(1);
  });

  test("halving a capacity at 0.5 s: the remaining 0.5 MB takes 1 s more", () => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    const f = net.start(1 * MB, [disk]);
    let updated: Constraint | undefined;
    engine.postAt(0.5 * SEC, Priority.DECIDE, () => {
      updated = net.setCapacity(disk, 0.5 * MB);
    });
    engine.runUntilIdle();
    expect(f.completedAt).toBe(1.5 * SEC);
    expect(updated).toBe(disk);
    expect(disk.capacity).toBe(0.5 * MB);
    expect(net.capacityOf(disk)).toBe(0.5 * MB);
  });

  test("setFlowCap at 0.5 s to 0.25 MB/s: the remaining 0.5 MB takes 2 s more; Infinity lifts the cap", () => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    const f = net.start(1 * MB, [disk]);
    engine.postAt(0.5 * SEC, Priority.DECIDE, () => net.setFlowCap(f, 0.25 * MB));
    engine.runUntil(0.5 * SEC);
    expect(net.rate(f)).toBe(0.25 * MB);
    expect(f.bottleneck).toBe(-1);
    engine.runUntilIdle();
    expect(f.completedAt).toBe(2.5 * SEC);

    const g = net.start(1 * MB, [disk], { cap: 0.25 * MB });
    expect(net.rate(g)).toBe(0.25 * MB);
    net.setFlowCap(g, Infinity);
    expect(net.rate(g)).toBe(1 * MB);
  });

  test("setFlowWeight reshares a constraint from now on", () => {
    // a, b at 0.5 MB/s until 1 s (0.5 MB each moved); then a has weight 3: a 0.75 MB/s, b 0.25 MB/s.
    // a's last 0.5 MB takes 2/3 s → ends at 1,666,667 µs (rounded up).
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    const a = net.start(1 * MB, [disk]);
    const b = net.start(10 * MB, [disk]);
    engine.postAt(1 * SEC, Priority.DECIDE, () => net.setFlowWeight(a, 3));
    engine.runUntil(1 * SEC);
    expect(net.rate(a)).toBe(0.75 * MB);
    expect(net.rate(b)).toBe(0.25 * MB);
    engine.runUntilIdle();
    expect(a.completedAt).toBe(1_666_667);
  });

  test("a flow awaited from a process (the benchmark's process layer): the process resumes at the completion time with the flow", () => {
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 2 * MB);
    let done: Flow | undefined;
    spawn(
      engine,
      (function* () {
        yield 0.25 * SEC;
        const ev = transfer(engine, net, 1 * MB, [disk], { tag: "ckpt" });
        expect(ev.flow.tag).toBe("ckpt");
        done = (yield ev) as Flow;
        log.add("resumed");
      })(),
      "writer",
    );
    engine.runUntilIdle();
    expect(log.entries).toEqual([[0.75 * SEC, "resumed"]]);
    expect(done?.completedAt).toBe(0.75 * SEC);
    expect(done?.startedAt).toBe(0.25 * SEC);
  });
});

describe("FluidNetwork event discipline", () => {
  test("100 flows started at one instant by separate events cost one reallocation", () => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 100 * MB);
    for (let i = 0; i < 100; i++) engine.postAt(1000, Priority.ARRIVE, () => net.start(1 * MB, [disk]));
    engine.runUntil(1000);
    expect(net.activeFlows).toBe(100);
    expect(net.reallocations).toBe(1);
    engine.runUntilIdle();
    // All 100 end together at 1000 + 1 s: one completion event, one more reallocation.
    expect(engine.now).toBe(1000 + 1 * SEC);
    expect(net.completions).toBe(100);
    expect(net.reallocations).toBe(2);
  });

  test("a zero-byte flow completes at the instant it starts, even over a zero-capacity constraint", () => {
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const dead = net.addConstraint("dead", 0);
    engine.postAt(5, Priority.ARRIVE, () => {
      startLogged(net, log, "empty", 0, [disk]);
      startLogged(net, log, "empty-on-dead", 0, [dead]);
    });
    engine.runUntilIdle();
    expect(log.entries).toEqual([
      [5, "empty"],
      [5, "empty-on-dead"],
    ]);
  });

  test("a zero-capacity constraint stalls a flow: the engine goes idle with the flow still active", () => {
    const { engine, net } = setup();
    const dead = net.addConstraint("dead", 0);
    const f = net.start(1 * MB, [dead]);
    engine.runUntilIdle();
    expect(engine.pending).toBe(0);
    expect(f.active).toBe(true);
    expect(f.finish).toBe(Infinity);
    expect(net.rate(f)).toBe(0);
    expect(net.completions).toBe(0);
    // Restoring capacity at some later time restarts it.
    engine.runUntil(10 * SEC);
    net.setCapacity(dead, 1 * MB);
    engine.runUntilIdle();
    expect(f.completedAt).toBe(11 * SEC);
  });

  // Regression: an event at t that runs before the network's completion event (URGENT class, e.g. a process
  // interrupt, or an earlier COMPLETE event) aborting the only flow due at t used to leave that completion event
  // pending with no flow due, and it threw SimInvariantError.
  test.for([
    { name: "URGENT", priority: Priority.URGENT, readRate: false },
    { name: "URGENT, then rate() on demand", priority: Priority.URGENT, readRate: true },
    { name: "COMPLETE, scheduled earlier", priority: Priority.COMPLETE, readRate: false },
  ] as const)("aborting a flow at its finish instant before the completion event ($name)", ({ priority, readRate }) => {
    // a: 1 MB, b: 3 MB at 0.5 MB/s each. a is due at 2 s but aborted at 2 s first (having moved 1 MB);
    // b has 2 MB left at 1 MB/s and ends at 4 s.
    const { engine, net } = setup();
    const log = makeLog(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    let moved = NaN;
    engine.postAt(2 * SEC, priority, () => {
      moved = net.abort(a);
      if (readRate) expect(net.rate(b)).toBe(1 * MB);
    });
    const a = startLogged(net, log, "a", 1 * MB, [disk]);
    const b = startLogged(net, log, "b", 3 * MB, [disk]);
    engine.runUntilIdle();
    expect(moved).toBeCloseTo(1 * MB, 3);
    expect(a.completedAt).toBe(-1);
    expect(log.entries).toEqual([[4 * SEC, "b"]]);
    expect(net.bytesMoved(disk)).toBeCloseTo(4 * MB, 3);
  });
});

describe("FluidNetwork limits", () => {
  test("a flow that would finish beyond the representable time (≈ 285 years) counts as stalled", () => {
    const { engine, net } = setup();
    const throttled = net.addConstraint("throttled", 0.001); // 0.001 B/s: 10 MB takes 3e8 years
    const f = net.start(10 * MB, [throttled]);
    engine.runUntilIdle();
    expect(f.active).toBe(true);
    expect(f.finish).toBe(Infinity);
    expect(net.rate(f)).toBe(0.001);
    engine.runUntil(1 * SEC);
    net.setCapacity(throttled, 10 * MB);
    engine.runUntilIdle();
    expect(f.completedAt).toBe(2 * SEC);
  });
});

describe("endless flows", () => {
  test("a flow of Infinity bytes never completes, moves bytes at its rate and reports them when aborted", () => {
    const { engine, net } = setup();
    const disk = net.addConstraint("disk", 10 * MB);
    let completed = false;
    const f = net.start(Infinity, [disk], { onComplete: () => (completed = true) });
    // 300 years of simulated time would overflow no clock: nothing is scheduled for an endless flow.
    engine.runUntil(100 * SEC);
    expect(net.rate(f)).toBe(10 * MB);
    expect(engine.pending).toBe(0); // no completion event is ever scheduled
    expect(net.progress(f)).toBe(1000 * MB);
    expect(net.bytesMoved(disk)).toBe(1000 * MB);
    expect(net.abort(f)).toBe(1000 * MB);
    expect(completed).toBe(false);
  });
});

describe("FluidNetwork input validation", () => {
  test("invalid sizes, weights and caps are RangeErrors with the bad value", () => {
    const { net } = setup();
    const disk = net.addConstraint("disk", 1 * MB);
    expect(() => net.start(-1, [disk])).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid flow size: -1 bytes]`);
    expect(() => net.start(NaN, [disk])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid flow size: NaN bytes]`,
    );
    expect(() => net.start(1, [disk], { weight: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid flow weight: 0]`,
    );
    expect(() => net.start(1, [disk], { weight: Infinity })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid flow weight: Infinity]`,
    );
    expect(() => net.start(1, [disk], { cap: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid flow rate cap: 0 B/s]`,
    );
    expect(() => net.start(1, [disk], { cap: -5 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid flow rate cap: -5 B/s]`,
    );
    const f = net.start(1, [disk]);
    expect(() => net.setFlowCap(f, 0)).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid flow rate cap: 0 B/s]`);
    expect(() => net.setFlowWeight(f, -1)).toThrowErrorMatchingInlineSnapshot(`[RangeError: invalid flow weight: -1]`);
    expect(net.activeFlows).toBe(1);
  });

  test("a constraint from another network is unknown", () => {
    const { engine, net } = setup();
    net.addConstraint("disk", 1 * MB);
    const other = new FluidNetwork(engine, "other");
    const nic = other.addConstraint("nic", 1 * MB);
    const far = { id: 7, name: "far", capacity: 1 } as unknown as Constraint;
    const twin = other.addConstraint("disk", 1 * MB); // same name, id 1 in its own network
    const twin0 = new FluidNetwork(engine, "twin").addConstraint("disk", 1 * MB); // same id 0 and name
    expect(() => net.start(1, [twin0])).toThrowErrorMatchingInlineSnapshot(`[RangeError: unknown constraint: disk]`);
    expect(() => net.usage(twin)).toThrow("unknown constraint: disk");
    expect(() => net.start(1, [nic])).toThrowErrorMatchingInlineSnapshot(`[RangeError: unknown constraint: nic]`);
    expect(() => net.start(1, [far])).toThrowErrorMatchingInlineSnapshot(`[RangeError: unknown constraint: far]`);
    expect(() => net.constraintName(7)).toThrowErrorMatchingInlineSnapshot(`[RangeError: unknown constraint id: 7]`);
  });

  test("a flow with neither a constraint nor a cap is unbounded; a cap alone is enough", () => {
    const { engine, net } = setup();
    expect(() => net.start(1, [])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unbounded flow: no constraint and no rate cap]`,
    );
    const f = net.start(1 * MB, [], { cap: 4 * MB });
    expect(() => net.setFlowCap(f, Infinity)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unbounded flow: no constraint and no rate cap]`,
    );
    engine.runUntilIdle();
    expect(f.completedAt).toBe(0.25 * SEC);
  });

  test("negative, NaN and infinite capacities are RangeErrors naming the constraint", () => {
    const { net } = setup();
    expect(() => net.addConstraint("disk", -1)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid capacity of disk: -1 B/s]`,
    );
    expect(() => net.addConstraint("disk", Infinity)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid capacity of disk: Infinity B/s]`,
    );
    const nic = net.addConstraint("nic", 1);
    expect(() => net.setCapacity(nic, NaN)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid capacity of nic: NaN B/s]`,
    );
    expect(net.capacityOf(nic)).toBe(1);
    expect(net.constraintName(nic.id)).toBe("nic");
  });
});

interface FlowPlan {
  start: number;
  bytes: number;
  path: number[];
  weight: number;
  cap: number | undefined;
  /** Delay after the start at which to abort, if any. */
  abortAfter: number | undefined;
  abortClass: PriorityClass;
}

interface Schedule {
  capacities: number[];
  flows: FlowPlan[];
}

/** 1–5 constraints (capacities 0 or 1 kB/s–10 MB/s); 1–25 flows starting in the first 2 s. */
const schedule: fc.Arbitrary<Schedule> = fc.integer({ min: 1, max: 5 }).chain((m) =>
  fc.record({
    capacities: fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 4, arbitrary: fc.integer({ min: 1000, max: 10 * MB }) },
        { weight: 4, arbitrary: fc.double({ min: 1000, max: 10 * MB, noNaN: true }) },
      ),
      { minLength: m, maxLength: m },
    ),
    flows: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 2 * SEC }),
        bytes: fc.oneof(
          { weight: 1, arbitrary: fc.constant(0) },
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 5 * MB }) },
          { weight: 4, arbitrary: fc.double({ min: 0, max: 5 * MB, noNaN: true }) },
        ),
        path: fc.uniqueArray(fc.integer({ min: 0, max: m - 1 }), { minLength: 1, maxLength: m }),
        weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
        cap: fc.option(fc.double({ min: 1000, max: 10 * MB, noNaN: true }), { freq: 3, nil: undefined }),
        abortAfter: fc.option(fc.integer({ min: 0, max: 3 * SEC }), { freq: 4, nil: undefined }),
        abortClass: fc.constantFrom(
          Priority.URGENT,
          Priority.COMPLETE,
          Priority.RELEASE,
          Priority.NORMAL,
          Priority.DECIDE,
          Priority.SAMPLE,
        ),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  }),
);

interface Outcome {
  plan: FlowPlan;
  flow?: Flow;
  /** Bytes returned by abort() when the flow was still active then. */
  aborted?: number;
}

describe("FluidNetwork over random schedules", () => {
  propTest.prop([schedule], { seed: 42, numRuns: 100 })(
    "conserves bytes, keeps time monotone, never finishes early and never exceeds a capacity",
    ({ capacities, flows }) => {
      const engine = makeEngine();
      const net = new FluidNetwork(engine);
      const cons = capacities.map((c, j) => net.addConstraint(`c${j}`, c));
      const outcomes: Outcome[] = flows.map((plan) => ({ plan }));
      const completionTimes: number[] = [];
      let samples = 0;

      const sample = (): void => {
        samples++;
        const sums = capacities.map(() => 0);
        for (const f of net.activeFlowList()) {
          expect(f.rate).toBeGreaterThanOrEqual(0);
          expect(f.rate).toBeLessThanOrEqual(f.cap);
          for (const j of f.path) sums[j] = (sums[j] ?? 0) + f.rate;
        }
        cons.forEach((c, j) => {
          const limit = c.capacity * (1 + 1e-9) + 1e-9;
          expect(sums[j]).toBeLessThanOrEqual(limit);
          expect(net.usage(c)).toBeLessThanOrEqual(limit);
        });
      };

      for (const o of outcomes) {
        const { plan } = o;
        engine.postAt(plan.start, Priority.ARRIVE, () => {
          const flow = net.start(
            plan.bytes,
            plan.path.map((j) => cons[j]!),
            {
              weight: plan.weight,
              ...(plan.cap === undefined ? {} : { cap: plan.cap }),
              onComplete: () => {
                expect(engine.now).toBe(flow.completedAt);
                completionTimes.push(engine.now);
                engine.post(0, Priority.SAMPLE, sample);
              },
            },
          );
          o.flow = flow;
          engine.post(0, Priority.SAMPLE, sample);
          if (plan.abortAfter !== undefined) {
            engine.post(plan.abortAfter, plan.abortClass, () => {
              if (flow.active) o.aborted = net.abort(flow);
              else expect(net.abort(flow)).toBe(flow.bytes);
            });
          }
        });
      }
      engine.runUntilIdle();

      // (b) time never decreases across completion callbacks.
      for (let i = 1; i < completionTimes.length; i++) {
        expect(completionTimes[i]).toBeGreaterThanOrEqual(completionTimes[i - 1]!);
      }
      expect(samples).toBeGreaterThanOrEqual(flows.length);

      const expected = capacities.map(() => 0);
      for (const { plan, flow, aborted } of outcomes) {
        if (flow === undefined) throw new Error("flow never started");
        const minCap = Math.min(plan.cap ?? Infinity, ...plan.path.map((j) => capacities[j]!));
        let moved: number;
        if (aborted !== undefined) {
          expect(flow.completedAt).toBe(-1);
          expect(aborted).toBeGreaterThanOrEqual(0);
          expect(aborted).toBeLessThanOrEqual(plan.bytes);
          moved = aborted;
        } else if (flow.completedAt >= 0) {
          // (a) a completed flow has nothing left and ended after it started.
          expect(flow.remaining).toBe(0);
          expect(flow.completedAt).toBeGreaterThanOrEqual(flow.startedAt);
          expect(Number.isSafeInteger(flow.completedAt)).toBe(true);
          // (c) no faster than its tightest constraint or cap allows (1 µs slack for rounding).
          const fastest = plan.bytes === 0 ? 0 : (plan.bytes / minCap) * SEC;
          expect(flow.completedAt - flow.startedAt).toBeGreaterThanOrEqual(fastest - 1);
          moved = plan.bytes;
        } else {
          // Only a flow crossing a dead constraint may be left: stalled, having moved nothing.
          expect(plan.bytes > 0 && minCap === 0).toBe(true);
          expect(flow.active).toBe(true);
          expect(net.progress(flow)).toBe(0);
          moved = 0;
        }
        for (const j of plan.path) expected[j]! += moved;
      }
      // (a) bytes conserved per constraint.
      cons.forEach((c, j) => {
        const want = expected[j]!;
        expect(Math.abs(net.bytesMoved(c) - want)).toBeLessThanOrEqual(1e-6 * want + 1e-6);
      });
    },
  );
});

describe("FluidNetwork at scale", () => {
  test("10,000 concurrent flows over 1 aggregate, 100 volume and 50 NIC constraints complete and conserve bytes", () => {
    const engine = makeEngine();
    const net = new FluidNetwork(engine, "cluster");
    const rng = engine.random("flows");
    const aggregate = net.addConstraint("aggregate", 8_000 * MB);
    const volumes = Array.from({ length: 100 }, (_, i) => net.addConstraint(`vol${i}`, (40 + (i % 7) * 20) * MB));
    const nics = Array.from({ length: 50 }, (_, i) => net.addConstraint(`nic${i}`, (100 + (i % 3) * 100) * MB));
    const sizes = [1, 2, 4, 8, 16, 32].map((x) => x * MB);
    const N = 10_000;
    let total = 0;
    let completed = 0;
    const onComplete = (): void => {
      completed++;
    };
    for (let i = 0; i < N; i++) {
      const bytes = sizes[rng.int(0, sizes.length - 1)]!;
      total += bytes;
      const path = [aggregate, volumes[rng.int(0, 99)]!, nics[rng.int(0, 49)]!];
      net.start(bytes, path, { weight: rng.bernoulli(0.2) ? 2 : 1, onComplete });
    }
    engine.runUntilIdle();
    expect(completed).toBe(N);
    expect(net.activeFlows).toBe(0);
    const rel = (a: number, b: number): number => Math.abs(a - b) / b;
    expect(rel(net.bytesMoved(aggregate), total)).toBeLessThan(1e-9);
    const sumVolumes = volumes.reduce((s, v) => s + net.bytesMoved(v), 0);
    const sumNics = nics.reduce((s, c) => s + net.bytesMoved(c), 0);
    expect(rel(sumVolumes, total)).toBeLessThan(1e-9);
    expect(rel(sumNics, total)).toBeLessThan(1e-9);
    // Work conservation sanity: it can't beat the aggregate link.
    expect(engine.now).toBeGreaterThanOrEqual((total / (8_000 * MB)) * SEC);
  });
});

describe("what limited a meter's flows", () => {
  test("bytes are attributed to each flow's bottleneck: a saturated constraint, or the flow's own cap", () => {
    const engine = makeEngine({ seed: 1 });
    const net = new FluidNetwork(engine);
    const link = net.addConstraint("link", 100);
    const meter = new FlowMeter("reads");
    // A at its cap of 20 B/s; B takes the rest of the 100 B/s link (80 B/s), bottlenecked there.
    net.start(200, [link], { cap: 20, meter });
    net.start(800, [link], { meter });
    engine.runUntilIdle();
    const limits = net.limits(meter);
    expect(limits).toEqual([
      { constraint: "link", capacity: 100, bytes: 800 },
      { constraint: null, capacity: Infinity, bytes: 200 },
    ]);
    expect(limits.reduce((a, l) => a + l.bytes, 0)).toBe(meter.bytes);
  });
});
