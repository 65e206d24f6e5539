/**
 * The GPU-time ledger (src/models/training/gpu-ledger.ts): charges land in the totals and in the bins of the
 * interval they cover; a failure moves the compute and data wait since the last durable checkpoint to lost
 * work in the bins where they happened, not at the failure; without surviving checkpoints everything since
 * the start (or the previous failure) is lost. A fast-check property over random histories: each cause's
 * bins sum to its total.
 *
 * Units: GPU-µs, µs.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { CAUSE_CHANNEL, GpuLedger, type Cause } from "../../../src/models/training/gpu-ledger.ts";
import { CAUSES } from "../../../src/models/gpu-time.ts";

const bins = (l: GpuLedger, cause: Cause, n = 4): number[] => l.close().values(CAUSE_CHANNEL[cause], n);

describe("GpuLedger", () => {
  test("charges go to the totals and to the bins of their interval", () => {
    const l = new GpuLedger(true);
    l.charge("idle", 8, 0, 1);
    l.charge("compute", 24, 1, 4);
    expect(l.totals).toMatchObject({ idle: 8, compute: 24 });
    const s = l.close();
    expect(s.values(CAUSE_CHANNEL.idle, 4)).toEqual([8, 0, 0, 0]);
    expect(s.values(CAUSE_CHANNEL.compute, 4)).toEqual([0, 8, 8, 8]);
  });

  test("a failure turns the work since the durable checkpoint into lost work where it was done", () => {
    const l = new GpuLedger(true);
    l.charge("compute", 10, 0, 1);
    const m = l.mark(); // checkpoint at t = 1
    l.durable(m);
    l.charge("compute", 10, 1, 2);
    l.charge("dataWait", 6, 2, 3);
    l.rollback(); // failure at t = 3
    l.charge("recovery", 10, 3, 4);
    expect(l.totals).toMatchObject({ compute: 10, dataWait: 0, lostWork: 16, recovery: 10 });
    const s = l.close();
    expect(s.values(CAUSE_CHANNEL.compute, 4)).toEqual([10, 0, 0, 0]);
    expect(s.values(CAUSE_CHANNEL.lostWork, 4)).toEqual([0, 10, 6, 0]);
  });

  test("a checkpoint not yet durable does not protect the work before it", () => {
    const l = new GpuLedger(true);
    l.charge("compute", 10, 0, 1);
    l.mark(); // an async checkpoint starts; its write never finishes
    l.charge("compute", 10, 1, 2);
    l.rollback();
    expect(l.totals).toMatchObject({ compute: 0, lostWork: 20 });
    expect(bins(l, "lostWork")).toEqual([10, 10, 0, 0]);
  });

  test("without checkpoints that survive node loss, a failure loses everything since the previous one", () => {
    const l = new GpuLedger(false);
    l.charge("compute", 10, 0, 1);
    l.durable(l.mark()); // ignored: the checkpoint died with the node
    l.charge("compute", 10, 1, 2);
    l.rollback();
    l.charge("compute", 10, 2, 3);
    l.rollback();
    l.charge("compute", 10, 3, 4);
    expect(l.totals).toMatchObject({ compute: 10, lostWork: 30 });
    const s = l.close();
    expect(s.values(CAUSE_CHANNEL.lostWork, 4)).toEqual([10, 10, 10, 0]);
    expect(s.values(CAUSE_CHANNEL.compute, 4)).toEqual([0, 0, 0, 10]);
  });

  test("the run's rounding remainder: a surplus is idle, a deficit comes off compute where compute was", () => {
    const over = new GpuLedger(true);
    over.charge("compute", 30, 0, 1);
    over.charge("recovery", 10, 1, 2);
    over.charge("compute", 10, 2, 3);
    over.remainder(-4, 0, 3);
    expect(over.totals.compute).toBe(36);
    const s = over.close();
    expect(s.values(CAUSE_CHANNEL.compute, 3)).toEqual([27, 0, 9]);
    const under = new GpuLedger(true);
    under.remainder(3, 0, 3);
    expect(bins(under, "idle", 3)).toEqual([1, 1, 1]);
  });

  const op = fc.oneof(
    fc.record({
      kind: fc.constant("charge" as const),
      cause: fc.constantFrom(...CAUSES),
      amount: fc.double({ min: 0, max: 1e12, noNaN: true }),
      len: fc.integer({ min: 0, max: 1e9 }),
    }),
    fc.record({ kind: fc.constantFrom("mark" as const, "durable" as const, "rollback" as const) }),
  );

  propTest.prop([fc.boolean(), fc.array(op, { maxLength: 80 })], { seed: 3, numRuns: 200 })(
    "each cause's bins sum to its total after any history of charges, marks, durable checkpoints and failures",
    (survive, ops) => {
      const l = new GpuLedger(survive);
      let t = 0;
      let pending: ReturnType<GpuLedger["mark"]>[] = [];
      for (const o of ops) {
        if (o.kind === "charge") {
          l.charge(o.cause, o.amount, t, t + o.len);
          t += o.len;
        } else if (o.kind === "mark") pending.push(l.mark());
        else if (o.kind === "durable") {
          const m = pending.shift();
          if (m !== undefined) l.durable(m);
        } else {
          l.rollback();
          pending = [];
        }
      }
      const totals = { ...l.totals };
      const s = l.close();
      const scale = ops.reduce((a, o) => a + (o.kind === "charge" ? o.amount : 0), 0);
      for (const c of CAUSES) {
        expect(totals[c]).toBeGreaterThanOrEqual(-1e-9 * scale);
        expect(Math.abs(s.sum(CAUSE_CHANNEL[c]) - totals[c])).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
      }
    },
  );
});
