/**
 * Replay vs simulation on this machine's disk, CI-sized (a 512 MiB file, ~15 s of fio and a few seconds of
 * replay): the disk is calibrated on the spot with fio (the same sweep `npm run validate` runs, reduced to
 * the sizes and reader counts below), the profile is fitted, and each workload is replayed by the real
 * loader and simulated with that profile. The compute-bound case must meet the ±5-point target; the storage-bound
 * ones a wider bound (see below).
 *
 * It runs in its own `vitest run` after the rest of the suite (see package.json "test"), so no other test
 * competes for the two CPUs while it measures. Needs fio (`.ci/run` installs it) and GNU dd (to evict the
 * file from the page cache; no root needed); skipped without them unless CI is set.
 */
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { calibrateDisk, calibrateWrites, hasFio } from "../../calibration/replay/calibrate-disk.ts";
import { predict } from "../../calibration/replay/predict.ts";
import {
  canDropFileCache,
  prepareDataFile,
  readThrough,
  runReplayProcess,
  type ReplayOptions,
} from "../../calibration/replay/replay.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";

const file = path.join(os.tmpdir(), "stallsim-replay-ci-512m.bin");
const fileBytes = 512 * 1024 * 1024;
const usable = hasFio() && (await prepareDataFile(file, fileBytes).then(() => canDropFileCache(file)));
if (!usable && process.env.CI) throw new Error("the disk replay check needs fio and GNU dd (apt-get install fio)");
// The write runs once, first (they disturb the reads after them on a host-cached disk: calibrateWrites), then one
// direct-I/O pass over the file, so fio and the loader find the disk in the same state (readThrough).
const writeRuns = usable ? await calibrateWrites(file, { runtimeSeconds: 1, settleSeconds: 5 }) : [];
if (usable) readThrough(file);
/** Every replay reads its own fresh shuffle (a fixed one would find its samples in a host's cache). */
const stamp = new Date().toISOString();

/**
 * The disk of a shared VM drifts (docs/VALIDATION.md), so each replay is bracketed by two fio calibrations of its
 * request size — one right before, one right after — and the model predicts with both: the distance is from the
 * measured AU to the nearer end of [low, high] of the two predictions (0 when it lies between them).
 */
async function check(w: Omit<ReplayOptions, "file">): Promise<{ measured: number; predicted: number[]; off: number }> {
  const calibrate = (): StorageProfile =>
    calibrateDisk("ci-disk", {
      file,
      sizes: [w.sampleBytes],
      jobs: [...new Set([1, w.workers])],
      runtimeSeconds: 1,
      writeRuns,
    }).document.profile;
  const before = calibrate();
  const m = await runReplayProcess({ ...w, file, seed: `${w.seed ?? ""}/${stamp}` });
  const after = calibrate();
  const predicted = [before, after].map(
    (p) =>
      predict(
        {
          ...w,
          computeMs: m.meanComputeMs,
          datasetBytes: fileBytes,
          readaheadBytes: m.readaheadBytes ?? 0,
          cacheBytesPerNode: os.freemem(),
        },
        p,
      ).au,
  );
  const low = Math.min(...predicted);
  const high = Math.max(...predicted);
  const off = m.au < low ? low - m.au : m.au > high ? m.au - high : 0;
  return { measured: m.au, predicted, off };
}

describe.skipIf(!usable)("replay on the real disk vs the per-step model with a profile fitted here", () => {
  // The ±5-point target is NOT met yet for storage-bound loaders on this kind of machine (docs/VALIDATION.md;
  // issue #4 stays open): on 2026-11-24 single calibrations before the replay left 4 KiB one-reader loaders between
  // −17 and +7 points and 1 MiB four-reader loaders +7 to +10 points off on a quiet 2-core VM. These two assert a 15-point bound as a guard against the model
  // (or the harness) getting worse; tighten to 0.05 when the model meets the target.
  const STORAGE_BOUND_TOLERANCE = 0.15;

  test("a storage-bound loader (4 KiB samples, one reader): predicted AU within 15 points", async () => {
    const r = await check({
      seed: "ci-storage",
      sampleBytes: 4096,
      workers: 1,
      prefetchSteps: 1,
      samplesPerStep: 64,
      computeMs: 2,
      steps: 300,
    });
    expect(r.off, JSON.stringify(r)).toBeLessThanOrEqual(STORAGE_BOUND_TOLERANCE);
  });

  test("a balanced loader (1 MiB samples, four readers): predicted AU within 15 points", async () => {
    const r = await check({
      seed: "ci-balanced",
      sampleBytes: 1 << 20,
      workers: 4,
      prefetchSteps: 2,
      samplesPerStep: 8,
      computeMs: 8,
      steps: 60,
    });
    expect(r.off, JSON.stringify(r)).toBeLessThanOrEqual(STORAGE_BOUND_TOLERANCE);
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
    expect(r.off, JSON.stringify(r)).toBeLessThanOrEqual(0.05);
  });
});
