/**
 * `stallsim run` and `stallsim list` from the command line: readable output, JSON, and clear errors with
 * exit status 2 and no stack trace for anything a user can type.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/stallsim.js", ...args], { encoding: "utf8" });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("stallsim run", () => {
  test("prints a readable summary with GPU time by cause, cost and a diagnosis", () => {
    const r = cli("run", "mlperf-unet3d-h100");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GPU time: .* GPU-hours/);
    expect(r.stdout).toContain("Data wait");
    expect(r.stdout).toMatch(/Cost to finish: \$/);
    expect(r.stdout).toMatch(/If it ran like this all year: \$[\d,]+\/month/);
    expect(r.stdout).toContain("Diagnosis:");
    expect(r.stdout).toMatch(/utilisation: compute GPU-hours ÷ all GPU-hours paid for/);
  });

  test("the owned-GPU line: capex over a stated life, idle share, per GPU-year and in all, from the result", () => {
    const text = cli("run", "mlperf-unet3d-h100").stdout;
    const json = JSON.parse(cli("run", "mlperf-unet3d-h100", "--json").stdout) as {
      alternatives: {
        gpus: number;
        gpuHours: { total: number; byCause: { compute: number } };
        cost: { owned: { capexUsdPerGpu: number; lifeYears: number; idlePerYearUsd: number } };
      }[];
    };
    const a = json.alternatives[0]!;
    const m =
      /Owned instead \(\$([\d,]+) per GPU over ([\d.]+) years = \$[\d.]+\/GPU-h\): ([\d.]+)% idle wastes \$([\d,.]+) per GPU-year, \$([\d,]+)\/year for (\d+) GPUs/.exec(
        text,
      );
    expect(m, text).not.toBeNull();
    const n = (s: string) => Number(s.replace(/,/g, ""));
    expect(n(m![1]!)).toBe(a.cost.owned.capexUsdPerGpu);
    expect(Number(m![2]!)).toBe(a.cost.owned.lifeYears);
    const idle = 1 - a.gpuHours.byCause.compute / a.gpuHours.total;
    expect(Number(m![3]!)).toBeCloseTo(idle * 100, 1);
    // Per GPU-year: idle share × capex ÷ life.
    expect(n(m![4]!)).toBeCloseTo((idle * a.cost.owned.capexUsdPerGpu) / a.cost.owned.lifeYears, -1);
    expect(n(m![5]!)).toBeCloseTo(a.cost.owned.idlePerYearUsd, -1);
    expect(Number(m![6]!)).toBe(a.gpus);
  });

  // Regression (issue 13, defect 1): three alternative designs were printed as one summed utilisation, cost, run
  // rate and "idle $/year" ($2.9M/year, $730k idle/year).
  test("side-by-side designs get one headline each, a verdict and per-job cost; never a sum", () => {
    const r = cli("run", "cluster-storage-designs");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Compared side by side \(3 designs, each on its own copy of the cluster; never added\)/);
    for (const d of ["shared-lustre", "nvme-cache", "rwo-gp3"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${d} +\\d+\\.\\d%`, "m"));
      expect(r.stdout).toContain(`== ${d} (cluster design, 32 GPUs) ==`);
    }
    expect(r.stdout).toMatch(/^Verdict: nvme-cache is the cheapest way to do the same work/m);
    expect(r.stdout).toMatch(/job-1: 8 GPUs, .*, \$[\d.]+, 0 checkpoints/);
    // No line speaks for the scenario as a whole: every GPU-time line belongs to one design.
    expect(r.stdout.match(/^GPU time: /gm)).toHaveLength(3);
    const json = JSON.parse(cli("run", "cluster-storage-designs", "--json").stdout) as Record<string, unknown>;
    for (const key of ["utilisation", "wallHours", "gpuHours", "cost", "jobs"]) expect(json).not.toHaveProperty(key);
  });

  // Regression (issue 13, defect 2): the diagnosis was seed 1's text ("99.9%") while the mean was 89.4%, the
  // intervals left [0, 1] and went below 0 failures, and the headline disagreed with the compute row.
  test("with replications the diagnosis and the headline come from the means, and intervals stay in range", () => {
    const out = cli("run", "llm-pretrain-local-nvme", "--replications", "10").stdout;
    const head = /utilisation (\d+\.\d)% \(95% CI (\d+\.\d)%–(\d+\.\d)%\)/.exec(out)!;
    const compute = /Compute +[\d,.]+ GPU-h +(\d+\.\d)%/.exec(out)!;
    expect(head[1]).toBe(compute[1]);
    expect(Number(head[3])).toBeLessThanOrEqual(100);
    expect(out).not.toMatch(/utilisation 99\.9%, no storage-related cause/);
    expect(out).toMatch(/failures cost/);
    const r = JSON.parse(cli("run", "llm-pretrain-local-nvme", "--replications", "10", "--json").stdout);
    const job = r.alternatives[0].jobs[0];
    expect(job.confidence.failures.low).toBeGreaterThanOrEqual(0);
    expect(r.alternatives[0].confidence.utilisation.high).toBeLessThanOrEqual(1);
  });

  test("a misspelt bundled name suggests the closest one", () => {
    const r = cli("run", "mlperf-unet3d-h10");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown scenario "mlperf-unet3d-h10": did you mean "mlperf-unet3d-h100"?');
    noStack(r.stderr);
  });

  test("an invalid file lists every issue with its path; --json gives them as data", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-"));
    const file = path.join(dir, "bad.yaml");
    writeFileSync(
      file,
      [
        "name: bad",
        "cluster: { nodeType: p5.48xlarge }",
        "storage: { d: { preset: ebs-gp2 } }",
        "jobs:",
        "  - name: j",
        "    gpus: 8",
        "    steps: 10",
        "    compute: { stepTime: 1 fortnight }",
        "    data: { storage: d, samplesPerStep: 1, sampleSize: 1MB, datasetSize: 1GB }",
      ].join("\n"),
    );
    const r = cli("run", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('storage.d.preset: unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?');
    expect(r.stderr).toContain("jobs[0].compute.stepTime: invalid duration");
    noStack(r.stderr);
    const j = cli("run", file, "--json");
    expect(j.status).toBe(2);
    const body = JSON.parse(j.stdout) as { error: { code: string; issues: { path: unknown[] }[] } };
    expect(body.error.code).toBe("SCN_ERR_INVALID");
    expect(body.error.issues.map((i) => i.path)).toContainEqual(["storage", "d", "preset"]);
  });

  test("a YAML syntax error names the line and column", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-"));
    const file = path.join(dir, "broken.yaml");
    writeFileSync(file, "name: x\njobs: [\n");
    const r = cli("run", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    noStack(r.stderr);
  });

  test.for([
    ["--seed", "1.5", "invalid --seed: 1.5"],
    ["--replications", "0", "invalid --replications: 0"],
    ["--fidelity", "fast", "invalid --fidelity: fast"],
  ] as const)("%s %s is rejected", ([flag, value, message]) => {
    const r = cli("run", "mlperf-unet3d-h100", flag, value);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("run without a scenario explains what it needs", () => {
    const r = cli("run");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("run needs a scenario file or a bundled name");
  });
});

describe("stallsim list", () => {
  test("--json lists the bundled scenarios and storage presets", () => {
    const r = cli("list", "--json");
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { scenarios: { name: string }[]; storage: { name: string }[] };
    expect(body.scenarios.map((s) => s.name)).toContain("vision-resnet50-gp3");
    expect(body.storage.map((s) => s.name)).toContain("ebs-gp3");
  });

  test("prints readable tables", () => {
    const r = cli("list");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Bundled scenarios");
    expect(r.stdout).toContain("Storage presets");
  });
});

describe("stallsim run with a profile file instead of a preset", () => {
  const scenario = (profile: string) =>
    [
      "name: measured",
      "cluster: { nodeType: p5.48xlarge }",
      `storage: { disk: { profile: ${profile} } }`,
      "jobs:",
      "  - name: j",
      "    gpus: 8",
      "    steps: 50",
      "    compute: { stepTime: 100ms }",
      "    data: { storage: disk, samplesPerStep: 4, sampleSize: 10MB, datasetSize: 100GB }",
    ].join("\n");

  test("a profile JSON (unlimited as null) next to the scenario is used by relative path", async () => {
    const { LOCAL_NVME } = await import("../../src/models/storage/presets/local-nvme.ts");
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-"));
    const slow = {
      ...LOCAL_NVME,
      name: "slow-disk",
      volume: { read: { bytesPerSecond: 100e6, iops: 1e5 }, write: { bytesPerSecond: 100e6, iops: 1e5 } },
    };
    writeFileSync(
      path.join(dir, "disk.json"),
      JSON.stringify({ profile: slow }, (_k, v) => (v === Infinity ? null : v)),
    );
    writeFileSync(path.join(dir, "s.yaml"), scenario("disk.json"));
    const r = cli("run", path.join(dir, "s.yaml"), "--json");
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { alternatives: { utilisation: number; storage: { preset: string }[] }[] };
    const a = body.alternatives[0]!;
    // 8 GPUs × 4 × 10 MB per 100 ms = 3.2 GB/s wanted from a 100 MB/s disk: storage-bound.
    expect(a.utilisation).toBeLessThan(0.1);
    expect(a.storage[0]!.preset).toBe("slow-disk");
  });

  test("a missing or invalid profile file is an error at the binding's path", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-"));
    writeFileSync(path.join(dir, "s.yaml"), scenario("nope.json"));
    const missing = cli("run", path.join(dir, "s.yaml"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("storage.disk.profile: nope.json:");
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ profile: { name: "x" } }));
    writeFileSync(path.join(dir, "s2.yaml"), scenario("bad.json"));
    const bad = cli("run", path.join(dir, "s2.yaml"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("storage.disk.profile: bad.json:");
    noStack(bad.stderr);
  });
});
