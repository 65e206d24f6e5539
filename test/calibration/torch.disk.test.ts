/**
 * A real PyTorch DataLoader on this machine's disk against the model, CI-sized, with the README's flow: the
 * volume calibrated the way `stallsim calibrate --run` does (calibrateVolume: blocking buffered reads at the
 * sample size from 1 and `num_workers` threads, in passes), the loader's CPU measured by
 * calibration/loader_cpu.py, and the scenario the README maps the DataLoader to (`loader: pytorch`, workers,
 * prefetch, batch, `data.cpu`, the machine's cores). Target: predicted AU within the 5-point target of measured,
 * plus the 95 % interval of the difference (calibration/replay/agreement.ts; at most 10 points), as the
 * replay check next door.
 *
 * Runs after the rest of the suite, one file at a time (package.json "test"), so nothing competes for the two
 * CPUs. Needs fio, GNU dd and a Python with PyTorch (Debian python3-torch; `.ci/run` installs them); skipped
 * without them unless CI is set.
 */
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { agreement, mean, t975 } from "../../calibration/replay/agreement.ts";
import { hashSeed, predictTorch, warmupBatches } from "../../calibration/replay/torch-flow.ts";
import { canDropFileCache, prepareDataFile } from "../../calibration/replay/replay.ts";
import {
  hasTorch,
  measureLoaderCpu,
  runTorchReplay,
  type SampleCpu,
  type TorchReplayResult,
} from "../../calibration/replay/torch.ts";
import { calibrateVolume, calibrateWrites, hasFio } from "../../src/calibration/volume-fio.ts";
import type { StorageProfile } from "../../src/models/storage/profile.ts";

const file = path.join(os.tmpdir(), "stallsim-replay-ci-512m.bin");
const fileBytes = 512 * 1024 * 1024;
const usable = hasFio() && hasTorch() && (await prepareDataFile(file, fileBytes).then(() => canDropFileCache(file)));
if (!usable && process.env.CI) {
  throw new Error("the PyTorch disk check needs fio, GNU dd and python3-torch (apt-get install fio python3-torch)");
}
const writeRuns = usable ? await calibrateWrites(file, { runtimeSeconds: 1, settleSeconds: 5 }) : [];
const stamp = new Date().toISOString();

interface Workload {
  readonly sampleBytes: number;
  readonly batchSize: number;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly computeMs: number;
  readonly steps: number;
  readonly cpu?: SampleCpu;
}

const REPLAYS = 4;

async function check(w: Workload, name: string) {
  const calibrate = (): StorageProfile =>
    calibrateVolume("ci-torch", {
      file,
      sizes: [w.sampleBytes],
      jobs: [...new Set([1, Math.max(1, w.numWorkers)])],
      runtimeSeconds: 1,
      passes: 2,
      writeRuns,
    }).document.profile;
  const { cpu } = await measureLoaderCpu({ ...w, file });
  const profiles = [calibrate()];
  const replays: TorchReplayResult[] = [];
  for (let k = 0; k < REPLAYS; k++) {
    replays.push(
      await runTorchReplay({
        ...w,
        file,
        seed: hashSeed(`${name}/${stamp}/${k}`),
        persistentWorkers: true,
        warmupBatches: warmupBatches(w),
      }),
    );
    if (k % 2 === 1) profiles.push(calibrate());
  }
  const computeMs = mean(replays.map((r) => r.meanComputeMs));
  const predicted = profiles.map((p) => predictTorch(w, computeMs, fileBytes, cpu, p).au);
  const measured = replays.map((r) => r.au);
  const { error, se, df } = agreement(predicted, measured);
  const bound = Math.min(0.05 + t975(df) * se, 0.1);
  console.info(
    `${name}: measured AU ${measured.map((x) => x.toFixed(3)).join(", ")}; predicted ${predicted.map((x) => x.toFixed(3)).join(", ")}; ` +
      `error ${(100 * error).toFixed(1)} points (bound ${(100 * bound).toFixed(1)}); CPU µs per sample ${cpu.sampleUs}, ` +
      `per batch ${cpu.batchUs}, main ${cpu.mainBatchUs}`,
  );
  return { measured, predicted, error, bound };
}

describe.skipIf(!usable)("a real PyTorch DataLoader on the real disk vs the model", { timeout: 300_000 }, () => {
  test("64 KiB samples, 2 workers, prefetch 2, sha256 per sample: predicted AU within the 5-point target", async () => {
    const r = await check(
      {
        sampleBytes: 64 * 1024,
        batchSize: 32,
        numWorkers: 2,
        prefetchFactor: 2,
        computeMs: 12,
        steps: 120,
        cpu: { kind: "hash", rounds: 4 },
      },
      "ci-torch",
    );
    expect(Math.abs(r.error), JSON.stringify(r)).toBeLessThanOrEqual(r.bound);
  });
});
