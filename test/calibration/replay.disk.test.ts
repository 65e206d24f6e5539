/**
 * Replay vs simulation on this machine's disk, CI-sized (a 512 MiB file, ~1 s fio runs, replays of a second
 * or two): the disk is calibrated on the spot with fio (the sweep `npm run validate` runs, reduced to each
 * workload's request and readahead-window sizes and reader counts), the profile is fitted, and each workload
 * is replayed by the real loader and simulated with the fitted profiles. Target: predicted AU within the 5-point target
 * of measured.
 *
 * The disk of a VM drifts by several percent within seconds (docs/VALIDATION.md), so each workload is replayed
 * five times between six calibrations and the mean measured AU is compared with the mean prediction: they must
 * agree within the 5-point target plus the 95 % interval of that difference — its standard error from the
 * spread of the predictions over the calibrations and of the replays, times Student's t at its Welch degrees
 * of freedom (about 4–10 here, where 2 SE would be too narrow; calibration/replay/agreement.ts) — at most 10
 * points: the model cannot be held closer than the disk holds still. On this VM the bound came out at 5–14
 * points before the cap (2026-11-24: 5.0–5.3 for the compute-bound and balanced cases, 10 for the noisier
 * storage-bound and readahead ones); before the model had a readahead term, the validation's 4 MiB-in-1 MiB-
 * requests workload was 52.7 points off. The write
 * runs happen once, first, and the file is read through once with direct I/O (calibrateWrites, readThrough:
 * what had to be controlled on this project's VM).
 *
 * It runs in its own `vitest run` after the rest of the suite (see package.json "test"), so no other test
 * competes for the two CPUs while it measures. Needs fio (`.ci/run` installs it) and GNU dd (to evict the
 * file from the page cache; no root needed); skipped without them unless CI is set.
 */
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { agreement, mean, t975 } from "../../calibration/replay/agreement.ts";
import { blockDeviceOf } from "../../calibration/replay/block-device.ts";
import { calibrateDisk, calibrateWrites, calibrationPlan, hasFio } from "../../src/calibration/volume-fio.ts";
import { predict, type Prediction } from "../../calibration/replay/predict.ts";
import {
  canDropFileCache,
  prepareDataFile,
  readThrough,
  runReplayProcess,
  type ReplayOptions,
  type ReplayResult,
} from "../../calibration/replay/replay.ts";

const file = path.join(os.tmpdir(), "stallsim-replay-ci-512m.bin");
const fileBytes = 512 * 1024 * 1024;
const usable = hasFio() && (await prepareDataFile(file, fileBytes).then(() => canDropFileCache(file)));
if (!usable && process.env.CI) throw new Error("the disk replay check needs fio and GNU dd (apt-get install fio)");
const writeRuns = usable ? await calibrateWrites(file, { runtimeSeconds: 1, settleSeconds: 5 }) : [];
if (usable) readThrough(file);
/** Every replay reads its own fresh shuffle (a fixed one would find its samples in a host's cache). */
const stamp = new Date().toISOString();
const readaheadBytes = blockDeviceOf(file)?.readaheadBytes ?? 0;

interface Checked {
  readonly measured: readonly number[];
  readonly predicted: readonly number[];
  /** Mean predicted − mean measured AU. */
  readonly error: number;
  /** Standard error of `error` (AU). */
  readonly se: number;
  /** The bound `error` is held to: 0.05 + t975(df) × se, at most 0.10. */
  readonly bound: number;
  readonly replays: readonly ReplayResult[];
  readonly predictions: readonly Prediction[];
}

const REPLAYS = 5;

async function check(w: Omit<ReplayOptions, "file" | "seed">, name: string): Promise<Checked> {
  const plan = calibrationPlan({ ...w, readaheadBytes });
  const calibrate = () => calibrateDisk("ci-disk", { file, ...plan, runtimeSeconds: 1, writeRuns }).document.profile;
  const profiles = [calibrate()];
  const replays: ReplayResult[] = [];
  for (let k = 0; k < REPLAYS; k++) {
    replays.push(await runReplayProcess({ ...w, file, seed: `${name}/${stamp}/${k}` }));
    profiles.push(calibrate());
  }
  const input = {
    ...w,
    computeMs: mean(replays.map((r) => r.meanComputeMs)),
    datasetBytes: fileBytes,
    readaheadBytes: replays[0]!.readaheadBytes ?? 0,
    cacheBytesPerNode: os.freemem(),
  };
  const predictions = profiles.map((p) => predict(input, p));
  const measured = replays.map((r) => r.au);
  const predicted = predictions.map((p) => p.au);
  const { error, se, df } = agreement(predicted, measured);
  // Never looser than twice the target, so a model off by 10 points fails however noisy the disk was.
  const bound = Math.min(0.05 + t975(df) * se, 0.1);
  // The measurement itself, in the test log: what this machine's disk gave.
  const device = (x: number, y: number): string => (Number.isFinite(x / y) ? (x / y).toFixed(2) : "?");
  console.info(
    `${name}: measured AU ${measured.map((x) => x.toFixed(3)).join(", ")}; predicted ${predicted.map((x) => x.toFixed(3)).join(", ")}; ` +
      `error ${(100 * error).toFixed(1)} points (bound ${(100 * bound).toFixed(1)}); device ÷ read measured ` +
      `${replays.map((r) => device(r.deviceBytes ?? NaN, r.bytesRead)).join(", ")}, model ${device(predictions[0]!.deviceBytes, predictions[0]!.bytesRequested)}`,
  );
  return { measured, predicted, error, se, bound, replays, predictions };
}

// Each case is six fio calibrations and five replays: ~20–75 s on this VM, more on a slow disk.
describe.skipIf(!usable)(
  "replay on the real disk vs the per-step model with profiles fitted here",
  { timeout: 240_000 },
  () => {
    test("a storage-bound loader (4 KiB samples, one reader): predicted AU within the 5-point target", async () => {
      const r = await check(
        { sampleBytes: 4096, workers: 1, prefetchSteps: 1, samplesPerStep: 64, computeMs: 2, steps: 200 },
        "ci-storage",
      );
      expect(Math.abs(r.error), JSON.stringify(r)).toBeLessThanOrEqual(r.bound);
    });

    test("a balanced loader (1 MiB samples, four readers): predicted AU within the 5-point target", async () => {
      const r = await check(
        { sampleBytes: 1 << 20, workers: 4, prefetchSteps: 2, samplesPerStep: 8, computeMs: 8, steps: 40 },
        "ci-balanced",
      );
      expect(Math.abs(r.error), JSON.stringify(r)).toBeLessThanOrEqual(r.bound);
    });

    test("readahead: 4 MiB samples read in 1 MiB requests — the device's bytes as the model moves them (10 %), AU within the 5-point target", async () => {
      const r = await check(
        {
          sampleBytes: 4 << 20,
          maxRequestBytes: 1 << 20,
          workers: 2,
          prefetchSteps: 2,
          samplesPerStep: 2,
          computeMs: 6,
          steps: 30,
        },
        "ci-readahead",
      );
      const measuredDevice = mean(r.replays.map((x) => (x.deviceBytes ?? NaN) / x.bytesRead));
      const modelDevice = mean(r.predictions.map((p) => p.deviceBytes / p.bytesRequested));
      if (r.replays.every((x) => x.deviceBytes !== undefined)) {
        expect(
          Math.abs(measuredDevice / modelDevice - 1),
          JSON.stringify({ measuredDevice, modelDevice }),
        ).toBeLessThanOrEqual(0.1);
      }
      expect(Math.abs(r.error), JSON.stringify(r.measured.concat(r.predicted))).toBeLessThanOrEqual(r.bound);
    });

    test("a compute-bound loader: predicted AU within the 5-point target", async () => {
      const r = await check(
        { sampleBytes: 1 << 20, workers: 8, prefetchSteps: 4, samplesPerStep: 8, computeMs: 20, steps: 25 },
        "ci-compute",
      );
      expect(Math.abs(r.error), JSON.stringify(r)).toBeLessThanOrEqual(r.bound);
    });
  },
);
