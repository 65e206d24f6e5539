/**
 * `stallsim sweep` and `stallsim merge` from the command line: the same JSON from 1 and 2 worker threads
 * (through bin/stallsim.js, so the worker bootstrap runs under the real launcher), shards merged into the
 * unsharded output, the Kubernetes manifest's command lines run locally per completion index, and input
 * errors as clear messages with exit status 2.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { parseAllDocuments } from "yaml";
import { main } from "../../src/cli/main.ts";
import { k8sExpand } from "../helpers/k8s-expand.ts";

const SCENARIO = "vision-resnet50-gp3";
const PARAMS = [
  "--param",
  "storage.imagenet.throughput=125MiB/s,250MiB/s,500MiB/s",
  "--param",
  "jobs[0].data.cachePerNode=0,64GiB",
];
const tmp = () => mkdtempSync(path.join(tmpdir(), "stallsim-sweep-"));
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** Runs `main` in this process, capturing what it writes. */
async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const status = await main(argv);
    return { status, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
afterEach(() => void vi.restoreAllMocks());

describe("stallsim sweep", () => {
  test("prints the same JSON from 1 worker (in-process) and 2 worker threads, via bin/stallsim.js", () => {
    const run = (workers: string) =>
      spawnSync(process.execPath, ["bin/stallsim.js", "sweep", SCENARIO, ...PARAMS, "--json", "--workers", workers], {
        encoding: "utf8",
      });
    const one = run("1");
    const two = run("2");
    expect([one.status, two.status, one.stderr, two.stderr]).toEqual([0, 0, "", ""]);
    expect(two.stdout).toBe(one.stdout);
    const body = JSON.parse(one.stdout) as { sweep: { points: number }; points: { params: object; result?: object }[] };
    expect(body.sweep.points).toBe(6);
    expect(body.points[5]!.params).toEqual({
      "storage.imagenet.throughput": "500MiB/s",
      "jobs[0].data.cachePerNode": "64GiB",
    });
    expect(body.points[0]!.result).toBeUndefined();
  });

  test("prints a table by default, CSV with --csv, full results with --json --full", async () => {
    const table = await cli("sweep", SCENARIO, ...PARAMS, "--workers", "1");
    expect(table.status).toBe(0);
    expect(table.stdout.split("\n")[0]).toBe("vision-resnet50-gp3: 6 points (3 × 2), the scenario's seed");
    expect(table.stdout).toMatch(
      /#\s+storage\.imagenet\.throughput\s+jobs\[0\]\.data\.cachePerNode\s+utilisation\s+AU/,
    );
    const csv = await cli("sweep", SCENARIO, ...PARAMS, "--workers", "1", "--csv");
    expect(csv.stdout.split("\n")).toHaveLength(8);
    expect(csv.stdout.split("\n")[1]).toMatch(/^0,125MiB\/s,0,0\.\d+,/);
    const full = await cli(
      "sweep",
      SCENARIO,
      "--param",
      "jobs[0].data.workers=4",
      "--workers",
      "1",
      "--json",
      "--full",
    );
    expect(
      (JSON.parse(full.stdout) as { points: { result: { alternatives: { timeline: object }[] } }[] }).points[0]!.result
        .alternatives[0]!.timeline,
    ).toBeDefined();
  });

  test("shards merged give the unsharded output byte for byte (JSON, table, CSV)", async () => {
    const dir = tmp();
    for (const i of [1, 2, 3, 4]) {
      const r = await cli("sweep", SCENARIO, ...PARAMS, "--shard", `${i}/4`, "-o", path.join(dir, `s${i}.json`));
      expect(r).toEqual({ status: 0, stdout: "", stderr: "" });
    }
    const shards = [4, 2, 1, 3].map((i) => path.join(dir, `s${i}.json`));
    for (const format of [["--json"], [], ["--csv"]]) {
      const whole = await cli("sweep", SCENARIO, ...PARAMS, "--workers", "2", ...format);
      const merged = await cli("merge", ...shards, ...format);
      expect(merged.status).toBe(0);
      expect(merged.stdout).toBe(whole.stdout);
    }
  });

  test("the Kubernetes Job's command lines, run for each completion index, reproduce the sweep after merge", async () => {
    const dir = tmp();
    const manifestFile = path.join(dir, "job.yaml");
    const emitted = await cli(
      "sweep",
      SCENARIO,
      ...PARAMS,
      "--fidelity",
      "bulk",
      "--emit-k8s-job",
      "--shards",
      "3",
      "-o",
      manifestFile,
    );
    expect(emitted).toEqual({ status: 0, stdout: "", stderr: "" });
    const [cm, job] = parseAllDocuments(readFileSync(manifestFile, "utf8")).map((d) => d.toJS() as Manifest);
    expect([cm!.kind, job!.kind, job!.spec.completionMode, job!.spec.completions]).toEqual([
      "ConfigMap",
      "Job",
      "Indexed",
      3,
    ]);
    // The volumes as the pod sees them: the ConfigMap's files at /scenario, the claim's sub-folder at /results.
    const scenarioDir = path.join(dir, "scenario");
    const resultsDir = path.join(dir, "claim", job!.metadata.name);
    mkdirSync(scenarioDir);
    for (const [name, text] of Object.entries(cm!.data)) writeFileSync(path.join(scenarioDir, name), text);
    const container = job!.spec.template.spec.containers[0]!;
    expect(container.command).toEqual(["/bin/sh", "-c"]);
    for (let k = 0; k < 3; k++) {
      const env = { JOB_COMPLETION_INDEX: String(k) };
      const script = k8sExpand(container.args[0]!, env).replace(/^exec stallsim /, "printf '%s\\0' ");
      const argv = execFileSync("/bin/sh", ["-c", script], { env, encoding: "utf8" })
        .split("\0")
        .slice(0, -1)
        .map((a) => a.replace(/^\/scenario\//, `${scenarioDir}/`).replace(/^\/results\//, `${resultsDir}/`));
      const r = await cli(...argv);
      expect(r).toEqual({ status: 0, stdout: "", stderr: "" });
    }
    const shards = [0, 1, 2].map((k) => path.join(resultsDir, `shard-${k}.json`));
    const merged = await cli("merge", ...shards, "--json");
    const whole = await cli("sweep", SCENARIO, ...PARAMS, "--fidelity", "bulk", "--json", "--workers", "1");
    expect(merged.stdout).toBe(whole.stdout);
  });

  test("the ConfigMap carries the profile files the scenario names; one in another folder is refused", async () => {
    const { LOCAL_NVME } = await import("../../src/models/storage/presets/local-nvme.ts");
    const dir = tmp();
    const profile = JSON.stringify({ profile: { ...LOCAL_NVME, name: "my-disk" } }, (_k, v) =>
      v === Infinity ? null : v,
    );
    const scenario = (file: string) =>
      [
        "name: measured",
        "cluster: { nodeType: p5.48xlarge }",
        `storage: { disk: { profile: ${file} } }`,
        "jobs:",
        "  - { name: j, gpus: 8, steps: 20, compute: { stepTime: 100ms },",
        "      data: { storage: disk, samplesPerStep: 4, sampleSize: 1MB, datasetSize: 10GB } }",
      ].join("\n");
    writeFileSync(path.join(dir, "disk.json"), profile);
    writeFileSync(path.join(dir, "s.yaml"), scenario("disk.json"));
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "sub", "disk.json"), profile);
    writeFileSync(path.join(dir, "t.yaml"), scenario("sub/disk.json"));
    const args = ["--param", "jobs[0].data.workers=2,4", "--emit-k8s-job"];
    const ok = await cli("sweep", path.join(dir, "s.yaml"), ...args);
    expect(ok.status).toBe(0);
    const [cm] = parseAllDocuments(ok.stdout).map((d) => d.toJS() as Manifest);
    expect(Object.keys(cm!.data)).toEqual(["s.yaml", "disk.json"]);
    expect(cm!.data["disk.json"]).toBe(profile);
    const refused = await cli("sweep", path.join(dir, "t.yaml"), ...args);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--emit-k8s-job: profile file sub/disk.json must sit next to the scenario file");
  });

  test.for([
    {
      args: ["--param", "storage.imagenet.throughpt=1"],
      message:
        'invalid --param storage.imagenet.throughpt=1: storage.imagenet.throughpt: unknown field "throughpt": did you mean "throughput"?',
    },
    {
      args: ["--param", "jobs[0].data.workers=4,0"],
      message:
        "invalid sweep point 1 of 2 (jobs[0].data.workers=0)\n  jobs[0].data.workers: the pool loader needs at least one worker (loader: pytorch with workers: 0 loads in the training process)",
    },
    {
      args: ["--param", "jobs[0].gpus=8", "--shard", "5/4"],
      message: "invalid --shard 5/4 (expected I/N with 1 ≤ I ≤ N",
    },
    { args: ["--param", "jobs[0].gpus=8", "--json", "--csv"], message: "give --json or --csv, not both" },
    { args: ["--param", "jobs[0].gpus=8", "--workers", "0"], message: "invalid --workers: 0" },
    { args: ["--param", "jobs[0].gpus=8", "--csv", "--full"], message: "--full goes with --json" },
    { args: ["--param", "jobs[0].gpus=8", "--image", "x"], message: "--image goes with --emit-k8s-job" },
    { args: [], message: "a sweep needs at least one --param PATH=V1,V2,..." },
  ])("$args is an input error (exit 2)", async ({ args, message }) => {
    const r = await cli("sweep", SCENARIO, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toContain(message); // with --json, errors are JSON on stdout
    noStack(r.stderr);
  });

  test("--json input errors are JSON with the point and the issues' paths", async () => {
    const r = await cli("sweep", SCENARIO, "--param", "jobs[0].data.workers=0", "--json");
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout) as { error: { code: string; point: object; issues: { path: unknown[] }[] } };
    expect(body.error.code).toBe("SWP_ERR_POINT");
    expect(body.error.point).toEqual({ index: 0, params: { "jobs[0].data.workers": 0 } });
    expect(body.error.issues[0]!.path).toEqual(["jobs", 0, "data", "workers"]);
  });
});

describe("stallsim merge", () => {
  test("missing, repeated or foreign shards and unreadable files are input errors (exit 2)", async () => {
    const dir = tmp();
    const shard = (i: number, n: number, values = "4,8,16") =>
      cli(
        "sweep",
        SCENARIO,
        "--param",
        `jobs[0].data.workers=${values}`,
        "--shard",
        `${i}/${n}`,
        "-o",
        path.join(dir, `${values}-${i}of${n}.json`),
      );
    await shard(1, 2);
    await shard(2, 2);
    await shard(2, 2, "4,8");
    const f = (name: string) => path.join(dir, name);
    writeFileSync(f("junk.json"), "{");
    const cases: [string[], string][] = [
      [[f("4,8,16-1of2.json")], "missing shard 2/2 (have 1 of 2)"],
      [[f("4,8,16-1of2.json"), f("4,8,16-2of2.json"), f("4,8,16-2of2.json")], "shard 2/2 is given twice"],
      [[f("4,8,16-1of2.json"), f("4,8-2of2.json")], "belong to different sweeps"],
      [[f("nope.json")], "nope.json: no such file"],
      [[f("junk.json")], "junk.json: not JSON"],
      [[], "merge needs the shard files of a sweep"],
    ];
    for (const [files, message] of cases) {
      const r = await cli("merge", ...files);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      noStack(r.stderr);
    }
  });
});

test("--help describes sweep and merge", async () => {
  const r = await cli("--help");
  expect(r.stdout).toContain("sweep FILE|NAME --param PATH=V1,V2,...");
  expect(r.stdout).toContain("merge SHARD.json...");
});

interface Manifest {
  kind: string;
  metadata: { name: string };
  data: Record<string, string>;
  spec: {
    completionMode: string;
    completions: number;
    template: { spec: { containers: { command: string[]; args: string[] }[] } };
  };
}
