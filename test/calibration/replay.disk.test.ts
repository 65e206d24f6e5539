/**
 * Replay vs simulation on this machine's disk, CI-sized (a 512 MiB file, ~15 s of fio and a few seconds of
 * replay): the disk is calibrated on the spot with fio (the same sweep `npm run validate` runs, reduced to
 * the sizes and reader counts below), the profile is fitted, and each workload is replayed by the real
 * loader and simulated with that profile. Fails when they disagree by more than the ±5-point target.
 *
 * It runs in its own `vitest run` after the rest of the suite (see package.json "test"), so no other test
 * competes for the two CPUs while it measures. Needs fio (`.ci/run` installs it) and GNU dd (to evict the
 * file from the page cache; no root needed); skipped without them unless CI is set.
 */
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { calibrateDisk, hasFio } from "../../calibration/replay/calibrate-disk.ts";
import { predict } from "../../calibration/replay/predict.ts";
import {
  canDropFileCache,
  prepareDataFile,
  runReplayProcess,
  type ReplayOptions,
} from "../../calibration/replay/replay.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";

const file = path.join(os.tmpdir(), "stallsim-replay-ci-512m.bin");
const fileBytes = 512 * 1024 * 1024;
const usable = hasFio() && (await prepareDataFile(file, fileBytes).then(() => canDropFileCache(file)));
if (!usable && process.env.CI) throw new Error("the disk replay check needs fio and GNU dd (apt-get install fio)");

let profile: StorageProfile;

async function check(w: Omit<ReplayOptions, "file">): Promise<{ measured: number; predicted: number }> {
  const m = await runReplayProcess({ ...w, file });
  const p = predict({ ...w, computeMs: m.meanComputeMs, datasetBytes: fileBytes }, profile);
  return { measured: m.au, predicted: p.au };
}

describe.skipIf(!usable)("replay on the real disk vs the per-step model with a profile fitted here", () => {
  beforeAll(() => {
    profile = calibrateDisk("ci-disk", { file, sizes: [4096, 1 << 20], jobs: [1, 8], runtimeSeconds: 1 }).document
      .profile;
  }, 120_000);

  // KNOWN MODEL MISS (docs/VALIDATION.md): a 4 KiB one-reader loader measures ≈ 18 µs more per sample than
  // fio's psync reader on the same file (AU ≈ 0.38 measured vs ≈ 0.48 predicted); the profile has no term
  // for the loader's own per-request cost yet. `test.fails` keeps the check running: it turns red when the
  // model is fixed, and the marker must then go.
  test.fails("a storage-bound loader (4 KiB samples, one reader): predicted AU within 5 points", async () => {
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

  test("a compute-bound loader: predicted AU within 5 points", async () => {
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
});
