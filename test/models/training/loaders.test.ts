/**
 * The per-step loaders (rank-loaders.ts) against hand-computed schedules. Storage here is a synthetic profile
 * whose reads take exactly its base latency (no bandwidth limit), so a sample takes L0 and the loaders' rules
 * alone set the step time: PyTorch's whole batches per worker, in-order delivery, num_workers 0 in the training
 * process, the epoch boundary, worker start; CPU time on a node's cores.
 */
import { describe, expect, test } from "vitest";
import type { LoaderCpu, TrainingJob } from "../../../src/models/training/job.ts";
import { runBulk, runPerStep, syntheticStorage, unet3dJob } from "../../helpers/training.ts";

const L0 = 1_000; // µs per sample read
const storage = syntheticStorage({ latencyUs: L0 });
const noCpu: LoaderCpu = { sampleUs: 0, batchUs: 0, mainBatchUs: 0, workerStartUs: 0 };

/** A job of `steps` steps of `computeUs`, batches of `batch` samples, the loader as given. */
function job(o: {
  loader: "pool" | "pytorch";
  workers: number;
  prefetch?: number;
  batch?: number;
  steps?: number;
  computeUs?: number;
  cpu?: Partial<LoaderCpu>;
  cores?: number;
  gpus?: number;
  persistentWorkers?: boolean;
  samplesPerEpoch?: number;
}): TrainingJob {
  const base = unet3dJob(storage);
  const batch = o.batch ?? 4;
  const gpus = o.gpus ?? 1;
  return {
    ...base,
    gpus,
    steps: o.steps ?? 50,
    compute: { stepUs: o.computeUs ?? 10_000, jitterCv: 0 },
    cpuCoresPerNode: o.cores ?? Infinity,
    data: {
      ...base.data,
      samplesPerStep: batch,
      sampleBytes: 1e6,
      // One rank's epoch: samplesPerEpoch samples (default: far more than the run reads).
      datasetBytes: (o.samplesPerEpoch ?? 1e9) * 1e6 * gpus,
      workers: o.workers,
      prefetchSteps: o.prefetch ?? 2,
      loader: o.loader,
      persistentWorkers: o.persistentWorkers ?? false,
      cpu: { ...noCpu, ...o.cpu },
    },
  };
}

const ms = (us: number) => us / 1000;
/** Wall time of the steps (start-up is 0 here). */
const wallMs = (j: TrainingJob) => ms(runPerStep(j).wallUs);

describe("PyTorch DataLoader", () => {
  test("num_workers 0: each batch is loaded in the training process, then computed: no overlap", () => {
    // 4 samples × 1 ms + 10 ms compute, 50 steps.
    const o = runPerStep(job({ loader: "pytorch", workers: 0 }));
    expect(ms(o.wallUs)).toBeCloseTo(50 * 14, 0);
    expect(o.gpuTime.dataWait / o.gpuTime.compute).toBeCloseTo(4 / 10, 3);
  });

  test("a worker builds a whole batch, its samples one after another: the first batch takes B × L0", () => {
    // 2 workers, compute-bound afterwards (a worker needs 4 ms per batch; two alternate: 2 ms per batch ≤ 10 ms).
    const o = runPerStep(job({ loader: "pytorch", workers: 2, steps: 20 }));
    expect(ms(o.wallUs)).toBeCloseTo(4 + 20 * 10, 0);
    // The pool reads the first batch with both workers at once: 2 ms.
    const pool = runPerStep(job({ loader: "pool", workers: 2, steps: 20 }));
    expect(ms(pool.wallUs)).toBeCloseTo(2 + 20 * 10, 0);
  });

  test("storage-bound: W workers deliver a batch every B × L0 / W", () => {
    // Batch of 8 × 1 ms = 8 ms per worker; 2 workers: 4 ms per batch against 1 ms of compute.
    const steps = 100;
    const t = wallMs(job({ loader: "pytorch", workers: 2, batch: 8, computeUs: 1_000, steps }));
    // Both workers start at once: batches 0 and 1 are ready at 8 ms, 2 and 3 at 16 ms, …: two every 8 ms, each
    // then computed 1 ms; the run ends with the last pair's two computes.
    expect(t).toBeCloseTo((steps / 2) * 8 + 2, 0);
  });

  test("the iterator ends at the epoch: the next epoch's first batch waits for its worker from the start", () => {
    // 10 batches per epoch; 1 worker, prefetch 4, compute-bound (4 ms per batch vs 10 ms compute) except at
    // each epoch's start, where the first batch takes 4 ms with nothing prefetched.
    const steps = 30;
    const t = wallMs(job({ loader: "pytorch", workers: 1, prefetch: 4, steps, samplesPerEpoch: 40 }));
    expect(t).toBeCloseTo(3 * 4 + steps * 10, 0);
  });

  test("workers start anew every epoch without persistent workers, once with them", () => {
    const cpu = { workerStartUs: 50_000 };
    const base = { loader: "pytorch" as const, workers: 1, prefetch: 4, steps: 30, samplesPerEpoch: 40, cpu };
    const fresh = wallMs(job({ ...base, persistentWorkers: false }));
    const persistent = wallMs(job({ ...base, persistentWorkers: true }));
    expect(fresh).toBeCloseTo(3 * (50 + 4) + 30 * 10, 0);
    expect(persistent).toBeCloseTo(50 + 3 * 4 + 30 * 10, 0);
  });

  test("prefetch_factor × num_workers batches in flight: a slow compute lets them all be ready", () => {
    const o = runPerStep(job({ loader: "pytorch", workers: 4, prefetch: 3, computeUs: 100_000, steps: 12 }));
    // Only the first batch waits (4 ms); every later one was built while the GPU computed.
    expect(ms(o.gpuTime.dataWait)).toBeCloseTo(4, 0);
  });
});

describe("loader CPU on the node's cores", () => {
  test("per-sample CPU: a worker reads then decodes each sample; more workers than cores share them", () => {
    // Reads take 1 ms; decode 4 ms per sample; batch 4; 4 workers but 2 cores: 2 cores decode 0.5 samples/ms, a
    // batch every 8 ms at best, against 1 ms of compute. The cores idle whenever every worker is reading, so a
    // step takes a little more than 8 ms (a closed queue: reads and decodes alternate in each worker).
    const steps = 60;
    const o = runPerStep(
      job({ loader: "pool", workers: 4, batch: 4, computeUs: 1_000, steps, cores: 2, cpu: { sampleUs: 4_000 } }),
    );
    const stepMs = ms(o.wallUs) / steps;
    expect(stepMs).toBeGreaterThan(7.99);
    expect(stepMs).toBeLessThan(9.5);
  });

  test("the training process's per-batch CPU adds to every step", () => {
    const o = runPerStep(job({ loader: "pytorch", workers: 2, steps: 20, cpu: { mainBatchUs: 3_000 } }));
    expect(ms(o.wallUs)).toBeCloseTo(4 + 20 * (3 + 10), 0);
  });

  test("all GPUs of a node share its cores: 8 ranks of CPU-bound workers on 16 cores", () => {
    // Per rank: 4 workers decode 10 ms per sample, batch 2 → 20 ms of CPU per batch. 8 ranks need 160 ms of
    // CPU per step; 16 cores give 16 ms of CPU per ms: a step every 10 ms at best.
    const steps = 40;
    const o = runPerStep(
      job({
        loader: "pool",
        workers: 4,
        batch: 2,
        gpus: 8,
        computeUs: 1_000,
        steps,
        cores: 16,
        cpu: { sampleUs: 10_000 },
      }),
    );
    const stepMs = ms(o.wallUs) / steps;
    expect(stepMs).toBeGreaterThan(9.9);
    expect(stepMs).toBeLessThan(11);
  });
});

describe("bulk-advance's steady state agrees with per-step", () => {
  // Large enough for steady state to dominate: 2,000 steps. Bulk-advance's loader formula is exact when reads
  // are latency-bound (here) and when one resource binds; it is checked against per-step in each regime.
  const cases: [string, Parameters<typeof job>[0]][] = [
    ["compute-bound pytorch", { loader: "pytorch", workers: 4, batch: 4, steps: 2000 }],
    ["storage-bound pytorch", { loader: "pytorch", workers: 2, batch: 8, computeUs: 1_000, steps: 2000 }],
    [
      "CPU-bound pool on 2 cores",
      { loader: "pool", workers: 2, batch: 4, computeUs: 1_000, steps: 2000, cores: 2, cpu: { sampleUs: 5_000 } },
    ],
    [
      "pytorch, collate and main CPU",
      {
        loader: "pytorch",
        workers: 4,
        batch: 4,
        computeUs: 2_000,
        steps: 2000,
        cpu: { sampleUs: 500, batchUs: 3_000, mainBatchUs: 1_000 },
      },
    ],
    ["num_workers 0", { loader: "pytorch", workers: 0, batch: 4, steps: 2000, cpu: { sampleUs: 200 } }],
  ];
  test.each(cases)("%s: wall time within 3%", (_label, o) => {
    const j = job(o);
    const perStep = runPerStep(j);
    const bulk = runBulk(j);
    expect(Math.abs(bulk.wallUs / perStep.wallUs - 1)).toBeLessThan(0.03);
    // The split of the data wait (storage vs CPU) is charged the same way by both.
    expect(bulk.gpuTime.compute).toBeCloseTo(perStep.gpuTime.compute, -3);
  });
});
