/**
 * Inference workloads in scenario files: validation (paths, the MIG layout's GPU, layout and limit, the
 * model fitting an instance, replicas fitting the pool), resolution (pools side by side on one fabric,
 * defaults), and the runner (serving-only and mixed scenarios, costs adding up, determinism, replications).
 */
import { describe, expect, test } from "vitest";
import { formatIssues, isScenarioError, type ScenarioError } from "../../src/scenarios/errors.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import { resolveInference } from "../../src/scenarios/resolve-inference.ts";
import { runScenario } from "../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";

type Spec = ScenarioSpec & { inference: NonNullable<ScenarioSpec["inference"]> };

const serving = (): Spec => ({
  name: "serve",
  cluster: { nodeType: "nd96isr-h100-v5" },
  storage: { models: { preset: "local-nvme" } },
  jobs: [],
  inference: [
    {
      name: "chat",
      model: "llama-3.1-8b",
      storage: "models",
      placement: { nodes: 1, gpusPerNode: 2 },
      replicas: { min: 1, max: 2 },
      arrivals: { kind: "poisson", rate: 2 },
      duration: "10m",
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

describe("validation", () => {
  test("an impossible MIG layout is an error at placement.mig naming the gpu, the layout and the limit", () => {
    const s = serving();
    s.inference[0]!.placement = { mig: ["4g.40gb", "4g.40gb"] };
    expect(issues(s)).toMatchInlineSnapshot(
      `"inference[0].placement.mig: invalid mig layout on h100-sxm (2 × 4g.40gb): 2 × 4g.40gb, at most 1 per gpu"`,
    );
  });

  test("the model must fit an instance; replicas must fit the pool; bindings must exist", () => {
    const s = serving();
    const w = s.inference[0]!;
    w.placement = { nodes: 1, gpusPerNode: 1, mig: { "1g.10gb": 7 } };
    w.replicas = { max: 8 };
    w.storage = "model";
    expect(issues(s)).toMatchInlineSnapshot(`
      "inference[0].storage: unknown storage binding "model" (defined: "models")
      inference[0].replicas.max: 8 replicas, but the placement has 7 instances
      inference[0].model: model llama-3.1-8b (16.1 GB) does not fit a 1g.10gb instance (10 GB)"
    `);
  });

  test("a misspelt model gets a suggestion; a model by size needs parameters or a prefill time", () => {
    const s = serving();
    s.inference[0]!.model = "llama-3.1-8B";
    expect(issues(s)).toContain('inference[0].model: unknown model "llama-3.1-8B": did you mean "llama-3.1-8b"?');
    s.inference[0]!.model = { size: "20GB" };
    expect(issues(s)).toBe(
      "inference[0].service.prefill: give service.prefill or the model's parameters (for the default prefill)",
    );
  });

  test("a scenario needs a job or a workload, and names are unique across both", () => {
    const s = serving();
    s.inference = [];
    expect(issues(s)).toBe("jobs: give at least one training job or inference workload");
    const t = serving();
    t.inference.push({ ...t.inference[0]! });
    expect(issues(t)).toBe('inference[1].name: duplicate workload name "chat"');
  });

  test("human units and defaults", () => {
    const c = validateScenario(serving());
    const w = c.inference[0]!;
    expect(w.duration).toBe(600e6);
    expect(w.concurrency).toBe(4);
    expect(w.startup).toEqual({ imagePull: 0, init: 30e6 });
    expect(w.loader).toEqual({ streams: 1, requestSize: 16 * 2 ** 20, pageCache: false });
    expect(w.autoscaling.scaleDownDelay).toBe(60e6);
    expect(w.service.outputDistribution).toBe("exponential");
  });
});

describe("resolution", () => {
  test("pools sit side by side on one fabric, each node with its node type's NIC; the model's bytes size the volume", () => {
    const s = serving();
    s.inference.push({
      ...s.inference[0]!,
      name: "mig",
      placement: { nodes: 2, gpusPerNode: 1, mig: { "3g.40gb": 2 } },
    });
    const c = validateScenario(s);
    const r = resolveScenario(c);
    // Without a cluster each workload runs alone on its own copy of the storage: one model's weights per volume.
    expect(r.storage.get("models")!.capacityBytes).toBe(16.1e9);
    const ri = resolveInference(c, r);
    expect(ri.fabric.nodes).toBe(3);
    expect(ri.fabric.perNode!.map((n) => n.nicBytesPerSecond)).toEqual([10e9, 10e9, 10e9]);
    const [a, b] = ri.workloads;
    expect(a!.pool.firstNode).toBe(0);
    expect(b!.pool.firstNode).toBe(1);
    expect(b!.pool.slots.map((x) => x.label)).toEqual([
      "node 1 gpu 0 3g.40gb #0",
      "node 1 gpu 0 3g.40gb #1",
      "node 2 gpu 0 3g.40gb #0",
      "node 2 gpu 0 3g.40gb #1",
    ]);
    // Defaults: start-up = local PV mount 1 s + init 30 s; target = 70% of concurrency 4.
    expect(a!.startupUs).toBe(31e6);
    expect(a!.autoscaling.targetConcurrency).toBeCloseTo(2.8, 12);
    expect(a!.service.prefillUs).toBe(40_597);
    expect(a!.service.perTokenUs).toBe(6_008);
  });
});

describe("running", () => {
  test("a serving-only scenario: the pool's GPU time by cause is the headline, costs add up, a timeline of the run", () => {
    const r = runScenario(validateScenario(serving())).alternatives[0]!;
    expect(r.kind).toBe("serving");
    expect(r.jobs).toEqual([]);
    expect(r.wallHours).toBeCloseTo(1 / 6, 12);
    const w = r.inference[0]!;
    expect(w.gpus).toBe(2);
    expect(r.gpuHours.byCause).toEqual(w.gpuHours.byCause);
    expect(r.utilisation).toBeGreaterThan(0);
    expect(r.gpuHours.byCause.modelLoad).toBeGreaterThan(0);
    expect(w.gpuHours.total).toBeCloseTo(2 / 6, 12);
    const byCause = Object.values(w.gpuHours.byCause).reduce((a, b) => a + b, 0);
    expect(byCause).toBeCloseTo(w.gpuHours.total, 12);
    expect(w.cost.gpuUsd).toBeCloseTo((2 / 6) * 4, 12); // h100-sxm catalog price 4.00 $/GPU-h
    expect(r.cost.gpuUsd).toBeCloseTo(w.cost.gpuUsd, 12);
    expect(r.cost.totalUsd).toBeCloseTo(r.cost.gpuUsd + r.cost.storageUsd + r.cost.egressUsd, 9);
    expect(w.ttftMs.p50).toBeLessThanOrEqual(w.ttftMs.p95);
    expect(w.ttftMs.p95).toBeLessThanOrEqual(w.ttftMs.p99);
    expect(w.coldStarts).toBeGreaterThanOrEqual(1);
    expect(w.loadSeconds.p50).toBeCloseTo(16.1 / 25, 5); // 16.1 GB from 25 GB/s local NVMe
    expect(r.timeline.t.length).toBeGreaterThan(0);
    const modelLoadBins = r.timeline.gpuHoursByCause.modelLoad.reduce((a, b) => a + b, 0);
    expect(modelLoadBins).toBeCloseTo(r.gpuHours.byCause.modelLoad, 9);
    const read = r.timeline.storage[0]!.readBytesPerSecond.reduce((a, b) => a + b, 0) * r.timeline.binHours * 3600;
    expect(read).toBeCloseTo(w.bytesLoaded, -3); // every load from storage (no page cache)
    expect(r.timeline.events.filter((e) => e.kind === "modelLoad")).toHaveLength(w.coldStarts);
    expect(r.diagnosis.some((d) => d.startsWith("chat: "))).toBe(true);
  });

  test("a training job and a serving workload without a cluster are two alternatives, each as if alone", () => {
    const training: ScenarioSpec = {
      name: "mixed",
      cluster: { nodeType: "nd96isr-h100-v5" },
      storage: { data: { preset: "azure-managed-lustre" }, models: { preset: "local-nvme" } },
      jobs: [
        {
          name: "train",
          gpus: 8,
          steps: 200,
          compute: { stepTime: "300ms" },
          data: { storage: "data", samplesPerStep: 4, sampleSize: "10MB", datasetSize: "1TB" },
        },
      ],
    };
    const alone = runScenario(validateScenario(training));
    const both = runScenario(validateScenario({ ...training, inference: serving().inference }));
    expect(both.alternatives.map((a) => [a.name, a.kind])).toEqual([
      ["train", "job"],
      ["chat", "serving"],
    ]);
    expect(JSON.stringify(both.alternatives[0])).toBe(JSON.stringify(alone.alternatives[0]));
    expect(both.comparison.verdict).toMatch(/different work/);
    expect(both.comparison.cheapest).toBeNull();
  });

  test("the same seed gives the same bytes; replications average the inference results", () => {
    const c = validateScenario(serving());
    expect(JSON.stringify(runScenario(c))).toBe(JSON.stringify(runScenario(c)));
    const rep = runScenario(c, { replications: 3 });
    expect(rep.replications).toBe(3);
    const arrived = (r: ReturnType<typeof runScenario>) => r.alternatives[0]!.inference[0]!.requests.arrived;
    const runs = [0, 1, 2].map((i) => arrived(runScenario(c, { seed: 1 + i })));
    expect(arrived(rep)).toBeCloseTo((runs[0]! + runs[1]! + runs[2]!) / 3, 9);
  });
});
