/**
 * The fitted profile in the simulator: a storage-bound job with `q` loader workers reading requests of `r`
 * bytes on the profile fitted from the committed replay calibration (calibration/runs/replay-2026-11-24:
 * fio psync random reads of the replay's data file, numjobs 1–16) reads at the throughput fio measured for
 * (r, q) — the profile carries the measured curves and the per-step model uses them.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { replayJob, simulate } from "../../calibration/replay/predict.ts";
import { fitFioRuns } from "../../src/calibration/fit.ts";
import { fittedProfile } from "../../src/calibration/fitted-profile.ts";
import { expandFioPaths, loadFioFiles } from "../../src/calibration/load-fio.ts";

const dir = fileURLToPath(new URL("../../calibration/runs/replay-2026-11-24", import.meta.url));
const runs = loadFioFiles(expandFioPaths([dir]));
const fit = fitFioRuns(runs);
const profile = fittedProfile("replay-test", fit);
const points = fit.curves
  .filter((c) => c.op === "read" && c.pattern === "random")
  .flatMap((c) => c.points.map((p) => ({ c, p })));

describe("a job on a fitted profile reads at fio's measured throughput", () => {
  test("the committed sweep has the points this test needs", () => {
    expect(points.length).toBeGreaterThanOrEqual(30);
  });

  const rows = points.map(({ c, p }) => ({ r: c.requestBytes, q: p.outstanding, measured: p.measuredBytesPerSecond }));
  test.for(rows)("$r-byte requests, $q readers", ({ r, q, measured }) => {
    const steps = 40;
    const samplesPerStep = 4 * q;
    const job = replayJob(
      {
        steps,
        samplesPerStep,
        sampleBytes: r,
        workers: q,
        prefetchSteps: 1,
        computeMs: 0.001,
        datasetBytes: 8 * 2 ** 30,
      },
      profile,
    );
    const o = simulate(job);
    const simulated = (steps * samplesPerStep * r) / (o.wallUs / 1e6);
    // The curve is the running maximum of the points (monotone in q), so a point below an earlier one is
    // over-predicted by that margin; fio's own run-to-run noise on this VM is ≈ 10–20 %.
    expect(Math.abs(simulated - measured) / measured).toBeLessThanOrEqual(0.25);
  });

  test("mean absolute error over all points is within 8 %", () => {
    let sum = 0;
    for (const { r, q, measured } of rows) {
      const job = replayJob(
        {
          steps: 40,
          samplesPerStep: 4 * q,
          sampleBytes: r,
          workers: q,
          prefetchSteps: 1,
          computeMs: 0.001,
          datasetBytes: 8 * 2 ** 30,
        },
        profile,
      );
      const simulated = (40 * 4 * q * r) / (simulate(job).wallUs / 1e6);
      sum += Math.abs(simulated - measured) / measured;
    }
    expect(sum / rows.length).toBeLessThanOrEqual(0.08);
  });
});
