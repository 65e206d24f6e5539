/**
 * Flow meters (src/sim/flow-meter.ts) on the fluid network: each flow counted once when it ends (its size
 * when it completes, what it moved when aborted), the sink streaming the same bytes over time as constant
 * rates between settlements, and a fast-check property over random schedules: what the sink receives sums to
 * the meter's total and to the bytes the flows moved, every interval is well-formed and no interval is faster
 * than the flows could go.
 *
 * Units: bytes, bytes/s, µs.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { FlowMeter } from "../../src/sim/flow-meter.ts";
import { FluidNetwork, type Flow } from "../../src/sim/fluid-network.ts";
import { Priority } from "../../src/sim/priority.ts";
import { makeEngine } from "../helpers/engine.ts";

const MB = 1_000_000;
const SEC = 1_000_000;

function recorder() {
  const calls: [bytes: number, from: number, to: number][] = [];
  return { calls, sink: (b: number, from: number, to: number) => calls.push([b, from, to]) };
}

describe("FlowMeter", () => {
  test("a completed flow counts its size; the sink gets it as one interval at the flow's rate", () => {
    const engine = makeEngine();
    const net = new FluidNetwork(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const { calls, sink } = recorder();
    const meter = new FlowMeter("reads", sink);
    net.start(2 * MB, [disk], { meter });
    engine.runUntilIdle();
    expect(meter.bytes).toBe(2 * MB);
    expect(calls).toEqual([[2 * MB, 0, 2 * SEC]]);
  });

  test("a rate change splits the stream at the change; an aborted flow counts what it moved", () => {
    const engine = makeEngine();
    const net = new FluidNetwork(engine);
    const disk = net.addConstraint("disk", 1 * MB);
    const { calls, sink } = recorder();
    const meter = new FlowMeter("reads", sink);
    const a = net.start(10 * MB, [disk], { meter });
    let b: Flow | undefined;
    engine.postAt(1 * SEC, Priority.ARRIVE, () => (b = net.start(10 * MB, [disk], { meter })));
    engine.postAt(3 * SEC, Priority.ARRIVE, () => {
      net.abort(a);
      net.abort(b!);
    });
    engine.runUntilIdle();
    // 1 s alone at 1 MB/s, then 2 s at 0.5 MB/s each: a moved 2 MB, b moved 1 MB.
    expect(meter.bytes).toBeCloseTo(3 * MB, 6);
    expect(calls).toEqual([
      [1 * MB, 0, 1 * SEC],
      [2 * MB, 1 * SEC, 3 * SEC],
    ]);
  });

  test("flows of other meters, or none, are not counted; two networks can share a meter", () => {
    const engine = makeEngine();
    const n1 = new FluidNetwork(engine, "n1");
    const n2 = new FluidNetwork(engine, "n2");
    const meter = new FlowMeter("both");
    const other = new FlowMeter("other");
    n1.start(1 * MB, [n1.addConstraint("c", MB)], { meter });
    n2.start(3 * MB, [n2.addConstraint("c", MB)], { meter });
    n2.start(5 * MB, [n2.addConstraint("d", MB)], { meter: other });
    n1.start(7 * MB, [n1.addConstraint("e", MB)]);
    engine.runUntilIdle();
    expect(meter.bytes).toBe(4 * MB);
    expect(other.bytes).toBe(5 * MB);
  });

  const schedule = fc.record({
    capacity: fc.integer({ min: 1, max: 5_000 }),
    flows: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 2_000 }),
        bytes: fc.integer({ min: 0, max: 20_000 }),
        cap: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: undefined }),
        metered: fc.boolean(),
        abortAfter: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  });

  propTest.prop([schedule], { seed: 42, numRuns: 150 })(
    "the sink receives exactly the metered bytes, over ordered intervals no faster than the capacity",
    ({ capacity, flows }) => {
      const engine = makeEngine();
      const net = new FluidNetwork(engine);
      const link = net.addConstraint("link", capacity);
      const { calls, sink } = recorder();
      const meter = new FlowMeter("m", sink);
      const started: Flow[] = [];
      for (const plan of flows) {
        engine.postAt(plan.start, Priority.ARRIVE, () => {
          const f = net.start(plan.bytes, [link], { cap: plan.cap, meter: plan.metered ? meter : undefined });
          if (plan.metered) started.push(f);
          if (plan.abortAfter !== undefined) engine.post(plan.abortAfter, Priority.ARRIVE, () => net.abort(f));
        });
      }
      engine.runUntilIdle();
      const moved = started.reduce((a, f) => a + (f.bytes - f.remaining), 0);
      const streamed = calls.reduce((a, [b]) => a + b, 0);
      expect(meter.bytes).toBeCloseTo(moved, 6);
      expect(Math.abs(streamed - meter.bytes)).toBeLessThanOrEqual(1e-9 * Math.max(1, meter.bytes));
      let last = -1;
      for (const [b, from, to] of calls) {
        expect(Number.isSafeInteger(from) && Number.isSafeInteger(to)).toBe(true);
        expect(to).toBeGreaterThan(from);
        expect(from).toBeGreaterThanOrEqual(last - 1); // the completion slack's µs may overlap the last interval
        last = to;
        expect(b).toBeGreaterThan(0);
        // A constant rate over the interval, within the link (plus the < 1 µs slack of a completion).
        expect(b).toBeLessThanOrEqual((capacity * (to - from)) / SEC + capacity / SEC + 1e-6);
      }
    },
  );
});
