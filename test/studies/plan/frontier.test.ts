/**
 * The cost–utilisation frontier as properties over random point sets: nothing on it is dominated, everything off
 * it is dominated by a point on it (or duplicates one), and along it cost and utilisation both rise.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { dominates, paretoFrontier } from "../../../src/studies/plan/frontier.ts";

// Few distinct values, so ties in cost and in utilisation are common.
const points = fc
  .array(fc.record({ cost: fc.integer({ min: 0, max: 20 }), utilisation: fc.integer({ min: 0, max: 10 }) }), {
    maxLength: 40,
  })
  .map((ps) => ps.map((p, id) => ({ id, cost: p.cost * 10, utilisation: p.utilisation / 10 })));

describe("paretoFrontier", () => {
  propTest.prop([points], { seed: 11, numRuns: 300 })("no point on the frontier is dominated", (ps) => {
    const f = paretoFrontier(ps);
    for (const a of f) for (const b of ps) expect(dominates(b, a)).toBe(false);
  });

  propTest.prop([points], { seed: 12, numRuns: 300 })(
    "every point off the frontier is dominated by, or equal to, a point on it",
    (ps) => {
      const f = paretoFrontier(ps);
      const on = new Set(f.map((p) => p.id));
      for (const p of ps.filter((q) => !on.has(q.id))) {
        expect(f.some((q) => dominates(q, p) || (q.cost === p.cost && q.utilisation === p.utilisation))).toBe(true);
      }
    },
  );

  propTest.prop([points], { seed: 13, numRuns: 300 })("cost and utilisation rise strictly along it", (ps) => {
    const f = paretoFrontier(ps);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.cost).toBeGreaterThan(f[i - 1]!.cost);
      expect(f[i]!.utilisation).toBeGreaterThan(f[i - 1]!.utilisation);
    }
  });

  test("a small case by hand: (10, 0.5) and (20, 0.9) stay, (20, 0.4) and a duplicate go", () => {
    const f = paretoFrontier([
      { id: 0, cost: 20, utilisation: 0.9 },
      { id: 1, cost: 10, utilisation: 0.5 },
      { id: 2, cost: 20, utilisation: 0.4 },
      { id: 3, cost: 10, utilisation: 0.5 },
    ]);
    expect(f.map((p) => p.id)).toEqual([1, 0]);
  });
});
