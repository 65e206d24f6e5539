/**
 * The gang scheduler: a hand-checked trace (4 jobs on 2 nodes, with and without EASY backfill), FIFO order,
 * priority order, and properties over random job lists and policies (no GPU double-booked at any event;
 * every job that fits the cluster runs; FIFO without backfill starts jobs in submit order).
 */
import { fc, test as ftest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { buildCluster, type Cluster, type NodePool } from "../../../src/models/cluster/cluster.ts";
import { gangShape } from "../../../src/models/cluster/gang-placement.ts";
import { GangScheduler, type SchedulingPolicy } from "../../../src/models/cluster/gang-scheduler.ts";
import { nodeTypeByName } from "../../../src/models/cluster/node-types.ts";
import { makeEngine } from "../../helpers/engine.ts";

const P5 = nodeTypeByName("p5.48xlarge"); // 8 GPUs per node

function pool(name: string, nodes: number, zone = "a"): NodePool {
  return {
    name,
    nodeType: P5,
    nodes,
    zone,
    nicBytesPerSecond: 1e9,
    remoteDiskBytesPerSecond: Infinity,
    gpuUsdPerHour: 1,
  };
}

interface FakeJob {
  name: string;
  submit: number;
  gpus: number;
  gpusPerNode?: number;
  runs: number;
  priority?: number;
  /** What the scheduler is told (default: the true run time). */
  estimate?: number;
}

/** Runs fake jobs (each holds its GPUs for `runs` µs) and returns the records and the free-GPU trace. */
function run(cluster: Cluster, policy: SchedulingPolicy, jobs: readonly FakeJob[]) {
  const engine = makeEngine();
  const trace: number[][] = [];
  const s = new GangScheduler(engine, cluster, policy, (_, free) => trace.push([...free]));
  for (const j of jobs) {
    s.submit({
      name: j.name,
      submitUs: j.submit,
      priority: j.priority ?? 0,
      request: { perNode: gangShape(j.gpus, j.gpusPerNode ?? 8) },
      estimateUs: j.estimate ?? j.runs,
      launch: (_, release) => engine.post(j.runs, 1, release),
    });
  }
  engine.runUntilIdle();
  return { records: s.records, trace, waiting: s.waiting };
}

const times = (r: ReturnType<typeof run>) =>
  Object.fromEntries(r.records.map((x) => [x.name, [x.startUs, x.endUs, x.placement!.nodes.join("+")]]));

describe("a hand-checked trace: 2 nodes × 8 GPUs", () => {
  // A holds node 0 for 10 µs; B needs both nodes, so it waits for A (its reservation: t = 10). C (8 GPUs,
  // 4 µs) and D (8 GPUs, 20 µs) arrive behind B while node 1 is free.
  const cluster = buildCluster([pool("gpu", 2)]);
  const jobs: FakeJob[] = [
    { name: "A", submit: 0, gpus: 8, runs: 10 },
    { name: "B", submit: 1, gpus: 16, runs: 5 },
    { name: "C", submit: 2, gpus: 8, runs: 4 },
    { name: "D", submit: 3, gpus: 8, runs: 20 },
  ];

  test("FIFO without backfill: C and D wait behind B (start order = submit order)", () => {
    const r = run(cluster, { order: "fifo", backfill: false }, jobs);
    // B starts when A ends (10) and ends at 15; then C takes node 0 and D node 1, both at 15.
    expect(times(r)).toEqual({
      A: [0, 10, "0"],
      B: [10, 15, "0+1"],
      C: [15, 19, "0"],
      D: [15, 35, "1"],
    });
  });

  test("FIFO with EASY backfill: C runs on node 1 at once (ends at 6 ≤ B's reservation at 10); D may not", () => {
    const r = run(cluster, { order: "fifo", backfill: true }, jobs);
    // D would hold node 1 past 10 (it fits at 6, when C ends), delaying B: it waits until B ends at 15 and
    // takes the first free node.
    expect(times(r)).toEqual({
      A: [0, 10, "0"],
      B: [10, 15, "0+1"],
      C: [2, 6, "1"],
      D: [15, 35, "0"],
    });
  });

  test("backfill trusts estimates: C told 9 µs still fits before 10, told 20 µs it waits", () => {
    const told = (estimate: number) =>
      times(
        run(
          cluster,
          { order: "fifo", backfill: true },
          jobs.map((j) => (j.name === "C" ? { ...j, estimate } : j)),
        ),
      );
    expect(told(8).C).toEqual([2, 6, "1"]); // 2 + 8 = 10: exactly the reservation, allowed
    expect(told(9).C).toEqual([15, 19, "0"]); // 2 + 9 = 11 > 10
  });

  test("priority: a later high-priority job goes first when GPUs free up; without backfill the head blocks", () => {
    const r = run(cluster, { order: "priority", backfill: false }, [
      { name: "A", submit: 0, gpus: 16, runs: 10 },
      { name: "low", submit: 1, gpus: 8, runs: 5 },
      { name: "high", submit: 2, gpus: 16, runs: 5, priority: 5 },
    ]);
    expect(times(r)).toEqual({ A: [0, 10, "0+1"], high: [10, 15, "0+1"], low: [15, 20, "0"] });
  });

  test("a GPU freed at t is visible to a job arriving at t", () => {
    const r = run(cluster, { order: "fifo", backfill: false }, [
      { name: "A", submit: 0, gpus: 16, runs: 10 },
      { name: "B", submit: 10, gpus: 16, runs: 1 },
    ]);
    expect(times(r).B).toEqual([10, 11, "0+1"]);
  });

  test("a job that never fits is refused at submit", () => {
    expect(() =>
      run(cluster, { order: "fifo", backfill: false }, [{ name: "big", submit: 0, gpus: 24, runs: 1 }]),
    ).toThrow(/job big never fits the cluster: 8\+8\+8 GPUs/);
  });
});

describe("zones: a gang never spans zones", () => {
  test("16 GPUs over two zones of one node each never fit; in one zone of two nodes they do", () => {
    const split = buildCluster([pool("a", 1, "a"), pool("b", 1, "b")]);
    expect(() => run(split, { order: "fifo", backfill: false }, [{ name: "x", submit: 0, gpus: 16, runs: 1 }])).toThrow(
      /never fits/,
    );
    const r = run(buildCluster([pool("a", 1, "a"), pool("b", 2, "b")]), { order: "fifo", backfill: false }, [
      { name: "x", submit: 0, gpus: 16, runs: 1 },
    ]);
    expect(times(r).x).toEqual([0, 1, "1+2"]);
  });
});

const jobArb = fc.record({
  submit: fc.integer({ min: 0, max: 50 }),
  gpus: fc.integer({ min: 1, max: 16 }),
  gpusPerNode: fc.constantFrom(1, 2, 4, 8),
  runs: fc.integer({ min: 1, max: 30 }),
  priority: fc.integer({ min: 0, max: 3 }),
  /** Estimates off by up to ×2 either way. */
  skew: fc.double({ min: 0.5, max: 2, noNaN: true }),
});
const policyArb = fc.record({ order: fc.constantFrom("fifo" as const, "priority" as const), backfill: fc.boolean() });
const clusterArb = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 });

describe("properties over random job lists and policies", () => {
  ftest.prop([clusterArb, policyArb, fc.array(jobArb, { minLength: 1, maxLength: 12 })], { seed: 11, numRuns: 150 })(
    "no GPU is double-booked at any event, and every job that fits the cluster runs to its end",
    (sizes, policy, raw) => {
      const cluster = buildCluster(sizes.map((n, i) => pool(`p${i}`, n, `z${i % 2}`)));
      // A gang fits when one zone has enough nodes (every node has 8 GPUs ≥ gpusPerNode).
      const fits = (j: (typeof raw)[number]) =>
        cluster.zones.some(
          (z) => cluster.nodes.filter((n) => n.zone === z).length >= Math.ceil(j.gpus / j.gpusPerNode),
        );
      const jobs = raw.filter(fits).map((j, k) => ({
        name: `j${k}`,
        submit: j.submit,
        gpus: j.gpus,
        gpusPerNode: j.gpusPerNode,
        runs: j.runs,
        priority: j.priority,
        estimate: Math.max(1, Math.round(j.runs * j.skew)),
      }));
      const r = run(cluster, policy, jobs);
      const cap = cluster.nodes.map((n) => n.gpus);
      for (const free of r.trace) free.forEach((f, n) => expect(f >= 0 && f <= cap[n]!).toBe(true));
      // Independently of the scheduler's own bookkeeping: GPUs held on each node at each start ≤ capacity.
      for (const a of r.records) {
        expect(a.startUs).toBeGreaterThanOrEqual(a.submitUs);
        expect(a.endUs).toBeGreaterThan(a.startUs);
        const held = cap.map(() => 0);
        for (const b of r.records) {
          if (b.startUs <= a.startUs && a.startUs < b.endUs)
            b.placement!.nodes.forEach((n, k) => (held[n]! += b.placement!.gpus[k]!));
        }
        held.forEach((h, n) => expect(h).toBeLessThanOrEqual(cap[n]!));
      }
      expect(r.waiting).toBe(0);
      expect(r.records.length).toBe(jobs.length);
      if (jobs.length > 0) expect(r.trace.at(-1)).toEqual(cap);
    },
  );

  ftest.prop([clusterArb, fc.array(jobArb, { minLength: 1, maxLength: 12 })], { seed: 12, numRuns: 150 })(
    "FIFO without backfill starts jobs in submit order",
    (sizes, raw) => {
      const cluster = buildCluster(sizes.map((n, i) => pool(`p${i}`, n, "a")));
      const nodes = cluster.nodes.length;
      const jobs = raw
        .filter((j) => Math.ceil(j.gpus / j.gpusPerNode) <= nodes)
        .map((j, k) => ({ name: `j${k}`, submit: j.submit, gpus: j.gpus, gpusPerNode: j.gpusPerNode, runs: j.runs }));
      const r = run(cluster, { order: "fifo", backfill: false }, jobs);
      const fifo = [...r.records].sort(
        (a, b) => a.submitUs - b.submitUs || a.name.localeCompare(b.name, "en", { numeric: true }),
      );
      for (let i = 1; i < fifo.length; i++) expect(fifo[i]!.startUs).toBeGreaterThanOrEqual(fifo[i - 1]!.startUs);
    },
  );
});
