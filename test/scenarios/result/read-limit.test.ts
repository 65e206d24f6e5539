/**
 * "What do I change?" (issue 13, defect 7): the diagnosis names what limited the reads — from the fluid network's
 * bottlenecks — and the number that lifts it; following that number makes the job stop waiting for data.
 */
import { describe, expect, test } from "vitest";
import { runScenario } from "../../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";

/** 8 H100s (one node) wanting 8 × 2 × 10 MB per 200 ms = 800 MB/s from `storage`, no cache. */
const job = (storage: ScenarioSpec["storage"]): ScenarioSpec => ({
  name: "reads",
  fidelity: "bulk",
  cluster: { nodeType: "p5.48xlarge" },
  storage,
  jobs: [
    {
      name: "train",
      gpus: 8,
      steps: 2000,
      imagePull: "0s",
      compute: { stepTime: "200ms" },
      data: { storage: "data", samplesPerStep: 2, sampleSize: "10MB", datasetSize: "10TB", workers: 8 },
    },
  ],
});

const run = (spec: ScenarioSpec) => runScenario(validateScenario(spec)).alternatives[0]!;
const waitShare = (a: ReturnType<typeof run>) => a.gpuHours.byCause.dataWait / a.gpuHours.total;

describe("read limits", () => {
  test("a gp3 volume at its baseline: the volume's throughput binds; the need is the job's demand; the fix works", () => {
    const a = run(job({ data: { preset: "ebs-gp3", capacity: "2TB" } }));
    const limit = a.jobs[0]!.readLimit!;
    expect(limit.kind).toBe("volume-throughput");
    expect(limit.bytesPerSecond).toBeCloseTo(125 * 2 ** 20, 0);
    expect(limit.share).toBeGreaterThan(0.99);
    // The demand in closed form: 8 GPUs × 2 samples × 10 MB / 0.2 s = 800 MB/s.
    expect(limit.neededBytesPerSecondPerNode / 800e6).toBeCloseTo(1, 2);
    expect(limit.givesFraction).toBeCloseTo((125 * 2 ** 20) / limit.neededBytesPerSecondPerNode, 9);
    const line = a.diagnosis.find((d) => d.startsWith("reads are limited by"))!;
    expect(line).toMatch(
      /each node's ebs-gp3 volume's throughput \(131\.1 MB\/s\).*full speed needs 800(\.\d)? MB\/s per node/,
    );
    const provision = /provision at least ([\d.]+) MB\/s per volume/.exec(limit.fix);
    expect(provision).not.toBeNull();
    // Following the advice: the job stops waiting for data.
    const fixed = run(
      job({ data: { preset: "ebs-gp3", capacity: "2TB", throughput: `${provision![1]}MB/s`, iops: 4000 } }),
    );
    expect(waitShare(a)).toBeGreaterThan(0.5);
    expect(waitShare(fixed)).toBeLessThan(0.01);
  });

  test("a file system's aggregate: the fix is the capacity that gives the need, and it works", () => {
    // 40 MB samples: 3.2 GB/s wanted from 1.2 TiB of PERSISTENT-1000 (≈1.3 GB/s).
    const big = (capacity: string) => {
      const spec = job({ data: { preset: "fsx-lustre", capacity } });
      spec.jobs[0]!.data.sampleSize = "40MB";
      return spec;
    };
    const a = run(big("1.2TiB"));
    const limit = a.jobs[0]!.readLimit!;
    expect(limit.kind).toBe("aggregate");
    expect(limit.neededBytesPerSecondPerNode / 3.2e9).toBeCloseTo(1, 2);
    const line = a.diagnosis.find((d) => d.startsWith("reads are limited by"))!;
    const tib = /a file system of at least ([\d.]+) TiB/.exec(line);
    expect(tib).not.toBeNull();
    expect(waitShare(a)).toBeGreaterThan(0.3);
    expect(waitShare(run(big(`${tib![1]}TiB`)))).toBeLessThan(0.01);
  });

  test("when each reader's one request in flight binds, the fix is more workers, and it works", () => {
    const spec = job({ data: { preset: "local-nvme" } });
    spec.jobs[0]!.data.workers = 1;
    spec.jobs[0]!.data.sampleSize = "100KB";
    spec.jobs[0]!.data.samplesPerStep = 400;
    const a = run(spec);
    const limit = a.jobs[0]!.readLimit!;
    expect(limit.kind).toBe("stream");
    expect(limit.fix).toMatch(/^more loader workers or prefetch \(now 1 workers/);
    spec.jobs[0]!.data.workers = 16;
    expect(waitShare(run(spec))).toBeLessThan(waitShare(a));
  });
});
