/**
 * The table and the CSV of a sweep, from the output document alone: column layout, AU per job, ± half-widths
 * with replications, and RFC 4180 quoting.
 */
import { describe, expect, test } from "vitest";
import { csvField, formatSweepCsv, formatSweepTable } from "../../../src/studies/sweep/format.ts";
import type { SweepOutput, SweepPointOutput } from "../../../src/studies/sweep/output.ts";

const alternative = (name: string, u: number, more = {}) => ({
  name,
  utilisation: u,
  au: { [name]: u + 0.01 },
  wallHours: 10 / u,
  gpuHours: 80 / u,
  totalUsd: 2000 / u,
  idlePerYearUsd: 1e6 * (1 - u),
  ...more,
});

const point = (index: number, params: SweepPointOutput["params"], u: number, more = {}): SweepPointOutput => ({
  index,
  params,
  summary: { alternatives: [alternative("train", u, more)] },
});

const ONE: SweepOutput = {
  sweep: {
    scenario: "demo",
    hash: "sha256:0",
    params: [
      { path: "storage.data.preset", values: ["ebs-gp3", "local-nvme"] },
      { path: "jobs[0].data.workers", values: [4, 8] },
    ],
    seed: null,
    replications: 1,
    fidelity: "bulk",
    points: 4,
  },
  points: [
    point(0, { "storage.data.preset": "ebs-gp3", "jobs[0].data.workers": 4 }, 0.5),
    point(1, { "storage.data.preset": "ebs-gp3", "jobs[0].data.workers": 8 }, 0.625),
    point(2, { "storage.data.preset": "local-nvme", "jobs[0].data.workers": 4 }, 0.9),
    point(3, { "storage.data.preset": "local-nvme", "jobs[0].data.workers": 8 }, 0.95),
  ],
};

describe("formatSweepTable", () => {
  test("one row per point: values left, numbers right", () => {
    expect(formatSweepTable(ONE)).toMatchInlineSnapshot(`
      "demo: 4 points (2 × 2), the scenario's seed, bulk fidelity

      #  storage.data.preset  jobs[0].data.workers  utilisation     AU  wall h  GPU-h  cost to finish  idle $/year if run all year
      0  ebs-gp3              4                           50.0%  51.0%   20.00    160          $4,000                     $500,000
      1  ebs-gp3              8                           62.5%  63.5%   16.00    128          $3,200                     $375,000
      2  local-nvme           4                           90.0%  91.0%   11.11     89          $2,222                     $100,000
      3  local-nvme           8                           95.0%  96.0%   10.53     84          $2,105                      $50,000"
    `);
  });

  test("with replications, ± half-widths; with several jobs, one AU column each", () => {
    const reps: SweepOutput = {
      sweep: { ...ONE.sweep, params: [{ path: "seed", values: [1] }], replications: 5, seed: 3, points: 1 },
      points: [
        point(0, { seed: 1 }, 0.5, {
          au: { a: 0.5, b: null },
          halfWidth: { utilisation: 0.012, au: { a: 0.02, b: null }, wallHours: 0.5, totalUsd: 40 },
        }),
      ],
    };
    expect(formatSweepTable(reps)).toMatchInlineSnapshot(`
      "demo: 1 point (1), seed 3, mean of 5 replications (± 95% half-widths), bulk fidelity

      #  seed  utilisation        AU a  AU b       wall h  GPU-h  cost to finish  idle $/year if run all year
      0  1      50.0% ±1.2  50.0% ±2.0  — ±—  20.00 ±0.50    160     $4,000 ±$40                     $500,000"
    `);
    expect(formatSweepCsv(reps).split("\n")[0]).toBe(
      "index,seed,utilisation,utilisation_hw,au.a,au.a_hw,au.b,au.b_hw,wall_hours,wall_hours_hw,gpu_hours,total_usd,total_usd_hw,idle_usd_per_year",
    );
    expect(formatSweepCsv(reps).split("\n")[1]).toBe("0,1,0.5,0.012,0.5,0.02,,,20,0.5,160,4000,40,500000");
  });
});

describe("alternatives", () => {
  test("a scenario with alternatives gives one row per point and alternative, never a sum", () => {
    const two: SweepOutput = {
      sweep: { ...ONE.sweep, params: [{ path: "seed", values: [1] }], points: 1 },
      points: [
        {
          index: 0,
          params: { seed: 1 },
          summary: { alternatives: [alternative("sync", 0.9), alternative("async", 0.95)] },
        },
      ],
    };
    const table = formatSweepTable(two).split("\n");
    expect(table[2]).toMatch(/^#\s+seed\s+alternative\s+utilisation/);
    expect(table.slice(3).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ["0", "1", "sync", "90.0%"],
      ["0", "1", "async", "95.0%"],
    ]);
    expect(formatSweepCsv(two).split("\n").slice(1, 3)).toEqual([
      expect.stringMatching(/^0,1,sync,0\.9,/),
      expect.stringMatching(/^0,1,async,0\.95,/),
    ]);
  });
});

describe("CSV", () => {
  test.for([
    { cell: "plain", want: "plain" },
    { cell: "a,b", want: '"a,b"' },
    { cell: 'say "hi"', want: '"say ""hi"""' },
    { cell: "two\nlines", want: '"two\nlines"' },
    { cell: "cr\r", want: '"cr\r"' },
    { cell: " edge", want: '" edge"' },
    { cell: "jobs[0].data.workers", want: "jobs[0].data.workers" },
    { cell: 0.1, want: "0.1" },
    { cell: true, want: "true" },
    { cell: null, want: "" },
  ] as const)("$cell → $want", ({ cell, want }) => {
    expect(csvField(cell)).toBe(want);
  });

  test("a heading of keys, full-precision numbers, object values as quoted JSON", () => {
    const out: SweepOutput = {
      sweep: { ...ONE.sweep, params: [{ path: "jobs[0].checkpoint.interval", values: [{ steps: 5, x: 1 }, "1h"] }] },
      points: [
        point(0, { "jobs[0].checkpoint.interval": { steps: 5, x: 1 } }, 1 / 3),
        point(1, { "jobs[0].checkpoint.interval": "1h" }, 0.5),
      ],
    };
    expect(formatSweepCsv(out)).toBe(
      [
        "index,jobs[0].checkpoint.interval,utilisation,au,wall_hours,gpu_hours,total_usd,idle_usd_per_year",
        `0,"{""steps"":5,""x"":1}",0.3333333333333333,0.3433333333333333,30,240,6000,666666.6666666667`,
        "1,1h,0.5,0.51,20,160,4000,500000",
        "",
      ].join("\n"),
    );
  });
});
