/**
 * Bulk-advance benchmark: a 30-day Llama-3-405B-like job on 16,384 H100s (2,048 nodes) with hourly sync
 * checkpoints to a Lustre-class file system, Llama 3 failure rate, and token data loading. Prints one JSON
 * line with wall seconds and peak RSS. Per-step fidelity's speed is recorded on a small cluster beside it.
 *
 *   npx tsx test/bench/training-16k.ts
 */
import { runBulk, runPerStep, syntheticStorage, unet3dJob } from "../helpers/training.ts";
import { days, hours, minutes, s } from "../../src/sim/time.ts";
import { FSX_LUSTRE } from "../../src/models/storage/presets/fsx-lustre.ts";

const gpus = 16_384;
const stepUs = 12_000_000; // ~12 s per step at 405B scale (assumption for the benchmark's event mix)
const job = unet3dJob(FSX_LUSTRE, {
  name: "llama-405b-like",
  gpus,
  gpusPerNode: 8,
  steps: Math.floor(days(30) / stepUs),
  compute: { stepUs, jitterCv: 0.02 },
  data: {
    samplesPerStep: 16,
    sampleBytes: 8192 * 4, // 8,192 tokens × 4 bytes
    workers: 2,
    prefetchSteps: 2,
    maxRequestBytes: Infinity,
    access: "sequential",
    datasetBytes: 60e12,
    cacheBytesPerNode: 0,
    readaheadBytes: 0,
  },
  checkpoint: {
    bytes: 5.7e12, // 405.9 B params × 14 B (domain-facts §6.1)
    interval: { kind: "fixed", us: hours(1) },
    mode: "sync",
    sharded: true,
    retention: 2,
    weight: 1,
    rateLimitBytesPerSecond: Infinity,
    writeRequestBytes: 4 * 2 ** 20,
    storage: FSX_LUSTRE,
  },
  failures: {
    gpuMtbfUs: hours(50_000), // ≈ 50k GPU-hours (Llama 3 405B: 419 unexpected interruptions, 16,384 GPUs, 54 days)
    detectUs: s(50),
    tolerationUs: s(300),
    forceDetachUs: minutes(6),
    outOfServiceTaint: false,
    rescheduleUs: s(60),
    zonePinnedWaitUs: 0,
    imagePullUs: s(120),
  },
  nicBytesPerSecond: 46.6e9,
  remoteDiskBytesPerSecond: Infinity,
  hostLinkBytesPerSecond: 25e9,
});

let t0 = performance.now();
const bulk = runBulk(job);
const bulkSeconds = (performance.now() - t0) / 1e3;
const rssBytes = process.memoryUsage().rss;

const small = unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * 2.86e9 }), { steps: 2_000 });
runPerStep(small); // warm-up: the figure is the JIT-compiled steady state, not the first run's compilation
t0 = performance.now();
const perStep = runPerStep(small);
const perStepSeconds = (performance.now() - t0) / 1e3;

process.stdout.write(
  JSON.stringify({
    gpus,
    simulatedDays: bulk.wallUs / days(1),
    wallSeconds: bulkSeconds,
    rssBytes,
    failures: bulk.failures,
    checkpoints: bulk.checkpoints,
    au: bulk.au,
    perStep: {
      gpus: small.gpus,
      steps: small.steps,
      au: perStep.au,
      wallSeconds: perStepSeconds,
      stepsPerSecond: small.steps / perStepSeconds,
    },
  }) + "\n",
);
