/**
 * Calibrates and checks the work estimate (src/scenarios/work.ts): runs every bundled job at its own fidelity
 * (and small ones at the other too) plus larger synthetic jobs, and prints per job the estimated and measured
 * engine events and the CPU µs per estimated unit. The constants in work.ts come from this output.
 *
 *   npx tsx test/bench/work-estimate.ts [--quick]
 */
import { bundledNames, loadScenario } from "../../src/scenarios/bundled.ts";
import { resolveScenario } from "../../src/scenarios/resolve.ts";
import { fidelityFor, simulateJob } from "../../src/scenarios/run-job.ts";
import { validateScenario } from "../../src/scenarios/validate.ts";
import { jobWork } from "../../src/scenarios/work.ts";
import type { TrainingJob } from "../../src/models/training/job.ts";
import { syntheticStorage, unet3dJob } from "../helpers/training.ts";
import { hours } from "../../src/sim/time.ts";

const quick = process.argv.includes("--quick");
const D = (7 * 146.6e6) / 0.323;
const cases: { label: string; job: TrainingJob; fidelity: "per-step" | "bulk" }[] = [];

for (const n of bundledNames()) {
  const { data } = await loadScenario(n);
  for (const job of resolveScenario(validateScenario(data)).jobs) {
    const auto = fidelityFor(job, "auto");
    cases.push({ label: `${n}/${job.name}`, job, fidelity: auto });
    if (auto === "per-step") cases.push({ label: `${n}/${job.name}`, job, fidelity: "bulk" });
    else if (job.gpus <= 8) {
      // Small enough for per-step with fewer steps (e.g. the cache-warming resnet50).
      const steps = Math.min(job.steps, 600);
      cases.push({ label: `${n}/${job.name} (${steps} steps)`, job: { ...job, steps }, fidelity: "per-step" });
    }
  }
}
const storage = syntheticStorage({ readBytesPerSecond: 64 * D * 0.8 });
for (const gpus of quick ? [64] : [64, 256]) {
  cases.push({ label: `unet3d ${gpus} GPUs`, job: unet3dJob(storage, { gpus, steps: 200 }), fidelity: "per-step" });
  cases.push({
    label: `unet3d ${gpus} GPUs, jitter 5%`,
    job: unet3dJob(storage, { gpus, steps: 200, compute: { stepUs: 323_000, jitterCv: 0.05 } }),
    fidelity: "per-step",
  });
}
cases.push({
  label: "unet3d 8 GPUs, failures (GPU MTBF 2 h), checkpoints every 10 min",
  job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 }), {
    steps: 10_000,
    checkpoint: {
      bytes: 1e9,
      interval: { kind: "fixed", us: hours(1) / 6 },
      mode: "sync",
      sharded: true,
      retention: 2,
      weight: 1,
      rateLimitBytesPerSecond: Infinity,
      writeRequestBytes: 4 * 2 ** 20,
      storage: syntheticStorage({ name: "ck", readBytesPerSecond: 20e9, writeBytesPerSecond: 10e9 }),
    },
    failures: {
      gpuMtbfUs: hours(2),
      detectUs: 50e6,
      tolerationUs: 300e6,
      forceDetachUs: 360e6,
      outOfServiceTaint: false,
      rescheduleUs: 30e6,
      zonePinnedWaitUs: 0,
      imagePullUs: 60e6,
    },
  }),
  fidelity: "per-step",
});
for (const gpus of quick ? [1024] : [1024, 8192]) {
  cases.push({
    label: `unet3d ${gpus} GPUs, 30 days, hourly checkpoints`,
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: gpus * D, writeBytesPerSecond: 1e11 }), {
      gpus,
      steps: Math.floor(hours(720) / 323_000),
      checkpoint: {
        bytes: 1e12,
        interval: { kind: "fixed", us: hours(1) },
        mode: "sync",
        sharded: true,
        retention: 2,
        weight: 1,
        rateLimitBytesPerSecond: Infinity,
        writeRequestBytes: 4 * 2 ** 20,
        storage: syntheticStorage({ name: "ck", writeBytesPerSecond: 1e11, readBytesPerSecond: 1e11 }),
      },
    }),
    fidelity: "bulk",
  });
}

const rows = cases.map(({ label, job, fidelity }) => {
  const { units, events: estimated } = jobWork(job, fidelity);
  const t0 = process.cpuUsage();
  const { events } = simulateJob(job, fidelity, 1);
  const d = process.cpuUsage(t0);
  const cpuUs = d.user + d.system;
  return {
    label,
    fidelity,
    gpus: job.gpus,
    events,
    estimated,
    eventRatio: +(estimated / events).toFixed(2),
    cpuMs: +(cpuUs / 1e3).toFixed(1),
    units,
    usPerUnit: +(cpuUs / units).toFixed(2),
  };
});
for (const r of rows) process.stdout.write(JSON.stringify(r) + "\n");
