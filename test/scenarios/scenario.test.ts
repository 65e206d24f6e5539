/**
 * Scenario validation (paths and suggestions), resolution (provisioning, overrides) and the runner
 * (replications, determinism, accounting).
 */
import { describe, expect, test } from "vitest";
import { formatIssues, isScenarioError, ScenarioError } from "../../src/scenarios/errors.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import type { ScenarioResult } from "../../src/scenarios/result/index.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

const base = (): ScenarioSpec => ({
  name: "small",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { data: { preset: "fsx-lustre", capacity: "2TB" } },
  jobs: [
    {
      name: "train",
      gpus: 8,
      steps: 100,
      compute: { stepTime: "300ms" },
      data: { storage: "data", samplesPerStep: 4, sampleSize: "50MB", datasetSize: "1TB" },
    },
  ],
});

function issues(spec: unknown): string {
  try {
    validateScenario(spec, "s.yaml");
  } catch (e) {
    expect(isScenarioError(e)).toBe(true);
    return formatIssues((e as ScenarioError).issues);
  }
  throw new Error("expected a validation error");
}

describe("scenario validation", () => {
  test("a misspelt preset names the field and suggests the closest preset", () => {
    const s = base();
    s.storage.data!.preset = "fsx-lustr";
    expect(issues(s)).toMatchInlineSnapshot(
      `"storage.data.preset: unknown storage preset "fsx-lustr": did you mean "fsx-lustre"?"`,
    );
  });

  test("bad units, unknown keys, missing fields and unknown bindings are all reported with their paths", () => {
    const s = base() as unknown as { jobs: Record<string, unknown>[]; cluster: Record<string, unknown> };
    const job = s.jobs[0]!;
    (job.data as Record<string, unknown>).sampleSize = "50 GX";
    (job.data as Record<string, unknown>).storage = "dataa";
    job.compute = {};
    job.gpuz = 8;
    s.cluster.nodeType = "p5.48xlarg";
    const text = issues(s);
    expect(text).toContain('cluster.nodeType: unknown node type "p5.48xlarg": did you mean "p5.48xlarge"?');
    expect(text).toContain('jobs[0].data.sampleSize: invalid size "50 GX"');
    expect(text).toContain("jobs[0].compute.stepTime: required");
    expect(text).toContain("jobs[0].gpuz: unknown key");
  });

  test("a reference to an undefined storage binding is an error at the job's field", () => {
    const s = base();
    s.jobs[0]!.data.storage = "nope";
    expect(issues(s)).toBe('jobs[0].data.storage: unknown storage binding "nope" (defined: "data")');
  });

  test("human units become canonical values", () => {
    const c = validateScenario(base());
    expect(c.jobs[0]!.compute.stepTime).toBe(300_000);
    expect(c.jobs[0]!.data.sampleSize).toBe(50e6);
    expect(c.storage.data!.capacity).toBe(2e12);
  });
});

describe("resolution", () => {
  test("provisioned IOPS and throughput set the volume ceilings; above the maximum is an error", () => {
    const s = base();
    s.storage.data = { preset: "ebs-gp3", iops: 16000, throughput: "1000MiB/s" };
    const r = resolveScenario(validateScenario(s));
    const p = r.storage.get("data")!.profile;
    expect(p.volume.read).toEqual({ bytesPerSecond: 1000 * 2 ** 20, iops: 16000 });
    s.storage.data = { preset: "ebs-gp3", iops: 20000 };
    expect(() => resolveScenario(validateScenario(s))).toThrow(ScenarioError);
    try {
      resolveScenario(validateScenario(s));
    } catch (e) {
      expect(formatIssues((e as ScenarioError).issues)).toBe(
        "storage.data.iops: 20,000 IOPS is more than ebs-gp3 gives per volume (at most 16,000 IOPS): lower iops to 16,000 IOPS or less, or use ebs-io2",
      );
    }
  });

  // Regression (issue 13, defect 6): the error had an empty path (the UI pinned it to line 1) and no fix.
  test("too much throughput for a file system's size names the field and the capacity that gives it", () => {
    const s = base();
    s.storage.data = { preset: "fsx-lustre", throughput: "10GB/s" };
    try {
      resolveScenario(validateScenario(s));
      expect.fail("expected a scenario error");
    } catch (e) {
      expect(isScenarioError(e)).toBe(true);
      const [issue] = (e as ScenarioError).issues;
      expect(issue!.path).toEqual(["storage", "data", "throughput"]);
      expect(issue!.message).toMatch(
        /^10 GB\/s is more than fsx-lustre gives at [\d.]+ TiB .*raise capacity to at least 10 TiB/,
      );
    }
  });

  test("a parallel file system's bandwidth scales with its capacity", () => {
    const r = resolveScenario(validateScenario(base()));
    const p = r.storage.get("data")!.profile;
    // PERSISTENT-1000: 1,000 MB/s per TiB × 2 TB.
    expect(p.aggregate.read.bytesPerSecond).toBeCloseTo((1000e6 * 2e12) / 2 ** 40, 0);
  });

  test("overrides replace the preset's figures", () => {
    const s = base();
    s.storage.data!.overrides = { aggregateRead: "1GB/s", readLatency: "2ms" };
    const p = resolveScenario(validateScenario(s)).storage.get("data")!.profile;
    expect(p.aggregate.read.bytesPerSecond).toBe(1e9);
    expect(p.latency.read.baseLatencyUs).toBe(2000);
  });

  test("object storage with a node-local cache gives jobs that cache (1 TiB per node, CoreWeave LOTA)", () => {
    const s = base();
    s.storage.data = { preset: "object-store-cache" };
    expect(resolveScenario(validateScenario(s)).jobs[0]!.data.cacheBytesPerNode).toBe(2 ** 40);
    s.jobs[0]!.data.cachePerNode = "2TiB";
    expect(resolveScenario(validateScenario(s)).jobs[0]!.data.cacheBytesPerNode).toBe(2 * 2 ** 40);
  });

  test("steps can be given as a duration of compute; checkpoint size from parameters × 14 bytes", () => {
    const s = base();
    delete s.jobs[0]!.steps;
    s.jobs[0]!.duration = "1h";
    s.jobs[0]!.checkpoint = { storage: "data", parameters: "8B" };
    const job = resolveScenario(validateScenario(s)).jobs[0]!;
    expect(job.steps).toBe(12_000);
    expect(job.checkpoint!.bytes).toBe(112e9);
    expect(job.checkpoint!.interval).toEqual({ kind: "fixed", us: 3.6e9 });
  });
});

describe("the runner", () => {
  test("the same seed gives byte-identical results; causes sum to the total; cost adds up", () => {
    const c = validateScenario(base());
    const a = JSON.stringify(runScenario(c, { seed: 5 }));
    const b = JSON.stringify(runScenario(c, { seed: 5 }));
    expect(b).toBe(a);
    const r = (JSON.parse(a) as ScenarioResult).alternatives[0]!;
    const sum = Object.values(r.gpuHours.byCause as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(sum).toBeCloseTo(r.gpuHours.total, 9);
    expect(r.cost.totalUsd).toBeCloseTo(r.cost.gpuUsd + r.cost.storageUsd + r.cost.egressUsd, 6);
    // 8 GPUs × wall hours × $4.00 (h100-sxm catalog price).
    expect(r.cost.gpuUsd).toBeCloseTo(8 * r.wallHours * 4, 6);
  });

  test("replications report means and 95% intervals that contain them", () => {
    const s = base();
    s.jobs[0]!.steps = 2000;
    s.jobs[0]!.failures = { gpuMtbf: "20h" };
    s.jobs[0]!.checkpoint = { storage: "data", size: "10GB", interval: "5m" };
    const r = runScenario(validateScenario(s), { replications: 5 });
    expect(r.replications).toBe(5);
    const job = r.alternatives[0]!.jobs[0]!;
    const ci = job.confidence!.completionHours;
    expect(ci.low).toBeLessThanOrEqual(ci.mean);
    expect(ci.high).toBeGreaterThanOrEqual(ci.mean);
    expect(job.completionHours).toBeCloseTo(ci.mean, 12);
    expect(ci.high - ci.low).toBeGreaterThan(0);
  });

  test("a storage-bound job is diagnosed as such", () => {
    const s = base();
    s.storage.data!.overrides = { aggregateRead: "200MB/s" };
    const r = runScenario(validateScenario(s)).alternatives[0]!;
    expect(r.utilisation).toBeLessThan(0.7);
    expect(r.diagnosis[0]).toMatch(/storage-bound on reads from fsx-lustre/);
  });
});

describe("documentation", () => {
  test("the example scenario in docs/examples validates and runs", async () => {
    const { loadScenarioFile } = await import("../../src/scenarios/load-file.ts");
    const data = await loadScenarioFile("docs/examples/my-cluster.json");
    const r = runScenario(validateScenario(data)).alternatives[0]!;
    expect(r.jobs[0]!.name).toBe("vit");
    expect(r.gpuHours.total).toBeGreaterThan(0);
  });
});

describe("provisioning adjustments", () => {
  test("a capacity below the preset's minimum is raised, reported in the result and the diagnosis", () => {
    const s = base();
    s.storage.data!.capacity = "500GB";
    const r = runScenario(validateScenario(s)).alternatives[0]!;
    const st = r.storage.find((x) => x.name === "data")!;
    expect(st.capacityBytes).toBeGreaterThan(500e9);
    expect(st.adjustments.length).toBe(1);
    expect(r.diagnosis).toContain(
      "provisioning adjusted: data (fsx-lustre): capacity 500 GB → capacity 1,319.4 GB (minimum-capacity)",
    );
  });
});

describe("zones and egress", () => {
  const spread = (preset: string, zones: number) => {
    const s = base();
    s.cluster.zones = zones;
    s.storage.data = { preset, capacity: "2TB" };
    s.jobs[0]!.gpus = 32; // 4 nodes: 2 per zone with 2 zones
    return runScenario(validateScenario(s)).alternatives[0]!;
  };

  test("nodes outside a shared zonal file system's zone pay egress on what they read", () => {
    const r = spread("fsx-lustre", 2);
    // Half the nodes are in the other zone: bytes read × 1/2 × $0.02/GB (AWS inter-zone: $0.01 each way).
    const read = r.jobs[0]!.bytesRead;
    expect(r.cost.egressUsd).toBeCloseTo((read * 0.5 * 0.02) / 1e9, 9);
    expect(r.cost.egressUsd).toBeGreaterThan(0);
    expect(spread("fsx-lustre", 1).cost.egressUsd).toBe(0);
  });

  test("per-node volumes sit in their node's zone: no egress", () => {
    expect(spread("ebs-gp3", 2).cost.egressUsd).toBe(0);
  });
});

describe("fitted profiles in scenarios", () => {
  test("the profile fitted from this machine's fio run can replace a preset", async () => {
    const { loadScenarioProfiles } = await import("../../src/scenarios/load-profiles.ts");
    const s = base();
    s.storage.data = { profile: "calibration/profiles/vm-vda-ext4-2026-11-24.json" };
    const config = validateScenario(s);
    const profiles = await loadScenarioProfiles(config, undefined);
    const r = runScenario(config, { profiles }).alternatives[0]!;
    expect(r.storage[0]!.preset).toBe("vm-vda-ext4-2026-11-24");
    // 8 GPUs × 4 × 50 MB per 0.3 s ≈ 5.3 GB/s wanted; the fitted disk reads ≈ 2 GB/s: storage-bound.
    expect(r.utilisation).toBeLessThan(0.5);
    expect(r.gpuHours.byCause.dataWait).toBeGreaterThan(0);
  });
});

// Regression (issue 13, defect 4): io2 at 500 IOPS moved 4,000 MiB/s.
describe("preset physics in a run", () => {
  test("a job reading from io2 at 500 IOPS moves at most 128 MiB/s per volume", () => {
    const s = base();
    s.storage.data = { preset: "ebs-io2", capacity: "1TB", iops: 500 };
    const a = runScenario(validateScenario(s)).alternatives[0]!;
    expect(a.storage[0]!.bytesPerSecond).toBe(128 * 2 ** 20);
    expect(a.storage[0]!.adjustments).toEqual([]);
    const job = a.jobs[0]!;
    const seconds = job.completionHours * 3600;
    expect(job.bytesRead / seconds).toBeLessThanOrEqual(128 * 2 ** 20 * a.storage[0]!.volumes);
    expect(a.utilisation).toBeLessThan(0.2); // 8 GPUs want ≈5.3 GB/s
  });
});

// Regression (issue 13, defect 10): unknown keys and a preset named by one of its words got no suggestion.
describe("did you mean", () => {
  test("misspelt keys suggest the field; a preset given by one of its words suggests the preset", () => {
    const s = base() as unknown as {
      jobs: Record<string, Record<string, unknown>>[];
      storage: Record<string, unknown>;
    };
    const data = s.jobs[0]!.data!;
    data.samplePerStep = data.samplesPerStep;
    delete data.samplesPerStep;
    data.wrokers = 4;
    s.storage.data = { preset: "gp3" };
    const text = issues(s);
    expect(text).toContain('jobs[0].data.samplePerStep: unknown key: did you mean "samplesPerStep"?');
    expect(text).toContain('jobs[0].data.wrokers: unknown key: did you mean "workers"?');
    expect(text).toContain('storage.data.preset: unknown storage preset "gp3": did you mean "ebs-gp3"?');
  });
});

// Issue 15: a profile calibrated in several passes carries each pass's profile; the run reports the AU range.
describe("calibration passes in a run", () => {
  test("each job's AU range is the AU with each pass's profile alone, and the estimate counts those runs", async () => {
    const { loadScenarioProfiles } = await import("../../src/scenarios/load-profiles.ts");
    const { estimateScenarioWork } = await import("../../src/scenarios/work.ts");
    const s = base();
    const name = "calibration/profiles/vm-vda-ext4-2026-11-24.json";
    s.storage.data = { profile: name };
    const config = validateScenario(s);
    const loaded = (await loadScenarioProfiles(config, undefined)).get(name)!;
    // Two passes: the volume as fitted, and one with half the bandwidth everywhere.
    const halved = structuredClone(loaded) as typeof loaded & { volume: { read: { bytesPerSecond: number } } };
    halved.volume.read.bytesPerSecond /= 2;
    for (const c of halved.latency.read.curves ?? [])
      for (const k of c.knots) (k as { bytesPerSecond: number }).bytesPerSecond /= 2;
    const passes = [loaded, halved];
    const profiles = new Map([[name, { ...loaded, calibrationPasses: passes }]]);
    const job = runScenario(config, { profiles }).alternatives[0]!.jobs[0]!;
    const each = passes.map(
      (p) => runScenario(config, { profiles: new Map([[name, p]]) }).alternatives[0]!.jobs[0]!.au,
    );
    expect(each[1]).toBeLessThan(each[0]!); // the halved volume is slower: the range is not a point
    expect(job.calibrationPasses).toEqual({ passes: 2, au: { low: Math.min(...each), high: Math.max(...each) } });
    // Without passes there is no range.
    expect(
      runScenario(config, { profiles: new Map([[name, loaded]]) }).alternatives[0]!.jobs[0]!.calibrationPasses,
    ).toBe(undefined);
    const one = estimateScenarioWork(config, { profiles: new Map([[name, loaded]]) }).units;
    expect(estimateScenarioWork(config, { profiles }).units).toBeCloseTo(3 * one, 6);
  });
});

// Issue 15: GPU time waiting for the loader's CPU is diagnosed with the node's cores, GPUs and workers, and what
// to change; the cores the work needs are the closed form samples × per-sample + per-batch + main, per step.
describe("the CPU-bound diagnosis", () => {
  const cpuBound = (cpuCores: number, workers: number): ScenarioSpec => {
    const s = base();
    s.cluster = { nodeType: "p5.48xlarge", cpuCores };
    s.storage.data = { preset: "fsx-lustre", capacity: "10TB" };
    s.jobs[0] = {
      ...s.jobs[0]!,
      steps: 5000,
      compute: { stepTime: "100ms" },
      data: {
        storage: "data",
        loader: "pytorch",
        workers,
        samplesPerStep: 64,
        sampleSize: "100KiB",
        datasetSize: "100GB",
        // 64 × 2 ms + 4 ms + 1 ms = 133 ms of CPU per step per GPU: 8 GPUs need 10.64 cores at full speed.
        cpu: { perSample: "2ms", perBatch: "4ms", mainPerBatch: "1ms" },
      },
    };
    return s;
  };

  test("8 cores for 8 GPUs × 6 workers: CPU-bound, the cores needed, more cores to change it", () => {
    const alt = runScenario(validateScenario(cpuBound(8, 6))).alternatives[0]!;
    const job = alt.jobs[0]!;
    expect(job.loaderCpu).toEqual({
      coresPerNode: 8,
      gpusPerNode: 8,
      workersPerGpu: 6,
      inTrainingProcess: false,
      coresNeeded: (8 * (64 * 2000 + 4000 + 1000)) / 100_000,
    });
    expect(job.gpuHoursByCause.dataPrep).toBeGreaterThan(job.gpuHoursByCause.dataWait);
    const line = alt.diagnosis.find((d) => d.includes("CPU-bound: 8 cores for 8 GPUs × 6 workers"));
    expect(line, alt.diagnosis.join("\n")).toContain("needs 10.6 cores per node at full speed");
    expect(line).toContain("more cores per node (cluster.cpuCores");
    expect(alt.diagnosis[0]).toMatch(/below 70% with the loader's CPU work dominant .*: CPU-bound data preparation/);
  });

  test("CPU-bound in bulk: AU is the closed form cores ÷ cores needed", () => {
    for (const cores of [4, 8]) {
      const job = runScenario(validateScenario(cpuBound(cores, 6)), { fidelity: "bulk" }).alternatives[0]!.jobs[0]!;
      expect(job.au).toBeCloseTo(cores / job.loaderCpu!.coresNeeded, 2);
    }
  });

  test("enough cores but one worker per GPU: more workers is the change", () => {
    const alt = runScenario(validateScenario(cpuBound(64, 1))).alternatives[0]!;
    const line = alt.diagnosis.find((d) => d.startsWith("CPU-bound: 64 cores for 8 GPUs × 1 worker;"));
    expect(line, alt.diagnosis.join("\n")).toContain("more loader workers (8 run at once per node");
  });

  // It also used to crash the run-length estimate (a read flow of weight 0, a division by zero workers).
  test("workers: 0 loads in the training process: DataLoader workers are the change (both fidelities)", () => {
    const per = runScenario(
      validateScenario({ ...cpuBound(64, 0), jobs: [{ ...cpuBound(64, 0).jobs[0]!, steps: 100 }] }),
      {
        fidelity: "per-step",
      },
    ).alternatives[0]!;
    expect(per.jobs[0]!.loaderCpu!.inTrainingProcess).toBe(true);
    const alt = runScenario(validateScenario(cpuBound(64, 0)), { fidelity: "bulk" }).alternatives[0]!;
    expect(alt.jobs[0]!.loaderCpu!.inTrainingProcess).toBe(true);
    expect(alt.diagnosis.join("\n")).toContain("each training process loads its own batches (workers: 0)");
  });

  test("a job without loader CPU has no loaderCpu and no CPU finding", () => {
    const alt = runScenario(validateScenario(base())).alternatives[0]!;
    expect(alt.jobs[0]!.loaderCpu).toBe(null);
    expect(alt.diagnosis.join("\n")).not.toContain("CPU-bound");
  });
});
