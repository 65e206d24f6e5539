/**
 * `stallsim regress` from the command line: exit 0 when nothing moved, 1 on a regression (naming the metric
 * and the move), 2 for bad input with a clear line and no stack trace; `--update`, `--junit`, `--json`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, test } from "vitest";
import { cli as run, makeSuite } from "../helpers/regress-suite.ts";

// One thread: these suites take milliseconds, less than starting worker threads (which one test does).
const cli = (...argv: string[]) => run(...argv, ...(argv[0] === "regress" ? ["--workers", "1"] : []));

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A suite with a baseline written by `stallsim regress --update`. */
async function suiteWithBaseline() {
  const s = makeSuite();
  const r = await cli("regress", s.dir, "--baseline", s.baseline, "--update");
  expect(r.status, r.err).toBe(0);
  return s;
}

describe("stallsim regress", () => {
  test("--update writes a baseline (version, date, rounded numbers) that the next run passes", async () => {
    const { dir, baseline } = makeSuite();
    const up = await cli("regress", dir, "--baseline", baseline, "--update");
    expect(up.status).toBe(0);
    expect(up.out).toContain(`Baseline written: ${baseline}`);
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    expect(doc.stallsim).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc.precision).toBe("6 significant digits; integers exact");
    expect(Object.keys(doc.scenarios)).toEqual(["mlperf-unet3d-h100", "vision-resnet50-gp3"]);
    const r = await cli("regress", dir, "--baseline", baseline);
    expect(r.status).toBe(0);
    const n = Object.keys(doc.scenarios["mlperf-unet3d-h100"].metrics).length;
    expect(n).toBeGreaterThan(20);
    expect(r.out).toContain(`PASS    mlperf-unet3d-h100 (seed 1, bulk): ${n} metrics, none moved`);
    expect(r.out).toContain("PASS: every metric is within its tolerance.");
    const again = await cli("regress", dir, "--baseline", baseline, "--update");
    expect(again.out).toContain(`Baseline unchanged: ${baseline}`);
  });

  test("a perturbed baseline exits 1, naming the metric, old → new, Δ, Δ%, tolerance and direction", async () => {
    const { dir, baseline } = await suiteWithBaseline();
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    doc.scenarios["vision-resnet50-gp3"].metrics["alternatives.resnet50.jobs.resnet50.au"] = 0.99;
    writeFileSync(baseline, JSON.stringify(doc));
    const r = await cli("regress", dir, "--baseline", baseline);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^FAIL {4}vision-resnet50-gp3 \(seed 1, bulk\): 1 of \d+ metrics beyond tolerance$/m);
    expect(r.out).toMatch(
      /^ {4}alternatives\.resnet50\.jobs\.resnet50\.au +0\.99 +0\.\d+ +−0\.\d+ +−\d+\.\d+% +0\.0001abs +higher +REGRESSION$/m,
    );
    expect(r.out).toContain(
      `If the changes are intended, record them: stallsim regress ${dir} --baseline ${baseline} --update`,
    );
    const fixed = await cli("regress", dir, "--baseline", baseline, "--tolerance", "jobs.resnet50.au=1abs");
    expect(fixed.status).toBe(0);
  });

  test("--junit writes XML that parses, with one failure per moved metric; --json gives the report", async () => {
    const { dir, baseline } = await suiteWithBaseline();
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    doc.scenarios["mlperf-unet3d-h100"].metrics["alternatives.unet3d.wallHours"] *= 1.5;
    doc.scenarios["mlperf-unet3d-h100"].metrics["alternatives.unet3d.jobs.unet3d.checkpoints"] = 3;
    writeFileSync(baseline, JSON.stringify(doc));
    const junit = path.join(dir, "out", "regress.xml");
    const r = await cli("regress", dir, "--baseline", baseline, "--junit", junit, "--json");
    expect(r.status).toBe(1);
    const xml = new new JSDOM().window.DOMParser().parseFromString(readFileSync(junit, "utf8"), "application/xml");
    expect(xml.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(xml.documentElement.getAttribute("failures")).toBe("2");
    expect(xml.getElementsByTagName("testsuite")).toHaveLength(2);
    const messages = [...xml.getElementsByTagName("failure")].map((f) => f.getAttribute("message"));
    expect(messages[0]).toMatch(
      /^improved: alternatives\.unet3d\.wallHours: [\d.]+ → [\d.]+ \(Δ −[\d.]+, −33\.33%; tolerance 0\.1%\+0\.001abs; lower is better\)$/,
    );
    expect(messages[1]).toMatch(
      /^changed: alternatives\.unet3d\.jobs\.unet3d\.checkpoints: 3 → 0 .*tolerance exact; no better direction/,
    );
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ ok: false, counts: { fail: 1, pass: 1, metrics: { improved: 1, changed: 1 } } });
  });

  test("a new scenario and a scenario gone from the suite exit 1 and are named", async () => {
    const { dir, baseline } = await suiteWithBaseline();
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    doc.scenarios["retired"] = { ...doc.scenarios["vision-resnet50-gp3"], file: "retired.yaml" };
    delete doc.scenarios["vision-resnet50-gp3"];
    writeFileSync(baseline, JSON.stringify(doc));
    const r = await cli("regress", dir, "--baseline", baseline);
    expect(r.status).toBe(1);
    expect(r.out).toContain("NEW     vision-resnet50-gp3 (seed 1, bulk): not in the baseline");
    expect(r.out).toContain("MISSING retired (retired.yaml): in the baseline but not in the suite");
    expect(r.out).toMatch(/FAIL: 2 scenarios of 3 differ from the baseline/);
    const up = await cli("regress", dir, "--baseline", baseline, "--update");
    expect(up.status).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(baseline, "utf8")).scenarios)).toEqual([
      "mlperf-unet3d-h100",
      "vision-resnet50-gp3",
    ]);
  });

  describe("bad input exits 2 with one clear message and no stack trace", () => {
    test.for([
      ["no suite", () => ["regress"], "regress needs a suite folder"],
      ["two suites", (d: string) => ["regress", d, d, "--baseline", "b.json"], "regress takes one suite folder, got 2"],
      ["no --baseline", (d: string) => ["regress", d], "regress needs --baseline FILE"],
      [
        "a missing baseline",
        (d: string) => ["regress", d, "--baseline", path.join(d, "none.json")],
        "no such baseline file (create it with --update)",
      ],
      [
        "a missing suite",
        (d: string) => ["regress", path.join(d, "nope"), "--baseline", "b.json"],
        "no such suite folder",
      ],
      [
        "a bad tolerance",
        (d: string) => ["regress", d, "--baseline", "b.json", "--tolerance", "au=5 percent"],
        'invalid tolerance "5 percent"',
      ],
      [
        "an unknown metric",
        (d: string) => ["regress", d, "--baseline", "b.json", "--tolerance", "utilsation=1%"],
        'unknown metric "utilsation": did you mean "utilisation"?',
      ],
    ] as const)("%s", async ([, argv, message]) => {
      const { dir } = makeSuite();
      const r = await cli(...argv(dir));
      expect(r.status).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.startsWith("stallsim: ")).toBe(true);
      noStack(r.err);
    });

    test("an invalid baseline names the file and field", async () => {
      const { dir, baseline } = makeSuite();
      writeFileSync(
        baseline,
        JSON.stringify({ format: 1, stallsim: "x", date: "x", precision: "x", scenarios: { a: {} } }),
      );
      const r = await cli("regress", dir, "--baseline", baseline);
      expect(r.status).toBe(2);
      expect(r.err).toContain(`${baseline}: not a stallsim baseline:`);
      expect(r.err).toContain("scenarios.a.file: required");
    });

    test("an invalid scenario names its file and field; --json gives the issues as data", async () => {
      const { dir, baseline } = makeSuite({ suiteFile: null });
      const bad = path.join(dir, "bad.yaml");
      writeFileSync(
        bad,
        "name: bad\ncluster: { nodeType: p5.48xlarge }\nstorage: { d: { preset: ebs-gp2 } }\njobs: []\n",
      );
      const r = await cli("regress", dir, "--baseline", baseline, "--update");
      expect(r.status).toBe(2);
      expect(r.err).toContain(`stallsim: ${bad}: invalid scenario`);
      expect(r.err).toContain('storage.d.preset: unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?');
      noStack(r.err);
      expect(existsSync(baseline)).toBe(false);
      const j = await cli("regress", dir, "--baseline", baseline, "--update", "--json");
      expect(JSON.parse(j.out).error.code).toBe("SCN_ERR_INVALID");
    });

    test("an invalid suite file names the file and field; --json gives its code", async () => {
      const { dir, baseline } = makeSuite({
        suiteFile: "scenarios:\n  - { file: mlperf-unet3d-h100.yaml, seed: lots }\n",
      });
      const r = await cli("regress", dir, "--baseline", baseline, "--update");
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/^stallsim: invalid suite file .*suite\.yaml: scenarios\[0\]\.seed: /);
      const j = await cli("regress", dir, "--baseline", baseline, "--update", "--json");
      expect(JSON.parse(j.out).error.code).toBe("REG_ERR_SUITE");
    });

    test("an unwritable JUnit path", async () => {
      const { dir, baseline } = await suiteWithBaseline();
      const r = await cli("regress", dir, "--baseline", baseline, "--junit", path.join(baseline, "x.xml"));
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/^stallsim: cannot write JUnit XML to ".*x\.xml" \(E[A-Z]+\)/);
    });
  });

  test("by default the suite runs on worker threads, with the same numbers", async () => {
    const { dir, baseline } = await suiteWithBaseline();
    const r = await run("regress", dir, "--baseline", baseline, "--update");
    expect(r.status, r.err).toBe(0);
    expect(r.out).toContain("Baseline unchanged");
  });

  test("--help lists regress", async () => {
    const r = await cli("--help");
    expect(r.out).toContain("\n  regress SUITE_DIR --baseline FILE");
  });
});
