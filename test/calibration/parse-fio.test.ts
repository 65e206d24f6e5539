import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isCalibrationError } from "../../src/calibration/errors.ts";
import { expandFioPaths, loadFioFiles } from "../../src/calibration/load-fio.ts";
import { parseFioJson, parseFioSize } from "../../src/calibration/parse-fio.ts";

const RUNS = "calibration/runs";
const JOBS = "calibration/fio";
// A run directory holds machine.json beside its fio files; `validate-*` directories hold one per workload.
const runDirs = readdirSync(RUNS).flatMap((name) => {
  const dir = join(RUNS, name);
  if (existsSync(join(dir, "machine.json"))) return [dir];
  return readdirSync(dir)
    .map((sub) => join(dir, sub))
    .filter((sub) => existsSync(join(sub, "machine.json")));
});

/** Section name → {bs, iodepth, numjobs} from a job file, with the [global] section's values as defaults. */
function jobFileSections(file: string): Map<string, { blockSize: number; iodepth: number; numjobs: number }> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> = {};
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1] !== undefined) sections.set(header[1], (current = {}));
    else if (line !== "" && !line.startsWith(";") && !line.startsWith("#")) {
      const [k, v] = line.split("=");
      if (k !== undefined) current[k.trim()] = (v ?? "").trim();
    }
  }
  const global = sections.get("global") ?? {};
  sections.delete("global");
  return new Map(
    [...sections].map(([name, o]) => {
      const merged = { ...global, ...o };
      return [
        name,
        {
          blockSize: parseFioSize(merged.bs ?? "4k") ?? NaN,
          iodepth: Number(merged.iodepth ?? 1),
          numjobs: Number(merged.numjobs ?? 1),
        },
      ];
    }),
  );
}

/** A minimal fio 3.x document with one job; `read`/`write` override the direction objects. */
function fioDoc(job: Record<string, unknown> = {}, global: Record<string, string> = { rw: "randread", bs: "4k" }) {
  const idle = { io_bytes: 0, bw_bytes: 0, iops: 0, runtime: 0, total_ios: 0, clat_ns: { mean: 0, stddev: 0, N: 0 } };
  const read = {
    io_bytes: 4096000,
    bw_bytes: 4096000,
    iops: 1000,
    runtime: 1000,
    total_ios: 1000,
    clat_ns: { mean: 250000, stddev: 5000, N: 1000, percentile: { "50.000000": 240000, "99.900000": 900000 } },
  };
  return {
    "fio version": "fio-3.33",
    "global options": global,
    jobs: [{ jobname: "j", error: 0, "job options": { iodepth: "8" }, read, write: idle, ...job }],
  };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(isCalibrationError(e) && e.code === "CAL_ERR_FIO").toBe(true);
    return (e as Error).message;
  }
  throw new Error("expected a CalibrationError");
}

describe("parseFioJson on the committed runs", () => {
  test("there is at least one committed run with a machine description", () => {
    expect(runDirs.length).toBeGreaterThan(0);
    for (const dir of runDirs)
      expect(JSON.parse(readFileSync(join(dir, "machine.json"), "utf8"))).toHaveProperty("fio");
  });

  // Runs of the matrix (calibration/fio/*.fio) match their job file's sections; runs of the replay's disk
  // calibration (src/calibration/volume-fio.ts) are named `<rw>-<bytes>-nj<numjobs>` by their flags.
  test.for(runDirs.flatMap((dir) => expandFioPaths([dir])))("%s parses and matches its job file", (file) => {
    const runs = parseFioJson(readFileSync(file, "utf8"), file);
    const job =
      file
        .split("/")
        .pop()
        ?.replace(/\.json$/, "") ?? "";
    const byName = /^(rand)?(read|write)-(\d+)-nj(\d+)$/.exec(job);
    const sections = byName === null ? jobFileSections(join(JOBS, `${job}.fio`)) : undefined;
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      const want =
        byName === null
          ? sections?.get(run.jobName)
          : { blockSize: Number(byName[3]), iodepth: 1, numjobs: Number(byName[4]) };
      expect(want, run.jobName).toEqual({ blockSize: run.blockSize, iodepth: run.iodepth, numjobs: run.numjobs });
      // The matrix bypasses the page cache; the replay calibration reads buffered (as the loader does), except
      // its write runs.
      expect(run.direct).toBe(byName === null || run.rw.includes("write"));
      const dir = run.rw.includes("read") ? run.read : run.write;
      expect(dir, run.jobName).toBeDefined();
      expect(dir?.bandwidthBytesPerSecond).toBeGreaterThan(0);
      expect(dir?.iops).toBeGreaterThan(0);
      const ps = Object.entries(dir?.latencyUs.percentiles ?? {}).sort(([a], [b]) => Number(a) - Number(b));
      expect(ps.length).toBeGreaterThan(0);
      for (let i = 1; i < ps.length; i++) expect(ps[i]?.[1]).toBeGreaterThanOrEqual(ps[i - 1]?.[1] ?? Infinity);
    }
  });

  test("loadFioFiles reads a run directory and skips machine.json", () => {
    const dir = runDirs[0] ?? "";
    const runs = loadFioFiles([dir, join(dir, "machine.json")]);
    expect(new Set(runs.map((r) => r.source))).toEqual(new Set(expandFioPaths([dir])));
    expect(runs.every((r) => r.ioengine === "libaio" || r.ioengine === "psync")).toBe(true);
  });
});

describe("parseFioJson", () => {
  test("job options override global options and sizes use k=1024", () => {
    const [run] = parseFioJson(JSON.stringify(fioDoc({ "job options": { bs: "1M", iodepth: "32" } })), "a.json");
    expect(run).toMatchObject({ source: "a.json", jobName: "j", rw: "randread", blockSize: 1048576, iodepth: 32 });
    expect(run).toMatchObject({ numjobs: 1, direct: false, ioengine: "psync" });
    expect(run?.write).toBeUndefined();
    expect(run?.read).toEqual({
      ioBytes: 4096000,
      runtimeMs: 1000,
      bandwidthBytesPerSecond: 4096000,
      iops: 1000,
      latencyUs: { mean: 250, stddev: 5, percentiles: { "50": 240, "99.9": 900 } },
      totalIos: 1000,
    });
  });

  test.for([
    ["4k", 4096],
    ["128k", 131072],
    ["4M", 4194304],
    ["1m", 1048576],
    ["1MiB", 1048576],
    ["512", 512],
    ["4x", undefined],
  ] as const)("parseFioSize(%s) is %s", ([text, bytes]) => {
    expect(parseFioSize(text)).toBe(bytes);
  });

  test("concatenated documents give one run per job, in order", () => {
    const text = [fioDoc({ jobname: "a" }), fioDoc({ jobname: "b" })].map((d) => JSON.stringify(d, null, 2)).join("\n");
    expect(parseFioJson(text, "cat.json").map((r) => r.jobName)).toEqual(["a", "b"]);
  });

  test("leading warning lines before the JSON are skipped", () => {
    const text = `fio: file hash not empty on exit\nnote: both iodepth >= 1 and synchronous I/O engine\n${JSON.stringify(fioDoc())}`;
    expect(parseFioJson(text, "noisy.json")).toHaveLength(1);
  });

  test("a write job with bs=read,write uses the write block size and falls back to lat_ns", () => {
    const write = {
      io_bytes: 65536,
      bw_bytes: 65536,
      iops: 1,
      runtime: 1000,
      total_ios: 1,
      lat_ns: { mean: 2e6, stddev: 0 },
    };
    const doc = fioDoc({ read: undefined, write, "job options": { rw: "randwrite", bs: "4k,64k", direct: "1" } });
    const [run] = parseFioJson(JSON.stringify(doc), "w.json");
    expect(run).toMatchObject({ rw: "randwrite", blockSize: 65536, direct: true });
    expect(run?.write?.latencyUs).toEqual({ mean: 2000, stddev: 0, percentiles: {} });
  });

  test("truncated, garbage and invalid files are rejected naming the file and the line", () => {
    const lines = JSON.stringify(fioDoc(), null, 2).split("\n");
    expect(errorOf(() => parseFioJson(lines.slice(0, 12).join("\n"), "bad.json"))).toMatchInlineSnapshot(
      `"bad.json: truncated JSON at line 12"`,
    );
    expect(errorOf(() => parseFioJson("hello world\n", "garbage.json"))).toMatchInlineSnapshot(
      `"garbage.json: no JSON object found"`,
    );
    expect(errorOf(() => parseFioJson("", "empty.json"))).toMatchInlineSnapshot(`"empty.json: no JSON object found"`);
    expect(errorOf(() => parseFioJson('noise\n{\n  "jobs": [1,]\n}', "x.json"))).toMatchInlineSnapshot(
      `"x.json: invalid JSON at line 3: trailing comma is not allowed in JSON"`,
    );
  });

  test("structurally wrong documents are rejected with what is wrong", () => {
    expect(errorOf(() => parseFioJson('{"fio version": "fio-3.33"}', "x.json"))).toMatchInlineSnapshot(
      `"x.json: document 1 (line 1) has no "jobs" array"`,
    );
    expect(
      errorOf(() => parseFioJson(JSON.stringify(fioDoc({ jobname: "seqread", read: undefined })), "x.json")),
    ).toMatchInlineSnapshot(`"x.json: job 'seqread' has no read or write results"`);
    expect(errorOf(() => parseFioJson(JSON.stringify(fioDoc({ error: 5 })), "x.json"))).toMatchInlineSnapshot(
      `"x.json: job 'j' failed with error 5"`,
    );
    expect(
      errorOf(() => parseFioJson(JSON.stringify(fioDoc({ "job options": { rw: "trim" } })), "x.json")),
    ).toMatchInlineSnapshot(`"x.json: job 'j' has unsupported rw mode 'trim'"`);
    expect(
      errorOf(() => parseFioJson(JSON.stringify(fioDoc({ "job options": { bs: "big" } })), "x.json")),
    ).toMatchInlineSnapshot(`"x.json: job 'j' has invalid block size 'big'"`);
    const noIops = fioDoc();
    delete (noIops.jobs[0]?.read as Record<string, unknown>).iops;
    expect(errorOf(() => parseFioJson(JSON.stringify(noIops), "x.json"))).toMatchInlineSnapshot(
      `"x.json: job 'j' read.iops is missing"`,
    );
  });

  test("loadFioFiles names a missing path", () => {
    expect(errorOf(() => loadFioFiles(["calibration/runs/does-not-exist"]))).toMatchInlineSnapshot(
      `"calibration/runs/does-not-exist: cannot read: ENOENT"`,
    );
  });
});
