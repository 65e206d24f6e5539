/**
 * An alternative's timeline (src/scenarios/result/timeline.ts) and progress: jobs of different lengths on one
 * cluster merged onto one axis exactly (each cause's bins sum to its GPU-hours total, each binding's rates × bin width to the bytes
 * its jobs read and wrote), at most 256 bins, events within the run and capped at 1,000 with the rest
 * counted, the first replication's timeline carried through replications, byte-identical JSON for a seed,
 * and progress that never goes back and ends at jobs × replications × 1000.
 */
import { describe, expect, test } from "vitest";
import { CAUSES } from "../../src/models/gpu-time.ts";
import type { AlternativeResult } from "../../src/scenarios/result/index.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

/**
 * Two jobs of different lengths on one 3-node cluster, one with checkpoints to a second binding and failures; a
 * third binding unused.
 */
const spec = (over: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  name: "two-jobs",
  cluster: { nodeType: "p5.48xlarge", pools: [{ name: "gpu", nodes: 3 }] },
  storage: {
    data: { preset: "fsx-lustre", capacity: "4TB" },
    ckpt: { preset: "fsx-lustre", capacity: "4TB" },
    spare: { preset: "ebs-gp3" },
  },
  jobs: [
    {
      name: "short",
      gpus: 8,
      steps: 300,
      compute: { stepTime: "300ms" },
      data: { storage: "data", samplesPerStep: 4, sampleSize: "50MB", datasetSize: "1TB" },
    },
    {
      name: "long",
      gpus: 16,
      duration: "3h",
      compute: { stepTime: "300ms" },
      data: { storage: "data", samplesPerStep: 2, sampleSize: "20MB", datasetSize: "1TB" },
      checkpoint: { storage: "ckpt", size: "50GB", interval: "10m", mode: "async" },
      failures: { gpuMtbf: "16h" },
    },
  ],
  ...over,
});

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function checkExact(r: AlternativeResult): void {
  const tl = r.timeline;
  const n = tl.t.length;
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(256);
  tl.t.forEach((t, i) => expect(t).toBeCloseTo(i * tl.binHours, 12));
  expect(n * tl.binHours).toBeGreaterThanOrEqual(r.wallHours * (1 - 1e-12));
  expect((n - 1) * tl.binHours).toBeLessThan(r.wallHours);
  for (const cause of CAUSES) {
    const total = r.gpuHours.byCause[cause];
    const bins = tl.gpuHoursByCause[cause];
    expect(bins.length).toBe(n);
    expect(Math.abs(sum(bins) - total)).toBeLessThanOrEqual(1e-9 * r.gpuHours.total);
  }
  for (let i = 0; i < n; i++) {
    expect(tl.utilisation[i]).toBeGreaterThanOrEqual(0);
    expect(tl.utilisation[i]).toBeLessThanOrEqual(1 + 1e-12);
  }
  const seconds = tl.binHours * 3600;
  expect(tl.storage.map((s) => s.name)).toEqual(r.storage.map((s) => s.name));
  const uses = new Map(spec().jobs.map((j) => [j.name, { data: j.data.storage, ckpt: j.checkpoint?.storage }]));
  for (const st of tl.storage) {
    const read = sum(r.jobs.filter((j) => uses.get(j.name)?.data === st.name).map((j) => j.bytesRead));
    const written = sum(r.jobs.filter((j) => uses.get(j.name)?.ckpt === st.name).map((j) => j.bytesWritten));
    expect(Math.abs(sum(st.readBytesPerSecond) * seconds - read)).toBeLessThanOrEqual(1e-9 * Math.max(1, read));
    expect(Math.abs(sum(st.writeBytesPerSecond) * seconds - written)).toBeLessThanOrEqual(1e-9 * Math.max(1, written));
  }
  let last = 0;
  for (const e of tl.events) {
    expect(e.startHours).toBeGreaterThanOrEqual(last);
    expect(e.endHours).toBeGreaterThanOrEqual(e.startHours);
    expect(e.endHours).toBeLessThanOrEqual(r.wallHours * (1 + 1e-12));
    last = e.startHours;
  }
}

describe("the scenario timeline", () => {
  test.for(["per-step", "bulk"] as const)("%s: jobs of different lengths merge exactly onto one axis", (fidelity) => {
    const r = runScenario(validateScenario(spec()), { fidelity }).alternatives[0]!;
    checkExact(r);
    const tl = r.timeline;
    // The short job ends early: after it, only the long job's 16 GPUs are allocated, 8 are not.
    const allocated = (i: number) =>
      sum(CAUSES.filter((c) => c !== "unallocated").map((c) => tl.gpuHoursByCause[c][i]!));
    expect(allocated(tl.t.length - 2)).toBeCloseTo(16 * tl.binHours, 9);
    expect(tl.gpuHoursByCause.unallocated[tl.t.length - 2]).toBeCloseTo(8 * tl.binHours, 9);
    expect(allocated(0)).toBeCloseTo(24 * tl.binHours, 9);
    expect(tl.events.some((e) => e.job === "long" && e.kind === "checkpoint")).toBe(true);
    expect(tl.events.filter((e) => e.kind === "failure").length).toBe(r.jobs[1]!.failures);
    expect(tl.storage.find((s) => s.name === "spare")!.readBytesPerSecond.every((x) => x === 0)).toBe(true);
  });

  test("events beyond the first 1,000 are counted, not kept", () => {
    const s = spec();
    s.jobs = [{ ...s.jobs[1]!, duration: "30h", checkpoint: { storage: "ckpt", size: "1GB", interval: "1m" } }];
    const r = runScenario(validateScenario(s)).alternatives[0]!;
    checkExact(r);
    expect(r.timeline.events.length).toBe(1000);
    expect(r.timeline.eventsDropped).toBeGreaterThan(500);
    // Every event is counted: the start-up, each checkpoint started (durable, or lost to a failure, or cut at
    // the end), each failure and its recovery.
    const { checkpoints, failures } = r.jobs[0]!;
    const all = r.timeline.eventsDropped + 1000;
    expect(all).toBeGreaterThanOrEqual(1 + checkpoints + 2 * failures);
    expect(all).toBeLessThanOrEqual(1 + checkpoints + failures + 1 + 2 * failures);
  });

  test("with replications, the timeline is the first replication's, not an average", () => {
    const c = validateScenario(spec());
    const first = runScenario(c, { seed: 3, fidelity: "bulk" });
    const both = runScenario(c, { seed: 3, fidelity: "bulk", replications: 2 });
    expect(both.replications).toBe(2);
    expect(JSON.stringify(both.alternatives[0]!.timeline)).toBe(JSON.stringify(first.alternatives[0]!.timeline));
  });

  test("the same seed gives byte-identical JSON, timeline included", () => {
    const c = validateScenario(spec());
    expect(JSON.stringify(runScenario(c, { seed: 9 }))).toBe(JSON.stringify(runScenario(c, { seed: 9 })));
  });
});

describe("progress", () => {
  test.for(["per-step", "bulk"] as const)(
    "%s: never goes back, reports within each job, ends at jobs × replications × 1000",
    (fidelity) => {
      const calls: [number, number][] = [];
      // Without a cluster: the two jobs are two alternatives, each run alone.
      runScenario(validateScenario(spec({ cluster: { nodeType: "p5.48xlarge" } })), {
        fidelity,
        replications: 2,
        onProgress: (d, t) => calls.push([d, t]),
      });
      expect(calls.at(-1)).toEqual([4000, 4000]);
      for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
      expect(calls.every(([, t]) => t === 4000)).toBe(true);
      expect(calls.length).toBeGreaterThan(fidelity === "per-step" ? 20 : 4);
      expect(calls.length).toBeLessThanOrEqual(2 * 2 * 101);
    },
  );
});
