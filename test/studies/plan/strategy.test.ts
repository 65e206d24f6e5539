/**
 * The smart strategy against brute force: over generated goals, objectives and sub-grids of a small storage
 * search space, it picks the same cheapest feasible design as the exhaustive strategy, with no more simulations
 * (and, on the full grid, far fewer); its pruning never removes a design that would have been chosen.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { planScenario } from "../../../src/studies/plan/plan.ts";
import type { ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import { memoRunner, smallConfig } from "./small-scenario.ts";

const GP3 = ["125MiB/s", "250MiB/s", "375MiB/s", "500MiB/s", "625MiB/s", "750MiB/s", "875MiB/s", "1000MiB/s"];
const IO2 = [100, 200, 400, 800, 1600];
const LUSTRE = ["1.2TiB", "2.4TiB", "4.8TiB"];

/** A search space from the chosen levels (an empty list leaves that preset out). */
function space(gp3: string[], io2: number[], lustre: string[], cache: boolean): ScenarioSpec["search"] {
  const data = [
    ...(gp3.length ? [{ preset: "ebs-gp3", throughput: gp3 }] : []),
    ...(io2.length ? [{ preset: "ebs-io2", iops: io2 }] : []),
    ...(lustre.length ? [{ preset: "fsx-lustre", capacity: lustre }] : []),
  ];
  return { storage: { data }, ...(cache ? { jobs: { train: { cachePerNode: [0, "50GB"] } } } : {}) };
}

const memo = memoRunner();

async function both(goal: ScenarioSpec["goal"], search: ScenarioSpec["search"]) {
  const config = smallConfig({ goal, search });
  memo.reset();
  const smart = await planScenario(config, { strategy: "smart", makeRunner: memo.make });
  const smartRuns = memo.count();
  memo.reset();
  const brute = await planScenario(config, { strategy: "exhaustive", makeRunner: memo.make });
  return { smart, brute, smartRuns, bruteRuns: memo.count() };
}

describe("smart search vs brute force", () => {
  test.for([
    ["totalUsd", "80%"],
    ["perMonthUsd", "80%"],
    ["totalUsd", "95%"],
    ["perMonthUsd", "50%"],
  ] as const)("%s, utilisation ≥ %s on the full grid: same design, fewer simulations", async ([minimise, u]) => {
    const { smart, brute, smartRuns, bruteRuns } = await both(
      { utilisation: u, minimise },
      space(GP3, IO2, LUSTRE, true),
    );
    expect(brute.chosen).not.toBeNull();
    expect(smart.chosen?.id).toBe(brute.chosen?.id);
    expect(smart.chosen?.metrics).toEqual(brute.chosen?.metrics);
    expect(bruteRuns).toBe(32);
    expect(smartRuns).toBe(smart.counts.simulated);
    expect(smartRuns).toBeLessThan(bruteRuns / 2);
  });

  propTest.prop(
    [
      fc.subarray(GP3),
      fc.subarray(IO2),
      fc.subarray(LUSTRE),
      fc.boolean(),
      fc.constantFrom("totalUsd", "perMonthUsd"),
      fc.double({ min: 0.05, max: 0.999, noNaN: true }),
    ],
    { seed: 7, numRuns: 40 },
  )(
    "any sub-grid, goal and objective: the same cheapest feasible design",
    async (gp3, io2, lustre, cache, minimise, u) => {
      fc.pre(gp3.length + io2.length + lustre.length > 0);
      const { smart, brute, smartRuns, bruteRuns } = await both(
        { utilisation: u, minimise: minimise as "totalUsd" | "perMonthUsd" },
        space(gp3, io2, lustre, cache),
      );
      expect(smart.chosen?.id ?? null).toBe(brute.chosen?.id ?? null);
      expect(smartRuns).toBeLessThanOrEqual(bruteRuns);
      // No pruned design is cheaper than the chosen one and feasible (brute force knows them all).
      for (const d of smart.designs.filter((x) => x.status.startsWith("pruned"))) {
        const b = brute.designs[d.id]!;
        if (b.status === "chosen" || b.status === "feasible") {
          expect(b.metrics!.objectiveUsd).toBeGreaterThanOrEqual(brute.chosen!.metrics!.objectiveUsd);
        }
      }
    },
  );

  test("a deadline goal over GPU counts and storage: same design as brute force", async () => {
    const goal = { deadline: "6m", minimise: "totalUsd" } as const;
    const search = { ...space(GP3, [], LUSTRE, false), jobs: { train: { gpus: [8, 16, 32] } } };
    const { smart, brute, smartRuns, bruteRuns } = await both(goal, search);
    expect(brute.chosen).not.toBeNull();
    expect(smart.chosen?.id).toBe(brute.chosen?.id);
    expect(smartRuns).toBeLessThan(bruteRuns);
  });

  test("a design pruned as infeasible is covered by a simulated design that misses the goal", async () => {
    const { smart } = await both({ utilisation: "99.5%" }, space(GP3, [], [], false));
    const pruned = smart.designs.filter((d) => d.status === "pruned-infeasible");
    expect(smart.chosen).toBeNull();
    expect(pruned.length).toBeGreaterThan(0);
    for (const d of pruned)
      expect(d.reason).toMatch(/^not simulated: #\d+, with at least this performance, has utilisation/);
  });
});
