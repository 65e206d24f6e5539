import { execFileSync } from "node:child_process";
import { calibrateDisk, calibrationPlan } from "./src/calibration/volume-fio.ts";
import { predict } from "./calibration/replay/predict.ts";
import { profileOf, StorageProfileFile } from "./src/scenarios/schema/profile-file.ts";
import { calibrationJson } from "./src/calibration/fitted-profile.ts";
import { readFileSync } from "node:fs";

const file = "/tmp/torch-data.bin";
const size = 2 ** 31;
const PY = "/usr/bin/python3";
const ws = [
  { name: "4k-w0", sampleBytes: 4096, batch: 64, workers: 0, prefetch: 2, computeMs: 5, steps: 200 },
  { name: "1m-w4-zlib", sampleBytes: 1048576, batch: 8, workers: 2, prefetch: 2, computeMs: 10, steps: 60, zlib: true },
  //{ name: "4k-w2", sampleBytes: 4096, batch: 64, workers: 2, prefetch: 2, computeMs: 5, steps: 300 },
  //{ name: "128k-w2", sampleBytes: 131072, batch: 32, workers: 2, prefetch: 2, computeMs: 20, steps: 120 },
  //{ name: "1m-w2", sampleBytes: 1048576, batch: 8, workers: 2, prefetch: 2, computeMs: 10, steps: 100 },
  { name: "4k-w0", sampleBytes: 4096, batch: 64, workers: 0, prefetch: 2, computeMs: 5, steps: 200 },
];
for (const w of ws) {
  const plan = calibrationPlan({ sampleBytes: w.sampleBytes, workers: Math.max(1, w.workers), readaheadBytes: 8 * 2 ** 20 });
  const cal = calibrateDisk(w.name, { file, sizes: plan.sizes, jobs: plan.jobs, runtimeSeconds: 2 });
  const storage = profileOf(StorageProfileFile.parse(JSON.parse(calibrationJson(cal.document))));
  const cpuJson = execFileSync(PY, ["calibration/loader_cpu.py", "--dataset", "torch_replay:FileSamples", "--args",
    JSON.stringify({ path: file, sample_bytes: w.sampleBytes, count: Math.floor(size / w.sampleBytes), direct: false, cpu: null }),
    "--batch", String(w.batch), "--workers", String(Math.max(1, w.workers)), "--samples", String(Math.max(8 * w.batch, 256))],
    { encoding: "utf8", env: { ...process.env, PYTHONPATH: "calibration/replay" }, stdio: ["ignore", "pipe", "ignore"] });
  const c = JSON.parse(cpuJson) as Record<string, string>;
  const n = (s: string) => Number(s.replace("us", ""));
  const cpu = { sampleUs: n(c.perSample!), batchUs: n(c.perBatch!), mainBatchUs: n(c.mainPerBatch!), workerStartUs: n(c.workerStart!) };
  const measured: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(PY, ["calibration/replay/torch_replay.py", JSON.stringify({ file, sampleBytes: w.sampleBytes, steps: w.steps, batchSize: w.batch, numWorkers: w.workers, prefetchFactor: w.prefetch, computeMs: w.computeMs, seed: i + 1 })], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    measured.push(JSON.parse(out.trim().split("\n").pop()!).au);
  }
  const base = { steps: w.steps, samplesPerStep: w.batch, sampleBytes: w.sampleBytes, workers: w.workers, prefetchSteps: w.prefetch, computeMs: w.computeMs, datasetBytes: size, readaheadBytes: 8 * 2 ** 20, cacheBytesPerNode: 16e9 };
  const pool = predict({ ...base, workers: Math.max(1, w.workers) }, storage).au;
  const torchNoCpu = predict({ ...base, loader: "pytorch" }, storage).au;
  const torchCpu = predict({ ...base, loader: "pytorch", cpu, cpuCores: 2 }, storage).au;
  console.log(JSON.stringify({ w: w.name, cpu, measured: measured.map((x) => +x.toFixed(3)), pool: +pool.toFixed(3), torchNoCpu: +torchNoCpu.toFixed(3), torchCpu: +torchCpu.toFixed(3) }));
}
