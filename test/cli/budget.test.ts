/**
 * The CLI's work budget (issue 14, item 4: 10^9 per-step steps, 10 million or 100 million GPUs ran silently until
 * killed): the API's estimate and budget, refused over it with the estimate, the shares and how to reduce them
 * unless --force; absurd sizes refused by validation before any work; a run too long for the clock refused at
 * its field instead of an internal error.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/stallsim.js", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
const dir = mkdtempSync(path.join(tmpdir(), "stallsim-budget-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const job = (extra: string) =>
  [
    "name: big",
    "cluster: { nodeType: p5.48xlarge }",
    "storage: { d: { preset: fsx-lustre, capacity: 100TB } }",
    "jobs:",
    "  - name: train",
    "    compute: { stepTime: 300ms }",
    "    data: { storage: d, samplesPerStep: 4, sampleSize: 10MB, datasetSize: 1TB }",
    ...extra.split("\n").map((l) => `    ${l}`),
  ].join("\n");

describe("stallsim run has the API's budget", () => {
  test("10^9 per-step steps: refused (exit 2) with the estimate, the job's share and the ways out", () => {
    const r = cli(["run", file("steps.yaml", job("gpus: 8\nsteps: 1e9")), "--fidelity", "per-step"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^stallsim: this run: estimated work [\d.]+[KMBT]? units \(≈ [\d.]+ (h|days) of one core\) exceeds the budget/,
    );
    expect(r.stderr).toContain("fidelity: bulk");
    expect(r.stderr).toContain("add --force to run it anyway");
    expect(r.stderr).toMatch(/\n {2}train: [\d.]+[KMBT]? units \(per-step\)/);
  });

  test("a small budget refuses a small run; --force runs it", () => {
    const env = { STALLSIM_WORK_BUDGET: "1000" };
    expect(cli(["run", "checkpoint-vs-reads"], env).status).toBe(2);
    const forced = cli(["run", "checkpoint-vs-reads", "--force", "--json"], env);
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout).alternatives).toHaveLength(3);
  });

  test("a bad STALLSIM_WORK_BUDGET is a usage error", () => {
    const r = cli(["run", "checkpoint-vs-reads"], { STALLSIM_WORK_BUDGET: "lots" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("invalid STALLSIM_WORK_BUDGET: lots");
  });

  test("sweep and plan estimate all their points first", () => {
    const env = { STALLSIM_WORK_BUDGET: "1000" };
    const s = cli(["sweep", "checkpoint-vs-reads", "--param", "jobs[0].data.workers=4,8"], env);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/the sweep's 2 points: estimated work/);
    const p = cli(["plan", "plan-llm-storage"], env);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/simulating all 19 designs \(the smart search simulates fewer\): estimated work/);
  });
});

describe("absurd sizes are refused by validation, before any work", () => {
  test.each([
    ["gpus: 10000000\nsteps: 100", "jobs[0].gpus: at most 1,048,576 GPUs per job"],
    ["gpus: 100000000\nsteps: 100", "jobs[0].gpus: at most 1,048,576 GPUs per job"],
  ])("%j", (extra, message) => {
    const r = cli(["run", file("gpus.yaml", job(extra))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("a job that would outrun the simulated clock is refused at its duration, saying why", () => {
    const r = cli(["run", file("long.yaml", job("gpus: 8\nduration: 2000000h"))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/jobs\[0\]\.duration: job train would run about [\d,]+ years of simulated time/);
    expect(r.stderr).not.toContain("internal error");
  });

  test("30,000 h of unet3d compute runs: its readers move more than 10^18 bytes (they used to run out and fail)", () => {
    const text = readFileSync("src/scenarios/bundled/mlperf-unet3d-h100.yaml", "utf8").replace(
      /^ {4}steps: .*$/m,
      "    duration: 30000h",
    );
    const r = cli(["run", file("30k.yaml", text), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout).alternatives[0];
    expect(a.jobs[0].bytesRead).toBeGreaterThan(1e18);
    expect(a.wallHours).toBeGreaterThan(30_000);
  });
});
