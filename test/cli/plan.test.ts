/**
 * `stallsim plan` from the command line: the bundled plan (readable and --json, the same with 1 or 2 worker
 * threads), exit status 1 with the closest design when nothing meets the goal, and exit status 2 with the path
 * for a bad goal or search space.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { PlanReport } from "../../src/studies/plan/report.ts";
import type { ScenarioSpec } from "../../src/scenarios/schema/scenario.ts";
import { smallScenario } from "../studies/plan/small-scenario.ts";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/stallsim.js", ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** `stallsim plan ARGS --workers 1` in this process: exit status, stdout and stderr. */
async function plan(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  const status = await main(["plan", ...args, "--workers", "1"]);
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

function file(extra: Partial<ScenarioSpec>): string {
  const f = path.join(mkdtempSync(path.join(tmpdir(), "stallsim-plan-")), "s.json");
  writeFileSync(f, JSON.stringify(smallScenario(extra)));
  return f;
}

describe("stallsim plan", () => {
  afterEach(() => vi.restoreAllMocks());

  test("the bundled plan: a chosen design, fewer simulations than brute force, the noise rule at work", async () => {
    const r = JSON.parse((await plan("plan-llm-storage", "--json")).stdout) as PlanReport;
    expect(r.chosen?.status).toBe("chosen");
    expect(r.counts.simulated).toBeLessThan(r.counts.exhaustive);
    expect(r.noise.replications).toBe(5);
    expect(r.frontier.length).toBeGreaterThan(1);
    expect(r.designs.find((d) => d.label === "checkpoints: local-nvme")?.reason).toMatch(/95% lower bound/);
  });

  // Regression (issue 13, defect 3): the plan minimised the monthly run rate, then said a costlier design "pays back
  // in 0.4 days", and the cheapest rejected design showed more idle GPU-hours at a higher utilisation.
  test("the bundled plan minimises the cost to finish, and every line agrees with it", async () => {
    const r = JSON.parse((await plan("plan-llm-storage", "--json")).stdout) as PlanReport;
    expect(r.goal).toMatchObject({ minimise: "totalUsd", objective: "cost to finish the work" });
    const chosen = r.chosen!.metrics!;
    expect(chosen.objectiveUsd).toBe(chosen.totalUsd);
    for (const d of r.designs.filter((x) => x.status === "feasible")) {
      expect(d.metrics!.totalUsd).toBeGreaterThanOrEqual(chosen.totalUsd);
    }
    // Idle GPU-hours per year follow utilisation (every design has the same 256 GPUs).
    const simulated = r.designs.filter((d) => d.metrics !== undefined).map((d) => d.metrics!);
    for (const a of simulated)
      for (const b of simulated)
        if (a.utilisation < b.utilisation - 1e-9) expect(a.idleGpuHoursPerYear).toBeGreaterThan(b.idleGpuHoursPerYear);
    const tier = r.finance.fasterTier;
    if (tier !== null) expect(tier.costToFinishDeltaUsd).toBeGreaterThanOrEqual(0);
  });

  test("the same JSON on 1 and 2 worker threads (bin/stallsim.js)", () => {
    const f = file({ search: { storage: { data: [{ preset: "ebs-gp3" }, { preset: "fsx-lustre" }] } } });
    const one = cli("plan", f, "--json", "--workers", "1");
    const two = cli("plan", f, "--json", "--workers", "2");
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  test("prints the chosen design, the frontier, reasons and the finance answers", async () => {
    const r = await plan(
      file({ search: { storage: { data: { preset: "ebs-gp3", throughput: ["125MiB/s", "1000MiB/s"] } } } }),
    );
    expect(r.status).toBe(0);
    for (const s of [
      "Chosen: design #1",
      "Noise: 1 run per design: noise is not accounted for",
      "Frontier",
      "misses utilisation ≥ 50.0%: short by",
      "What does the idle cost",
      "What a faster tier buys",
    ]) {
      expect(r.stdout).toContain(s);
    }
  });

  test("no design meets the goal: exit status 1, the closest design", async () => {
    const f = file({
      goal: { utilisation: "99.9%" },
      search: { storage: { data: { preset: "ebs-gp3", throughput: ["125MiB/s", "1000MiB/s"] } } },
    });
    const r = await plan(f);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("No design meets the goal (utilisation ≥ 99.9%).");
    expect(r.stdout).toMatch(
      /Closest: #1 data: ebs-gp3 1,000 MiB\/s, 4,000 IOPS: utilisation [\d.]+% \(mean of 1 run\) misses/,
    );
    const j = JSON.parse((await plan(f, "--json")).stdout) as PlanReport;
    expect(j.chosen).toBeNull();
    expect(j.verdict).toMatch(/^no design meets the goal/);
  });

  test.for([
    [{ goal: { utilisation: "1.5" } }, "goal.utilisation: invalid fraction"],
    [{ goal: { ttftP99: "2s" } }, "goal.ttftP99: a ttft goal needs an inference workload"],
    [
      { search: { storage: { data: { preset: "ebs-gp3", throughput: "fast" } } } },
      "search.storage.data.throughput: invalid rate",
    ],
    [
      { search: { storage: { dat: { preset: "ebs-gp3" } } } },
      'search.storage.dat: unknown storage binding "dat": did you mean "data"?',
    ],
  ] as const)("bad input %j: exit status 2 naming the path", async ([extra, message]) => {
    const f = file(extra as Partial<ScenarioSpec>);
    const r = await plan(f);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    noStack(r.stderr);
    const j = await plan(f, "--json");
    expect(j.status).toBe(2);
    expect((JSON.parse(j.stdout) as { error: { code: string } }).error.code).toBe("SCN_ERR_INVALID");
  });

  test("bad options: exit status 2", async () => {
    expect((await plan("plan-llm-storage", "--strategy", "greedy")).stderr).toContain("invalid --strategy: greedy");
    expect((await plan()).stderr).toContain("plan needs a scenario file or a bundled name");
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["plan", "plan-llm-storage", "--workers", "0"])).toBe(2);
  });
});
