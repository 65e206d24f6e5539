/**
 * Tests for weighted max-min fair allocation by progressive filling (src/sim/max-min.ts): hand-computed
 * tables (one and several bottlenecks, a parking lot, caps, weights, zero capacity), input validation, and
 * fast-check properties over random instances — feasibility, the bottleneck characterisation of max-min
 * fairness, the reported bottleneck index, monotonicity of the fairness floor in capacity, scratch reuse,
 * and a differential check against a naive O(n·m) progressive-filling reference written here.
 *
 * Notation in the comments: λ is the fill level (rate per unit weight); a constraint with capacity C,
 * already-frozen load U and unfrozen weight W saturates at λ = (C − U) / W; a capped flow freezes at
 * λ = cap / weight. Progressive filling takes the smallest such level, freezes, and repeats.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { maxMinRates, MaxMinScratch, type MaxMinProblem, type MaxMinResult } from "../../src/sim/max-min.ts";

/** One flow of a test instance: the constraints it crosses, its weight (default 1) and cap (default none). */
interface FlowSpec {
  readonly path: readonly number[];
  readonly weight?: number;
  readonly cap?: number;
}

/** The CSR problem for `flows` over constraints of `capacities`. */
function problemOf(capacities: readonly number[], flows: readonly FlowSpec[]): MaxMinProblem {
  const pathStart = [0];
  const pathIndex: number[] = [];
  for (const f of flows) {
    pathIndex.push(...f.path);
    pathStart.push(pathIndex.length);
  }
  return {
    capacities,
    flowCount: flows.length,
    weights: flows.map((f) => f.weight ?? 1),
    caps: flows.map((f) => f.cap ?? Infinity),
    pathStart,
    pathIndex,
  };
}

/** Solves and returns plain arrays trimmed to the flow count. */
function solve(
  capacities: readonly number[],
  flows: readonly FlowSpec[],
  scratch?: MaxMinScratch,
  out?: MaxMinResult,
): { rates: number[]; bottleneck: number[] } {
  const r = maxMinRates(problemOf(capacities, flows), scratch, out);
  return {
    rates: Array.from(r.rates.subarray(0, flows.length)),
    bottleneck: Array.from(r.bottleneck.subarray(0, flows.length)),
  };
}

/** |a − b| within `rel` of the larger magnitude (with a tiny absolute floor for values near 0). */
function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

/** a ≥ b up to relative tolerance `rel`. */
function atLeast(a: number, b: number, rel = 1e-9): boolean {
  return a >= b - rel * Math.max(Math.abs(a), Math.abs(b)) - 1e-12;
}

describe("maxMinRates on hand-computed instances", () => {
  const rows = [
    {
      name: "single bottleneck: 3 flows on a 90 B/s link get 30 each",
      // λ = 90 / 3 = 30 for every flow.
      capacities: [90],
      flows: [{ path: [0] }, { path: [0] }, { path: [0] }],
      rates: [30, 30, 30],
      bottleneck: [0, 0, 0],
    },
    {
      name: "two bottlenecks: A = 10 shared by f1, f2; B = 15 shared by f2, f3",
      // A saturates at 10 / 2 = 5, before B at 15 / 2 = 7.5: f1 = f2 = 5 (by A).
      // B then has 15 − 5 = 10 left for f3 alone: f3 = 10 (by B). A carries 10/10, B 15/15.
      capacities: [10, 15],
      flows: [{ path: [0] }, { path: [0, 1] }, { path: [1] }],
      rates: [5, 5, 10],
      bottleneck: [0, 0, 1],
    },
    {
      name: "parking lot: a long flow over links 10, 4, 10 and one short flow per link",
      // Flows: long [0,1,2], s0 [0], s1 [1], s2 [2]. Levels: L0 10/2 = 5, L1 4/2 = 2, L2 10/2 = 5.
      // L1 saturates first at 2: long = s1 = 2. L0 then has 10 − 2 = 8 for s0; L2 likewise 8 for s2.
      capacities: [10, 4, 10],
      flows: [{ path: [0, 1, 2] }, { path: [0] }, { path: [1] }, { path: [2] }],
      rates: [2, 8, 2, 8],
      bottleneck: [1, 0, 1, 2],
    },
    {
      name: "chain: a bottleneck downstream leaves a middle link unsaturated",
      // L0 = 6 carries f0, f1, f2; L1 = 10 carries f2, f3; L2 = 3 carries f3.
      // Levels: L0 6/3 = 2, L1 10/2 = 5, L2 3/1 = 3. L0 first at 2: f0 = f1 = f2 = 2.
      // Then L1 (10 − 2)/1 = 8 vs L2 3/1 = 3: L2 freezes f3 = 3. L1 carries 5 of 10, never saturates.
      capacities: [6, 10, 3],
      flows: [{ path: [0] }, { path: [0] }, { path: [0, 1] }, { path: [1, 2] }],
      rates: [2, 2, 2, 3],
      bottleneck: [0, 0, 0, 2],
    },
    {
      name: "a cap below the fair share frees capacity for the others",
      // Cap level 10/1 = 10 < link level 90/3 = 30: f0 = 10 (its cap). The link has 80 left for two: 40 each.
      capacities: [90],
      flows: [{ path: [0], cap: 10 }, { path: [0] }, { path: [0] }],
      rates: [10, 40, 40],
      bottleneck: [-1, 0, 0],
    },
    {
      name: "a cap above the fair share does not bind",
      // Link level 30 < cap level 50: the link freezes all three at 30 first.
      capacities: [90],
      flows: [{ path: [0], cap: 50 }, { path: [0] }, { path: [0] }],
      rates: [30, 30, 30],
      bottleneck: [0, 0, 0],
    },
    {
      name: "a capped flow across two bottlenecks",
      // A = 10 carries f1, f2; B = 15 carries f2 (cap 2), f3. Cap level 2 < A 5 < B 7.5: f2 = 2.
      // Then A: (10 − 2)/1 = 8 for f1; B: (15 − 2)/1 = 13 for f3.
      capacities: [10, 15],
      flows: [{ path: [0] }, { path: [0, 1], cap: 2 }, { path: [1] }],
      rates: [8, 2, 13],
      bottleneck: [0, -1, 1],
    },
    {
      name: "weights 1, 2, 3 on a 60 B/s link get 10, 20, 30",
      // λ = 60 / (1 + 2 + 3) = 10; rate = weight × λ.
      capacities: [60],
      flows: [
        { path: [0], weight: 1 },
        { path: [0], weight: 2 },
        { path: [0], weight: 3 },
      ],
      rates: [10, 20, 30],
      bottleneck: [0, 0, 0],
    },
    {
      name: "weighted flows with a second bottleneck",
      // A = 60 carries f0 (w1), f1 (w2), f2 (w3); B = 10 carries f2 (w3), f3 (w1).
      // Levels: A 60/6 = 10, B 10/4 = 2.5. B first at 2.5: f2 = 3 × 2.5 = 7.5, f3 = 2.5.
      // A then: (60 − 7.5)/(1 + 2) = 17.5: f0 = 17.5, f1 = 35. Check A: 17.5 + 35 + 7.5 = 60.
      capacities: [60, 10],
      flows: [
        { path: [0], weight: 1 },
        { path: [0], weight: 2 },
        { path: [0, 1], weight: 3 },
        { path: [1], weight: 1 },
      ],
      rates: [17.5, 35, 7.5, 2.5],
      bottleneck: [0, 0, 1, 1],
    },
    {
      name: "a weighted flow hitting its cap",
      // f1 (w3, cap 15): cap level 15/3 = 5 < link level 60/4 = 15, so f1 = 15. f0 gets 60 − 15 = 45.
      capacities: [60],
      flows: [{ path: [0] }, { path: [0], weight: 3, cap: 15 }],
      rates: [45, 15],
      bottleneck: [0, -1],
    },
    {
      name: "a zero-capacity constraint stalls its flows and only them",
      // C0 = 0 saturates at λ = 0: f0 = f2 = 0. C1 = 10 then has 10 for f1 alone.
      capacities: [0, 10],
      flows: [{ path: [0, 1] }, { path: [1] }, { path: [0] }],
      rates: [0, 10, 0],
      bottleneck: [0, 1, 0],
    },
    {
      name: "a flow with only a cap and no constraint runs at its cap",
      // f0 has no path: rate = cap = 7. f1 has the 10 B/s link to itself.
      capacities: [10],
      flows: [{ path: [], cap: 7 }, { path: [0] }],
      rates: [7, 10],
      bottleneck: [-1, 0],
    },
    {
      name: "no constraints at all, capped flows only",
      capacities: [],
      flows: [
        { path: [], cap: 3 },
        { path: [], cap: 4, weight: 2 },
      ],
      rates: [3, 4],
      bottleneck: [-1, -1],
    },
    {
      name: "a constraint nobody crosses is ignored",
      capacities: [5, 100],
      flows: [{ path: [0] }],
      rates: [5],
      bottleneck: [0],
    },
    {
      name: "no flows",
      capacities: [5],
      flows: [],
      rates: [],
      bottleneck: [],
    },
  ] as const;

  test.for(rows)("$name", ({ capacities, flows, rates, bottleneck }) => {
    const got = solve(capacities, flows);
    expect(got.rates).toEqual(rates.map((r) => expect.closeTo(r, 9)));
    expect(got.bottleneck).toEqual(bottleneck);
  });

  test("reuses `out` when it is large enough and allocates a new result otherwise", () => {
    const out: MaxMinResult = { rates: new Float64Array(4), bottleneck: new Int32Array(4) };
    const small = maxMinRates(problemOf([90], [{ path: [0] }, { path: [0] }]), undefined, out);
    expect(small).toBe(out);
    expect(Array.from(out.rates.subarray(0, 2))).toEqual([45, 45]);
    const big = maxMinRates(
      problemOf(
        [90],
        Array.from({ length: 5 }, () => ({ path: [0] })),
      ),
      undefined,
      out,
    );
    expect(big).not.toBe(out);
    expect(Array.from(big.rates)).toEqual([18, 18, 18, 18, 18]);
  });
});

describe("maxMinRates numerics", () => {
  test.for([
    { name: "weights 1e12 and 1e-6", weights: [1e12, 1e-6] },
    { name: "weights 1e9 and 1e-3", weights: [1e9, 1e-3] },
  ] as const)("very unequal weights ($name) still give exact rates", ({ weights }) => {
    // Flow 0 crosses both constraints and is held to 1 by constraint 1; flow 1 gets the other 9 of constraint 0.
    const { rates } = maxMinRates({
      capacities: [10, 1],
      flowCount: 2,
      weights,
      caps: [Infinity, Infinity],
      pathStart: [0, 2, 3],
      pathIndex: [0, 1, 0],
    });
    expect(rates[0]).toBe(1);
    expect(rates[1]).toBeCloseTo(9, 9);
  });
});

describe("maxMinRates input validation", () => {
  test("a negative or NaN capacity is a RangeError naming the constraint", () => {
    expect(() => solve([5, -1], [{ path: [0] }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid capacity of constraint 1: -1]`,
    );
    expect(() => solve([NaN], [{ path: [0] }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid capacity of constraint 0: NaN]`,
    );
  });

  test("a weight ≤ 0 or infinite is a RangeError naming the flow", () => {
    expect(() => solve([5], [{ path: [0] }, { path: [0], weight: 0 }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid weight of flow 1: 0]`,
    );
    expect(() => solve([5], [{ path: [0], weight: -2 }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid weight of flow 0: -2]`,
    );
    expect(() => solve([5], [{ path: [0], weight: Infinity }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid weight of flow 0: Infinity]`,
    );
  });

  test("a cap ≤ 0 or NaN is a RangeError naming the flow", () => {
    expect(() => solve([5], [{ path: [0], cap: 0 }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid rate cap of flow 0: 0]`,
    );
    expect(() => solve([5], [{ path: [0], cap: NaN }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid rate cap of flow 0: NaN]`,
    );
  });

  test("a constraint index out of range is a RangeError naming the flow and the index", () => {
    expect(() => solve([5], [{ path: [0] }, { path: [0, 1] }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid constraint index of flow 1: 1]`,
    );
    expect(() => solve([5], [{ path: [-1] }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid constraint index of flow 0: -1]`,
    );
  });

  test("a flow with neither a constraint nor a cap is unbounded", () => {
    expect(() => solve([5], [{ path: [0] }, { path: [] }])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unbounded flow 1: no constraint and no rate cap]`,
    );
  });
});

/**
 * Naive progressive filling, the reference for the differential test: at every step recompute each
 * constraint's saturation level from scratch (capacity minus the frozen flows' rates, over the unfrozen
 * flows' weight) and each unfrozen capped flow's level by linear scan, take the smallest, freeze.
 */
function referenceRates(capacities: readonly number[], flows: readonly FlowSpec[]): number[] {
  const rates: (number | undefined)[] = flows.map(() => undefined);
  let level = 0;
  for (;;) {
    let best = Infinity;
    let byConstraint = -1;
    let byCap = -1;
    for (let j = 0; j < capacities.length; j++) {
      let used = 0;
      let weight = 0;
      flows.forEach((f, i) => {
        if (!f.path.includes(j)) return;
        const r = rates[i];
        if (r === undefined) weight += f.weight ?? 1;
        else used += r;
      });
      if (weight === 0) continue;
      const lv = ((capacities[j] ?? 0) - used) / weight;
      if (lv < best) [best, byConstraint, byCap] = [lv, j, -1];
    }
    flows.forEach((f, i) => {
      if (rates[i] !== undefined || f.cap === undefined) return;
      const lv = f.cap / (f.weight ?? 1);
      if (lv < best) [best, byConstraint, byCap] = [lv, -1, i];
    });
    if (best === Infinity) break;
    level = Math.max(level, best);
    if (byCap >= 0) rates[byCap] = flows[byCap]?.cap;
    else {
      flows.forEach((f, i) => {
        if (rates[i] === undefined && f.path.includes(byConstraint)) rates[i] = (f.weight ?? 1) * level;
      });
    }
  }
  return rates.map((r) => r ?? NaN);
}

interface Instance {
  capacities: number[];
  flows: FlowSpec[];
}

/** 1–8 constraints with capacities in [0, 1000] (some exactly 0, some integers to provoke ties); 1–30 flows. */
const instance: fc.Arbitrary<Instance> = fc.integer({ min: 1, max: 8 }).chain((m) =>
  fc.record({
    capacities: fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 1000 }) },
        { weight: 6, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
      ),
      { minLength: m, maxLength: m },
    ),
    flows: fc.array(
      fc.record({
        path: fc.uniqueArray(fc.integer({ min: 0, max: m - 1 }), { minLength: 1, maxLength: m }),
        weight: fc.oneof(fc.constantFrom(1, 2, 3), fc.double({ min: 0.1, max: 10, noNaN: true })),
        cap: fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.1, max: 1000, noNaN: true })), {
          freq: 3,
          nil: undefined,
        }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  }),
);

const PROPS = { seed: 42, numRuns: 300 };

/** Total rate of the flows crossing constraint j. */
function load(inst: Instance, rates: readonly number[], j: number): number {
  let sum = 0;
  inst.flows.forEach((f, i) => {
    if (f.path.includes(j)) sum += rates[i] ?? NaN;
  });
  return sum;
}

/**
 * True when constraint j bottlenecks flow i: j is saturated (within relative 1e-9) and no flow crossing j
 * has a larger rate per unit weight than flow i.
 */
function bottlenecks(inst: Instance, rates: readonly number[], i: number, j: number): boolean {
  const cap = inst.capacities[j] ?? NaN;
  if (!atLeast(load(inst, rates, j), cap)) return false;
  const flow = inst.flows[i];
  if (flow === undefined || !flow.path.includes(j)) return false;
  const mine = (rates[i] ?? NaN) / (flow.weight ?? 1);
  return inst.flows.every((g, k) => !g.path.includes(j) || atLeast(mine, (rates[k] ?? NaN) / (g.weight ?? 1)));
}

/** Smallest rate per unit weight over all flows. */
function floorLevel(inst: Instance, rates: readonly number[]): number {
  return Math.min(...inst.flows.map((f, i) => (rates[i] ?? NaN) / (f.weight ?? 1)));
}

describe("maxMinRates properties over random instances", () => {
  propTest.prop([instance], PROPS)("no constraint carries more than its capacity", (inst) => {
    const { rates } = solve(inst.capacities, inst.flows);
    inst.capacities.forEach((c, j) => {
      expect(load(inst, rates, j)).toBeLessThanOrEqual(c * (1 + 1e-9) + 1e-9);
    });
  });

  propTest.prop([instance], PROPS)("rates are non-negative and never exceed a flow's cap", (inst) => {
    const { rates } = solve(inst.capacities, inst.flows);
    inst.flows.forEach((f, i) => {
      const r = rates[i] ?? NaN;
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual((f.cap ?? Infinity) * (1 + 1e-12));
    });
  });

  propTest.prop([instance], PROPS)(
    "every flow is bottlenecked: at its cap, or at a saturated constraint where nobody gets more per unit weight",
    (inst) => {
      const { rates } = solve(inst.capacities, inst.flows);
      inst.flows.forEach((f, i) => {
        const atCap = f.cap !== undefined && close(rates[i] ?? NaN, f.cap);
        expect(atCap || f.path.some((j) => bottlenecks(inst, rates, i, j)), `flow ${i}`).toBe(true);
      });
    },
  );

  propTest.prop([instance], PROPS)(
    "the reported bottleneck index is the cap (−1) or a bottlenecking constraint",
    (inst) => {
      const { rates, bottleneck } = solve(inst.capacities, inst.flows);
      inst.flows.forEach((f, i) => {
        const b = bottleneck[i] ?? NaN;
        if (b === -1) {
          expect(f.cap, `flow ${i} reported capped`).toBeDefined();
          expect(close(rates[i] ?? NaN, f.cap ?? NaN), `flow ${i} at its cap`).toBe(true);
        } else {
          expect(bottlenecks(inst, rates, i, b), `flow ${i} bottlenecked by constraint ${b}`).toBe(true);
        }
      });
    },
  );

  propTest.prop([instance, fc.nat(), fc.double({ min: 0, max: 1000, noNaN: true })], PROPS)(
    "raising one constraint's capacity never lowers the smallest rate per unit weight",
    (inst, which, extra) => {
      const j = which % inst.capacities.length;
      const before = floorLevel(inst, solve(inst.capacities, inst.flows).rates);
      const raised = inst.capacities.map((c, k) => (k === j ? c + extra : c));
      const after = floorLevel({ ...inst, capacities: raised }, solve(raised, inst.flows).rates);
      expect(atLeast(after, before)).toBe(true);
    },
  );

  propTest.prop([instance], PROPS)("equals the naive progressive-filling reference within 1e-9 relative", (inst) => {
    const { rates } = solve(inst.capacities, inst.flows);
    const want = referenceRates(inst.capacities, inst.flows);
    rates.forEach((r, i) => {
      expect(close(r, want[i] ?? NaN), `flow ${i}: ${r} vs reference ${want[i]}`).toBe(true);
    });
  });

  const shared = new MaxMinScratch();
  let sharedOut: MaxMinResult | undefined;
  propTest.prop([instance], PROPS)(
    "reusing scratch memory and `out` across instances gives identical results",
    (inst) => {
      const fresh = solve(inst.capacities, inst.flows);
      const problem = problemOf(inst.capacities, inst.flows);
      sharedOut = maxMinRates(problem, shared, sharedOut);
      expect(Array.from(sharedOut.rates.subarray(0, inst.flows.length))).toEqual(fresh.rates);
      expect(Array.from(sharedOut.bottleneck.subarray(0, inst.flows.length))).toEqual(fresh.bottleneck);
    },
  );
});
