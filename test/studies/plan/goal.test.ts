/**
 * Goals: rejection reasons name the goal and the shortfall; no feasible design gives "no design meets the goal"
 * with the closest one; a TTFT goal without inference and a missing goal are errors at their path; and the noise
 * rule — with replications, a design whose mean meets the goal but whose 95% lower bound does not is rejected.
 */
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import { isScenarioError } from "../../../src/scenarios/errors.ts";
import { planScenario } from "../../../src/studies/plan/plan.ts";
import { runScenario } from "../../../src/scenarios/run.ts";
import type { ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { memoRunner, smallConfig, smallScenario } from "./small-scenario.ts";

const memo = memoRunner();
const gp3 = (...throughput: string[]) => ({ storage: { data: { preset: "ebs-gp3", throughput } } });

async function issuesOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isScenarioError(e)) return e.issues.map((i) => ({ path: i.path, message: i.message }));
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("rejection reasons", () => {
  test("a rejected design names the goal, the value compared and the shortfall", async () => {
    const r = await planScenario(smallConfig({ search: gp3("125MiB/s", "1000MiB/s") }), { makeRunner: memo.make });
    const slow = r.designs[0]!;
    expect(slow.status).toBe("rejected");
    const u = slow.metrics!.utilisation;
    const short = (100 * (0.5 - u)).toFixed(1);
    expect(slow.reason).toBe(
      `utilisation ${(100 * u).toFixed(1)}% (mean of 1 run) misses utilisation ≥ 50.0%: short by ${short} points`,
    );
    expect(r.chosen?.id).toBe(1);
  });

  test("a missed deadline names the deadline and the hours over", async () => {
    const r = await planScenario(smallConfig({ goal: { deadline: "5m" }, search: gp3("125MiB/s") }), {
      makeRunner: memo.make,
    });
    const d = r.designs[0]!;
    expect(d.reason).toMatch(
      /^completion [\d.]+ h \(mean of 1 run\) misses longest job completes within 0\.08 h: short by [\d.]+ h$/,
    );
  });

  test("when nothing meets the goal: no chosen design, the closest one, and the verdict says so", async () => {
    const r = await planScenario(
      smallConfig({ goal: { utilisation: "99.9%" }, search: gp3("125MiB/s", "500MiB/s", "1000MiB/s") }),
      {
        makeRunner: memo.make,
      },
    );
    expect(r.chosen).toBeNull();
    expect(r.closest?.id).toBe(2);
    expect(r.verdict).toMatch(
      /^no design meets the goal \(utilisation ≥ 99\.9%\); the closest is #2 \(data: ebs-gp3 1,000 MiB\/s/,
    );
    expect(r.finance.fasterTier).toBeNull();
    // The fastest design misses, so the slower two are pruned unsimulated: the only simulated rejection is #2.
    expect(r.counts).toMatchObject({ simulated: 1, prunedInfeasible: 2 });
    expect(r.finance.idleCost.cheapestRejected?.id).toBe(2);
  });

  test("an invalid design says why: provisioning above the preset's maximum", async () => {
    const r = await planScenario(smallConfig({ search: gp3("1000MiB/s", "2000MiB/s") }), { makeRunner: memo.make });
    expect(r.designs[1]).toMatchObject({
      status: "invalid",
      reason: "invalid: data: provisioning above the preset's maximum: throughput 2,000 MiB/s > 1,000 MiB/s of ebs-gp3",
      storageMonthlyUsd: null,
    });
    expect(r.counts).toMatchObject({ designs: 2, invalid: 1, exhaustive: 1 });
  });
});

describe("goal errors", () => {
  test("a ttft goal on a scenario without inference is an error at goal.ttftP99", async () => {
    const config = smallConfig({ goal: { ttftP99: "2s" } });
    expect(await issuesOf(planScenario(config))).toEqual([
      {
        path: ["goal", "ttftP99"],
        message: "a ttft goal needs an inference workload: this scenario has none (its jobs are training jobs)",
      },
    ]);
  });

  test("a ttft goal on a serving workload checks the worst TTFT p99; faster storage loads models sooner", async () => {
    const { data } = await loadScenario("inference-model-load-os-disk-vs-nvme");
    const spec = data as ScenarioSpec;
    spec.inference = spec.inference!.slice(0, 1);
    spec.goal = { ttftP99: "25s" };
    spec.search = { storage: { "os-disk": { preset: ["ephemeral-os-disk", "azure-container-storage-v2"] } } };
    const r = await planScenario(validateScenario(spec), { makeRunner: memo.make });
    const [osDisk, nvme] = r.designs;
    expect(osDisk!.reason).toMatch(/^ttft p99 [\d.]+ s \(mean of 1 run\) misses ttft p99 ≤ 25 s: short by/);
    expect(nvme!.status).toBe("chosen");
    await expect(planScenario(validateScenario({ ...spec, goal: { deadline: "1h" } }))).rejects.toThrow(
      "goal.deadline: a deadline goal needs a training job",
    );
  });

  test("plan without a goal is an error at goal", async () => {
    const { goal: _goal, ...spec } = smallScenario();
    expect(await issuesOf(planScenario(validateScenario(spec)))).toEqual([
      { path: ["goal"], message: "required: plan needs a goal (utilisation, deadline or ttftP99)" },
    ]);
  });

  test.for([
    [{ utilisation: "90%", deadline: "1h" }, ["goal", "deadline"], "give one target, not utilisation and deadline"],
    [{ minimise: "totalUsd" }, ["goal"], "give one target: utilisation, deadline or ttftP99"],
    [{ utilisation: "190%" }, ["goal", "utilisation"], 'invalid fraction "190%"'],
    [{ utilisation: "90%", minimise: "cost" }, ["goal", "minimise"], "invalid option"],
  ] as const)("goal %j → an issue at %j", async ([goal, path, message]) => {
    const issues = await issuesOf(
      Promise.resolve().then(() => validateScenario(smallScenario({ goal: goal as never }))),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(path);
    expect(issues[0]!.message).toContain(message);
  });

  test("stallsim run simulates the scenario as written; the goal only adds its check to the comparison", () => {
    const { goal: _goal, ...plain } = smallScenario();
    const a = runScenario(validateScenario(plain));
    const b = runScenario(smallConfig({ search: gp3("500MiB/s") }));
    expect(JSON.stringify(b.alternatives)).toBe(JSON.stringify(a.alternatives));
    expect(a.comparison).toMatchObject({ verdict: null, meetingGoal: null });
    const met = b.alternatives[0]!.utilisation >= 0.5;
    expect(b.comparison).toMatchObject({ meetingGoal: met ? ["train"] : [], bestForGoal: met ? "train" : null });
    expect(b.comparison.verdict).toMatch(met ? /^meets utilisation ≥ 50\.0%$/ : /^misses the goal: /);
  });
});

describe("noise", () => {
  // Fast local NVMe, so storage never stalls; but a GPU fails every 4 h (8 GPUs: one failure per half hour of a
  // 30-minute job), and each failure costs minutes of recovery and all the work so far: runs vary widely.
  const noisy = (goal: string, replications?: number) =>
    smallConfig({
      storage: { data: { preset: "local-nvme" } },
      jobs: [
        {
          name: "train",
          gpus: 8,
          steps: 1800,
          imagePull: "0s",
          compute: { stepTime: "1s" },
          data: { storage: "data", samplesPerStep: 4, sampleSize: "32MiB", datasetSize: "100GB" },
          failures: { gpuMtbf: "4h" },
        },
      ],
      goal: { utilisation: goal },
      ...(replications ? { search: { replications } } : {}),
    });

  test("with 5 replications, a design whose mean meets the goal but whose lower bound does not is rejected", async () => {
    const r5 = runScenario(noisy("50%"), { replications: 5 });
    const ci = r5.alternatives[0]!.confidence!.utilisation;
    const target = (ci.low + ci.mean) / 2; // between the lower bound and the mean
    expect(ci.mean - ci.low).toBeGreaterThan(0.05);
    const goal = `${(100 * target).toFixed(4)}%`;
    const plan = await planScenario(noisy(goal, 5), { makeRunner: memo.make });
    const d = plan.designs[0]!;
    expect(d.metrics!.utilisation).toBeGreaterThanOrEqual(target);
    expect(d.metrics!.utilisationLow).toBeLessThan(target);
    expect(d.status).toBe("rejected");
    expect(d.reason).toMatch(/^utilisation [\d.]+% \(95% lower bound; mean [\d.]+%\) misses utilisation ≥ /);
    expect(plan.noise.rule).toContain("only if the lower 95% confidence bound of its utilisation does");
  });

  test("with one run per design the output says noise is not accounted for", async () => {
    const plan = await planScenario(noisy("1%"), { makeRunner: memo.make });
    expect(plan.noise).toMatchObject({ replications: 1 });
    expect(plan.noise.rule).toMatch(/^1 run per design: noise is not accounted for/);
    expect(plan.chosen?.metrics?.goalBasis).toBe("mean of 1 run");
  });
});
