/**
 * Scenarios with an explicit cluster (`cluster.pools`): validation of cluster-only fields, egress on a
 * hand-checked case (bytes crossed × price per GB), zones (WaitForFirstConsumer vs Immediate binding, a shared
 * file system in one zone), the timeline and GPU-hours summing to the cluster's GPUs × wall time with
 * `unallocated`, determinism, and the two fidelities agreeing within 1% on the bundled cluster scenarios.
 */
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../src/scenarios/bundled.ts";
import { formatIssues, isScenarioError, type ScenarioError } from "../../src/scenarios/errors.ts";
import { CAUSES } from "../../src/models/gpu-time.ts";
import type { AlternativeResult, ScenarioResult } from "../../src/scenarios/result/index.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

const CLUSTER_SCENARIOS = ["cluster-many-jobs", "cluster-zones", "cluster-storage-designs", "cluster-mixed-mig"];

/** One 8-GPU job reading 2 × 100 MB per step for 100 steps (160 GB, no cache) from a 10 TB FSx for Lustre in zone a. */
function twoZones(pool: "a" | "b"): ScenarioSpec {
  return {
    name: "egress",
    fidelity: "per-step",
    cluster: {
      nodeType: "p5.48xlarge",
      pools: [
        { name: "a", nodes: 1, zone: "zone-a" },
        { name: "b", nodes: 1, zone: "zone-b" },
      ],
    },
    storage: { data: { preset: "fsx-lustre", capacity: "10TB", zone: "zone-a" } },
    jobs: [
      {
        name: "train",
        gpus: 8,
        pools: [pool],
        steps: 100,
        compute: { stepTime: "1s" },
        data: { storage: "data", samplesPerStep: 2, sampleSize: "100MB", datasetSize: "100TB" },
        imagePull: "0s",
      },
    ],
  };
}

/** The only alternative of a scenario without designs. */
const only = (r: ScenarioResult): AlternativeResult => {
  expect(r.alternatives).toHaveLength(1);
  return r.alternatives[0]!;
};

async function bundled(name: string) {
  return validateScenario((await loadScenario(name)).data);
}

function issues(spec: unknown): string {
  try {
    validateScenario(spec, "s.yaml");
  } catch (e) {
    expect(isScenarioError(e)).toBe(true);
    return formatIssues((e as ScenarioError).issues);
  }
  return "";
}

describe("validation", () => {
  test("cluster-only fields need cluster.pools", () => {
    const s = twoZones("a") as ScenarioSpec & { cluster: Record<string, unknown> };
    const { pools: _, ...plain } = s.cluster;
    expect(issues({ ...s, cluster: plain })).toMatchInlineSnapshot(`
      "jobs[0].pools: needs an explicit cluster (cluster.pools)
      storage.data.zone: needs an explicit cluster (cluster.pools)"
    `);
  });

  test("unknown pools, zones and bindings, and duplicate names, are issues at their paths", () => {
    const s = twoZones("a");
    expect(
      issues({
        ...s,
        cluster: { ...s.cluster, pools: [...s.cluster.pools!, { name: "a", nodes: 1 }] },
        storage: { data: { preset: "fsx-lustre", zone: "zone-c" } },
        jobs: [{ ...s.jobs[0]!, pools: ["gpu"] }],
        designs: [{ name: "x", storage: { other: { preset: "nfs-share" } } }],
      }),
    ).toMatchInlineSnapshot(`
      "cluster.pools[2].name: duplicate pool name "a"
      jobs[0].pools[0]: unknown pool "gpu" (defined: "a", "b", "a")
      storage.data.zone: unknown zone "zone-c" (the pools' zones: "zone-a", "zone-b", "default")
      designs[0].storage.other: replaces unknown storage binding "other" (defined: "data")"
    `);
  });
});

describe("egress: bytes crossed × price per GB", () => {
  // FSx for Lustre is AWS: $0.01/GB out of one zone and $0.01/GB into the other, $0.02 per GB moved.
  test("a job in zone b reading a file system in zone a pays 160 GB × $0.02/GB = $3.20", () => {
    const a = only(runScenario(validateScenario(twoZones("b"))));
    expect(a.name).toBe("cluster");
    const job = a.jobs[0]!;
    expect(job.zone).toBe("zone-b");
    expect(job.bytesRead).toBe(8 * 100 * 2 * 100e6); // 1.6 × 10^11 bytes: every sample from storage
    const w = a.cluster!.workloads[0]!;
    expect(w.crossZone).toEqual(["data"]);
    expect(w.egressBytes).toBe(1.6e11);
    expect(w.egressUsd).toBeCloseTo(3.2, 12);
    expect(a.cost.egressUsd).toBeCloseTo(3.2, 12);
    expect(a.storage[0]!.zone).toBe("zone-a");
  });

  test("the same job in zone a pays none, and reads without the inter-zone round trip", () => {
    const local = only(runScenario(validateScenario(twoZones("a"))));
    const remote = only(runScenario(validateScenario(twoZones("b"))));
    expect(local.cost.egressUsd).toBe(0);
    expect(local.cluster!.workloads[0]!.crossZone).toEqual([]);
    expect(remote.jobs[0]!.completionHours).toBeGreaterThanOrEqual(local.jobs[0]!.completionHours);
  });
});

describe("zones on the bundled cluster-zones scenario", async () => {
  const r = runScenario(await bundled("cluster-zones"));
  const design = (name: string) => r.alternatives.find((d) => d.name === name)!;
  const zones = (name: string) => design(name).cluster!.workloads.map((w) => w.zone);

  test("WaitForFirstConsumer: volumes land where GPUs are free (4 jobs start at once on 3 + 1 nodes)", () => {
    const d = design("rwo-wait-for-first-consumer");
    expect(d.cluster!.workloads.filter((w) => w.startHours === 0)).toHaveLength(4);
  });

  test("Immediate: volumes round robin over the zones pin the jobs, so zone b's one node runs 3 jobs in turn", () => {
    expect(zones("rwo-immediate")).toEqual([
      "us-east-1a",
      "us-east-1b",
      "us-east-1a",
      "us-east-1b",
      "us-east-1a",
      "us-east-1b",
    ]);
    expect(design("rwo-immediate").cluster!.queueing.meanHours).toBeGreaterThan(
      design("rwo-wait-for-first-consumer").cluster!.queueing.meanHours,
    );
    expect(design("rwo-immediate").cost.gpuUsdByCause.unallocated).toBeGreaterThan(
      design("rwo-wait-for-first-consumer").cost.gpuUsdByCause.unallocated,
    );
  });

  test("one shared file system in one zone: pods in the other read across zones and pay egress; copies per zone do not", () => {
    const shared = design("rwx-shared-one-zone");
    const copies = design("rwx-copy-per-zone");
    const crossing = shared.cluster!.workloads.filter((w) => w.zone !== shared.storage[0]!.zone);
    expect(crossing.length).toBeGreaterThan(0);
    for (const w of crossing)
      expect(w.egressUsd).toBeCloseTo((shared.jobs.find((j) => j.name === w.name)!.bytesRead / 1e9) * 0.02, 9);
    expect(copies.cost.egressUsd).toBe(0);
    expect(copies.storage[0]!.volumes).toBe(2);
    expect(copies.cost.storageUsd / copies.wallHours).toBeCloseTo((2 * shared.cost.storageUsd) / shared.wallHours, 6);
  });
});

describe("GPU time and the timeline on a cluster", async () => {
  const s = await bundled("cluster-many-jobs");
  const r = runScenario(s);

  test("every design's GPU-hours (jobs' causes + unallocated) are its GPUs × wall time, per node too", () => {
    expect(r.alternatives.map((a) => a.name)).toEqual(["fifo", "priority-backfill"]);
    for (const d of r.alternatives) {
      expect(d.gpuHours.total).toBeCloseTo(d.gpus * d.wallHours, 6);
      for (const n of d.cluster!.nodes) {
        const sum = CAUSES.reduce((a, c) => a + n.gpuHoursByCause[c], 0);
        expect(sum).toBeCloseTo(n.gpus * d.wallHours, 6);
      }
      expect(d.gpuHours.byCause.unallocated).toBeGreaterThan(0);
    }
  });

  test("each design's timeline bins sum per cause to its totals, and each full bin to its 32 GPUs", () => {
    for (const d of r.alternatives) {
      const tl = d.timeline;
      for (const c of CAUSES) {
        expect(tl.gpuHoursByCause[c].reduce((a, b) => a + b, 0)).toBeCloseTo(d.gpuHours.byCause[c], 6);
      }
      for (let b = 0; (b + 1) * tl.binHours <= d.wallHours; b++) {
        const sum = CAUSES.reduce((a, c) => a + tl.gpuHoursByCause[c][b]!, 0);
        expect(sum).toBeCloseTo(32 * tl.binHours, 6);
      }
    }
  });

  test("priority with backfill queues less than FIFO; FIFO starts jobs in submit order", () => {
    const [fifo, backfill] = r.alternatives.map((a) => a.cluster!);
    expect(backfill!.queueing.meanHours).toBeLessThan(fifo!.queueing.meanHours);
    const starts = [...fifo!.workloads].sort((a, b) => a.submitHours - b.submitHours).map((w) => w.startHours);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]!);
  });

  test("the same seed gives the same document; another seed other arrivals", () => {
    expect(JSON.stringify(runScenario(s))).toBe(JSON.stringify(r));
    const other = runScenario(s, { seed: 2 });
    const submits = (x: ScenarioResult) => x.alternatives[0]!.jobs.map((j) => j.submitHours);
    expect(submits(other)).not.toEqual(submits(r));
  });

  test("with serving workloads: training hours + serving hours = cluster GPUs × wall time", async () => {
    const m = runScenario(await bundled("cluster-mixed-mig"));
    for (const d of m.alternatives) {
      const training = d.jobs.reduce((a, j) => a + CAUSES.reduce((x, c) => x + j.gpuHoursByCause[c], 0), 0);
      const w = d.inference.find((x) => x.name === "chat")!;
      // The design's unallocated GPU time: the GPUs no workload held, plus the serving pool's empty slots.
      const free = d.gpuHours.byCause.unallocated - w.gpuHours.byCause.unallocated;
      expect(training + w.gpuHours.total + free).toBeCloseTo(d.gpus * d.wallHours, 6);
      expect(d.gpuHours.byCause.modelLoad).toBeCloseTo(w.gpuHours.byCause.modelLoad, 9);
      expect(d.gpuHours.byCause.modelLoad).toBeGreaterThan(0);
    }
  });
});

describe("fidelities agree within 1% on the bundled cluster scenarios", () => {
  const pairs: Record<string, [ScenarioResult, ScenarioResult]> = {};
  const both = async (name: string) => {
    if (pairs[name] === undefined) {
      const s = await bundled(name);
      pairs[name] = [runScenario(s, { fidelity: "per-step" }), runScenario(s, { fidelity: "bulk" })];
    }
    return pairs[name];
  };
  test.for(CLUSTER_SCENARIOS)("%s: every job's completion within 1%, AU within 1 point", async (name) => {
    const [a, b] = await both(name);
    a.alternatives.forEach((d, i) => {
      const e = b.alternatives[i]!;
      expect(e.jobs.map((j) => j.name)).toEqual(d.jobs.map((j) => j.name));
      d.jobs.forEach((j, k) => {
        const x = e.jobs[k]!;
        expect(x.fidelity).toBe("bulk");
        expect(Math.abs(x.completionHours - j.completionHours) / j.completionHours).toBeLessThanOrEqual(0.01);
        expect(Math.abs(x.au - j.au)).toBeLessThanOrEqual(0.01);
      });
      expect(Math.abs(e.wallHours - d.wallHours) / d.wallHours).toBeLessThanOrEqual(0.01);
    });
  });
});
