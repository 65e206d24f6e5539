/**
 * Replay vs simulation on the real disk (CI-sized: a 256 MiB file, a few seconds of I/O). Needs root to drop
 * the page cache; skipped otherwise. See docs/VALIDATION.md for the full spread of workloads.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { loadProfile, predict } from "../../calibration/replay/predict.ts";
import {
  canDropCaches,
  prepareDataFile,
  runReplayProcess,
  type ReplayOptions,
} from "../../calibration/replay/replay.ts";

const file = path.join(os.tmpdir(), "stallsim-replay-ci-256m.bin");
const fileBytes = 256 * 1024 * 1024;
const profile = loadProfile(
  fileURLToPath(new URL("../../calibration/profiles/vm-vda-ext4-2026-11-24.json", import.meta.url)),
);
const noDrop = !canDropCaches();

async function check(w: Omit<ReplayOptions, "file">): Promise<{ measured: number; predicted: number }> {
  const m = await runReplayProcess({ ...w, file });
  const p = predict({ ...w, computeMs: m.meanComputeMs, datasetBytes: fileBytes }, profile);
  return { measured: m.au, predicted: p.au };
}

describe.skipIf(noDrop)("replay on the real disk vs the per-step model (needs root to drop the page cache)", () => {
  beforeAll(() => prepareDataFile(file, fileBytes), 120_000);

  test("a compute-bound loader: predicted AU within 5 points of measured", { timeout: 60_000 }, async () => {
    const r = await check({
      seed: "ci-compute",
      sampleBytes: 1 << 20,
      workers: 8,
      prefetchSteps: 4,
      samplesPerStep: 8,
      computeMs: 20,
      steps: 25,
    });
    expect(Math.abs(r.measured - r.predicted), JSON.stringify(r)).toBeLessThanOrEqual(0.05);
  });

  // KNOWN MODEL MISS, not noise: a 4 KiB, one-worker loader measures AU ≈ 0.27–0.28 on this VM where the
  // model predicts ≈ 0.40 (13 points; 21 points on the 8 GiB file of docs/VALIDATION.md). The profile's
  // per-request latency (59.6 µs, fio libaio direct I/O) leaves out the loader's own per-read cost (buffered
  // pread through libuv's threadpool and a promise: ≈ 120 µs per 4 KiB sample measured). `test.fails` keeps
  // the check running in CI: it turns red when the model is fixed, so this marker must then be removed.
  test.fails("a storage-bound loader: predicted AU within 5 points of measured", { timeout: 60_000 }, async () => {
    const r = await check({
      seed: "ci-storage",
      sampleBytes: 4096,
      workers: 1,
      prefetchSteps: 1,
      samplesPerStep: 64,
      computeMs: 2,
      steps: 300,
    });
    expect(Math.abs(r.measured - r.predicted), JSON.stringify(r)).toBeLessThanOrEqual(0.05);
  });
});
