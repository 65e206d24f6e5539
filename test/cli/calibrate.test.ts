/**
 * `stallsim calibrate` from the command line: the summary table, the JSON document, the committed fitted
 * profile is what the CLI produces today, and bad input exits 2 with a clear line and no stack trace.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

const RUN_DIR = "calibration/runs/vm-vda-ext4-2026-11-24";
const PROFILE = "calibration/profiles/vm-vda-ext4-2026-11-24.json";
const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/stallsim.js", ...args], { encoding: "utf8" });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);
const tmp = () => mkdtempSync(path.join(tmpdir(), "stallsim-cal-"));

describe("stallsim calibrate", () => {
  test("--json prints { profile, curves, fitError } for the committed run", () => {
    const r = cli("calibrate", RUN_DIR, "--name", "vm", "--json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      profile: { name: string; volume: { read: { iops: number } }; aggregate: { read: { iops: unknown } } };
      curves: { op: string; pattern: string; requestBytes: number; points: unknown[]; knots: unknown[] }[];
      fitError: { meanAbsRelativeError: number; maxAbsRelativeError: number }[];
    };
    expect(Object.keys(doc)).toEqual(["profile", "curves", "fitError", "warnings"]);
    expect(doc.profile.name).toBe("vm");
    expect(doc.profile.aggregate.read.iops).toBeNull();
    expect(doc.curves).toHaveLength(14);
    expect(doc.curves.reduce((n, c) => n + c.points.length, 0)).toBe(54);
    expect(doc.fitError).toHaveLength(14);
    for (const e of doc.fitError) expect(e.meanAbsRelativeError).toBeLessThanOrEqual(e.maxAbsRelativeError);
  });

  test("prints a summary table per curve", () => {
    const r = cli("calibrate", RUN_DIR, "--name", "vm");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("L0 µs");
    expect(r.stdout).toContain("knee QD");
    expect(r.stdout).toMatch(/^rand-read\s+4 KiB\s+60\s+377\.8\s+5\.5\s+7\s+8\s/m);
  });

  test("-o writes the document; the committed profile is what the CLI produces from the committed run", () => {
    const file = path.join(tmp(), "p.json");
    const r = cli("calibrate", RUN_DIR, "--name", "vm-vda-ext4-2026-11-24", "-o", file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Wrote ${file}.`);
    // The committed file is Prettier-formatted, so compare the documents, not the text.
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(readFileSync(PROFILE, "utf8")));
  });

  test.each([
    { what: "a bad fio file", args: ["BAD", "--name", "x"], message: /^stallsim: .*bad\.json: .*/ },
    {
      what: "a missing path",
      args: ["no/such/dir", "--name", "x"],
      message: /^stallsim: no\/such\/dir: cannot read: ENOENT/,
    },
    { what: "no files", args: ["--name", "x"], message: /^stallsim: calibrate needs fio JSON files/ },
    { what: "no --name", args: [RUN_DIR], message: /^stallsim: calibrate needs --name NAME/ },
    {
      what: "a bad --name",
      args: [RUN_DIR, "--name", "My Disk"],
      message: /^stallsim: profile name: 'My Disk' is not kebab-case/,
    },
  ])("$what exits 2 with a clear line", ({ args, message }) => {
    const bad = path.join(tmp(), "bad.json");
    writeFileSync(bad, '{ "jobs": [ { "jobname": "x", "read": ');
    const r = cli("calibrate", ...args.map((a) => (a === "BAD" ? bad : a)));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  test("a directory is searched recursively; the machine comes from machine.json beside the runs", () => {
    const root = tmp();
    const deep = path.join(root, "a", "b");
    mkdirSync(deep, { recursive: true });
    for (const f of readdirSync(RUN_DIR)) copyFileSync(path.join(RUN_DIR, f), path.join(deep, f));
    const r = cli("calibrate", root, "--name", "vm", "--json");
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { profile: { title: string }; curves: unknown[] };
    expect(doc.curves).toHaveLength(14);
    expect(doc.profile.title).toBe("Fitted from fio on vm (/dev/vda, ext4)");
  });

  test("runs from two machines are refused unless --allow-mixed", () => {
    const root = tmp();
    for (const [dir, host] of [
      ["one", "node-a"],
      ["two", "node-b"],
    ] as const) {
      mkdirSync(path.join(root, dir));
      for (const f of readdirSync(RUN_DIR)) copyFileSync(path.join(RUN_DIR, f), path.join(root, dir, f));
      const m = JSON.parse(readFileSync(path.join(RUN_DIR, "machine.json"), "utf8")) as { hostname: string };
      writeFileSync(path.join(root, dir, "machine.json"), JSON.stringify({ ...m, hostname: host }));
    }
    const r = cli("calibrate", root, "--name", "both");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the runs come from 2 machines: node-a \(\/dev\/vda, ext4\) \(.*\); node-b/);
    expect(r.stderr).toContain("--allow-mixed");
    noStack(r.stderr);
    expect(cli("calibrate", root, "--name", "both", "--allow-mixed").status).toBe(0);
  });

  test("warnings: a curve at one queue depth and points the curve misses, on stderr and in the JSON", () => {
    const r = cli("calibrate", RUN_DIR, "--name", "vm");
    expect(r.stdout).toMatch(/^\d+ warnings \(below, on stderr\)/m);
    expect(r.stderr).toMatch(/^warning: rand-write 4 MiB was measured at one queue depth \(32 outstanding I\/Os\)/m);
    expect(r.stderr).toMatch(
      /^warning: seq-read 4 MiB: the fitted curve misses .*seq-read\.json job 'read-4m-qd4-j1'/m,
    );
    const doc = JSON.parse(cli("calibrate", RUN_DIR, "--name", "vm", "--json").stdout) as {
      warnings: { code: string }[];
    };
    expect(doc.warnings.map((w) => w.code)).toEqual(
      r.stderr
        .trim()
        .split("\n")
        .map(() => expect.any(String)),
    );
    expect(new Set(doc.warnings.map((w) => w.code))).toEqual(new Set(["one-point-curve", "poor-fit"]));
  });

  test("--json reports a calibration error as data", () => {
    const bad = path.join(tmp(), "bad.json");
    writeFileSync(bad, "not json");
    const r = cli("calibrate", bad, "--name", "x", "--json");
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "CAL_ERR_FIO" } });
  });
});

// Issue 15: the README's one calibration flow. Needs fio (.ci/run installs it); skipped without it unless CI.
const fio = spawnSync("fio", ["--version"]).status === 0;
describe.skipIf(!fio && process.env.CI === undefined)("stallsim calibrate --run", () => {
  test("measures a folder's volume in passes: a profile that loads, each pass's profile, the spread", () => {
    const dir = tmp();
    const out = path.join(dir, "vol.json");
    const r = cli(
      "calibrate",
      "--run",
      dir,
      "--name",
      "vol",
      "--size",
      "64MiB",
      "--sizes",
      "4k,64k",
      "--threads",
      "1,2",
      "--passes",
      "2",
      "--seconds",
      "1",
      "-o",
      out,
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Repeatability over 2 passes: random reads' saturation moved at most \d+%/m);
    // The scratch file is gone; the profile is there.
    expect(readdirSync(dir)).toEqual(["vol.json"]);
    const doc = JSON.parse(readFileSync(out, "utf8")) as {
      profile: { name: string; description: string };
      passProfiles: { name: string }[];
      repeatability: { passes: number; curves: { requestBytes: number; saturationBytesPerSecond: number[] }[] };
      curves: { op: string; pattern: string; requestBytes: number }[];
      warnings: { code: string }[];
    };
    expect(doc.profile.name).toBe("vol");
    expect(doc.profile.description).toContain(`2 passes on a scratch file in ${dir}`);
    expect(doc.passProfiles.map((p) => p.name)).toEqual(["vol-pass1", "vol-pass2"]);
    expect(doc.repeatability.passes).toBe(2);
    expect(doc.repeatability.curves.map((c) => c.requestBytes)).toEqual([4096, 65536]);
    for (const c of doc.repeatability.curves) expect(c.saturationBytesPerSecond).toHaveLength(2);
    expect(doc.curves.map((c) => `${c.pattern}-${c.op}-${c.requestBytes}`).sort()).toEqual(
      [
        "random-read-4096",
        "random-read-65536",
        "sequential-read-1048576",
        "random-write-4096",
        // The checkpoint as torch.save writes it: 4 MiB buffered writes of 1 GiB, then fsync.
        "random-write-4194304",
        "sequential-write-1048576",
      ].sort(),
    );
    // Buffered reads are what a Python loader does: not a warning here.
    expect(doc.warnings.map((w) => w.code)).not.toContain("buffered-io");
    // A scenario can use the file: the passes come along.
    const scen = path.join(dir, "s.yaml");
    writeFileSync(
      scen,
      [
        "name: uses-vol",
        "cluster: { nodeType: p5.48xlarge }",
        "storage: { data: { profile: vol.json } }",
        "jobs:",
        "  - { name: j, gpus: 1, steps: 50, compute: { stepTime: 5ms },",
        "      data: { storage: data, loader: pytorch, samplesPerStep: 8, sampleSize: 64KiB, workers: 2, datasetSize: 64MiB } }",
      ].join("\n"),
    );
    const run = cli("run", scen, "--json");
    expect(run.status).toBe(0);
    const job = (JSON.parse(run.stdout) as { alternatives: { jobs: { au: number; calibrationPasses: unknown }[] }[] })
      .alternatives[0]!.jobs[0]!;
    expect(job.calibrationPasses).toMatchObject({
      passes: 2,
      au: { low: expect.any(Number), high: expect.any(Number) },
    });
  }, 120_000);

  test("bad options name the option", () => {
    const dir = tmp();
    for (const [args, msg] of [
      [["--sizes", "4k,zz"], /invalid --sizes: zz/],
      [["--threads", "0"], /invalid --threads: 0/],
      [["--passes", "0"], /passes/],
      [["--size", "lots"], /invalid --size: lots/],
    ] as const) {
      const r = cli("calibrate", "--run", dir, "--name", "x", ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    expect(cli("calibrate", "--run", path.join(dir, "nope"), "--name", "x").stderr).toMatch(/no such file or folder/);
    expect(cli("calibrate", "--run", dir).stderr).toMatch(/--name NAME/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
