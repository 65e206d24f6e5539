/**
 * `stallsim calibrate` from the command line: the summary table, the JSON document, the committed fitted
 * profile is what the CLI produces today, and bad input exits 2 with a clear line and no stack trace.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(Object.keys(doc)).toEqual(["profile", "curves", "fitError"]);
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
    expect(r.stdout).toMatch(/^rand-read\s+4 KiB\s+60\s+377\.8\s+5\.5\s+8\s/m);
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
      message: /^stallsim: invalid profile name: 'My Disk'/,
    },
  ])("$what exits 2 with a clear line", ({ args, message }) => {
    const bad = path.join(tmp(), "bad.json");
    writeFileSync(bad, '{ "jobs": [ { "jobname": "x", "read": ');
    const r = cli("calibrate", ...args.map((a) => (a === "BAD" ? bad : a)));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  test("--json reports a calibration error as data", () => {
    const bad = path.join(tmp(), "bad.json");
    writeFileSync(bad, "not json");
    const r = cli("calibrate", bad, "--name", "x", "--json");
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "CAL_ERR_FIO" } });
  });
});
