/**
 * Jobs on one shared cluster (src/models/cluster/cluster-sim.ts): two storage-bound jobs on one shared parallel
 * file system each get half its aggregate (a hand case, both fidelities); more aggregate bandwidth never
 * increases any job's data wait (property); GPU time on the cluster partitions into the jobs' causes and
 * unallocated time.
 */
import { fc, test as ftest } from "@fast-check/vitest";
import { CAUSES } from "../../../src/models/gpu-time.ts";
import { describe, expect, test } from "vitest";
import type { ClusterBinding } from "../../../src/models/cluster/binding-zones.ts";
import { buildCluster } from "../../../src/models/cluster/cluster.ts";
import { simulateCluster, type ClusterTrainingJob } from "../../../src/models/cluster/cluster-sim.ts";
import { nodeTypeByName } from "../../../src/models/cluster/node-types.ts";
import type { StorageProfile } from "../../../src/models/storage/profile.ts";
import type { TrainingJob } from "../../../src/models/training/job.ts";
import { syntheticStorage, unet3dJob } from "../../helpers/training.ts";

const P5 = nodeTypeByName("p5.48xlarge");
const cluster = (nodes: number) =>
  buildCluster([
    {
      name: "h100",
      nodeType: P5,
      nodes,
      zone: "a",
      nicBytesPerSecond: Infinity,
      remoteDiskBytesPerSecond: Infinity,
      gpuUsdPerHour: 1,
    },
  ]);
const binding = (profile: StorageProfile): ClusterBinding => ({
  name: profile.name,
  profile,
  bindingMode: "WaitForFirstConsumer",
  zone: undefined,
  perZone: false,
  crossZone: false,
});
const submitted = (job: TrainingJob, submitUs = 0): ClusterTrainingJob => ({
  job,
  dataBinding: job.dataStorage.name,
  checkpointBinding: undefined,
  pageCacheBytesPerNode: 0,
  submitUs,
  priority: 0,
  estimateUs: 1,
  pools: undefined,
});

/** Runs `jobs` (all reading the first one's storage, each on its own node) submitted at 0. */
function run(nodes: number, jobs: TrainingJob[], fidelity: "per-step" | "bulk") {
  const profile = jobs[0]!.dataStorage;
  return simulateCluster({
    cluster: cluster(nodes),
    bindings: new Map([[profile.name, binding(profile)]]),
    jobs: jobs.map((j) => submitted(j)),
    serving: [],
    policy: { order: "fifo", backfill: false },
    fidelity,
    seed: 1,
  });
}

describe("two jobs on one shared parallel file system", () => {
  // 1 GB/s aggregate; each unet3d job (8 H100s, its own node) wants ≈ 25 GB/s, so both are storage-bound
  // throughout: each reads at 0.5 GB/s (62.5 MB/s per rank: a 1,026.2 MB batch every 16.42 s), alone at 1 GB/s.
  const lustre = syntheticStorage({ name: "lustre", readBytesPerSecond: 1e9 });
  const job = (name: string) => unet3dJob(lustre, { name, steps: 20 });

  test.for(["per-step", "bulk"] as const)("%s: each gets half the aggregate; alone, all of it", (fidelity) => {
    const two = run(2, [job("a"), job("b")], fidelity);
    const one = run(2, [job("a")], fidelity);
    const rate = (r: (typeof two.training)[number]) => r.outcome.bytesRead / (r.outcome.wallUs / 1e6);
    for (const r of two.training) expect(rate(r) / 0.5e9).toBeCloseTo(1, 2);
    expect(rate(one.training[0]!) / 1e9).toBeCloseTo(1, 2);
    // The same bytes at half the rate take twice the wall time; each rank reads 0.5 GB/s / 8 = 62.5 MB/s.
    expect(two.training[0]!.outcome.wallUs / one.training[0]!.outcome.wallUs).toBeCloseTo(2, 2);
    expect(rate(two.training[1]!) / 8 / 62.5e6).toBeCloseTo(1, 2);
  });

  test("GPU time partitions: jobs' causes + unallocated = cluster GPUs × wall time", () => {
    const r = run(3, [job("a"), job("b")], "bulk");
    const jobs = r.training.reduce((a, x) => a + x.outcome.gpus * x.outcome.wallUs, 0);
    const free = r.unallocatedPerNode.reduce((a, b) => a + b, 0);
    expect((jobs + free) / (24 * r.endUs)).toBeCloseTo(1, 9);
    expect(r.unallocatedPerNode[2]).toBe(8 * r.endUs); // the third node never held a job
    expect(r.unallocatedSeries.sum(CAUSES.indexOf("unallocated"))).toBeCloseTo(free, 0);
  });
});

describe("a training actor started later on the shared engine", () => {
  test("waits for the GPUs, runs as long as alone, reports its end, and charges GPU time only from its start", () => {
    const lustre = syntheticStorage({ name: "lustre", readBytesPerSecond: 50e9 });
    const big = (name: string) => unet3dJob(lustre, { name, gpus: 16, steps: 10 });
    const r = run(2, [big("first"), big("second")], "bulk");
    const [first, second] = r.training;
    expect(second!.startUs).toBe(first!.endUs);
    expect(second!.endUs - second!.startUs).toBe(second!.outcome.wallUs);
    expect(second!.outcome.wallUs).toBe(first!.outcome.wallUs);
    expect(r.endUs).toBe(second!.endUs);
    const series = second!.outcome.timeline.gpu;
    const before = Math.floor(second!.startUs / series.widthUs) - 1;
    for (let b = 0; b < before; b++) for (let c = 0; c < series.channels; c++) expect(series.value(c, b)).toBe(0);
  });
});

describe("more aggregate bandwidth never increases data wait (property)", () => {
  const jobArb = fc.record({
    steps: fc.integer({ min: 3, max: 25 }),
    samples: fc.integer({ min: 1, max: 4 }),
    mb: fc.integer({ min: 10, max: 300 }),
    computeMs: fc.integer({ min: 100, max: 1000 }),
  });
  ftest.prop(
    [
      fc.array(jobArb, { minLength: 1, maxLength: 3 }),
      fc.double({ min: 0.2, max: 8, noNaN: true }),
      fc.double({ min: 1, max: 4, noNaN: true }),
    ],
    { seed: 5, numRuns: 40 },
  )(
    "every job's data wait with k × the aggregate ≤ with 1 × (all jobs start at 0 on their own nodes)",
    (specs, gbps, k) => {
      const jobs = (aggregate: number) => {
        const storage = syntheticStorage({ name: "fs", readBytesPerSecond: aggregate });
        return specs.map((s, i) =>
          unet3dJob(storage, {
            name: `j${i}`,
            steps: s.steps,
            compute: { stepUs: s.computeMs * 1000, jitterCv: 0 },
            data: { ...unet3dJob(storage).data, samplesPerStep: s.samples, sampleBytes: s.mb * 1e6 },
          }),
        );
      };
      const slow = run(specs.length, jobs(gbps * 1e9), "bulk");
      const fast = run(specs.length, jobs(k * gbps * 1e9), "bulk");
      const wait = (r: typeof slow) => r.training.reduce((a, x) => a + x.outcome.gpuTime.dataWait, 0);
      expect(wait(slow)).toBeGreaterThan(0);
      slow.training.forEach((s, i) => {
        const a = s.outcome.gpuTime.dataWait;
        const b = fast.training[i]!.outcome.gpuTime.dataWait;
        expect(b).toBeLessThanOrEqual(a * (1 + 1e-6) + 8 * 10 * s.outcome.steps);
      });
    },
  );
});
