/**
 * A training job's timeline (training-recorder.ts) in both fidelities: each cause's bins sum to its GPU-time
 * total, each bin holds the GPU time allocated in it (GPUs × the bin's width), the storage bins sum to the
 * bytes read and written, and the events (start-up, checkpoints, failures, recoveries) lie within the run,
 * in start order, matching the counts. Cases: storage-bound, sync and async checkpoints, page-cache warming,
 * failures with checkpoints that survive and with local NVMe that does not.
 *
 * Units: GPU-µs, bytes, µs.
 */
import { describe, expect, test } from "vitest";
import { CAUSE_CHANNEL } from "../../../src/models/training/gpu-ledger.ts";
import { CAUSES } from "../../../src/models/gpu-time.ts";
import type { CheckpointPolicy, FailurePolicy, TrainingJob } from "../../../src/models/training/job.ts";
import type { TrainingOutcome } from "../../../src/models/training/outcome.ts";
import { READS, WRITES } from "../../../src/models/timeline/workload-timeline.ts";
import { hours, minutes, s } from "../../../src/sim/time.ts";
import { runBulk, runPerStep, syntheticStorage, unet3dJob } from "../../helpers/training.ts";

const D = (7 * 146.6e6) / 0.323; // unet3d demand per GPU at full speed, bytes/s
const shared = syntheticStorage({ name: "shared", readBytesPerSecond: 8 * D * 1.1, writeBytesPerSecond: 8 * D * 1.1 });
const ckpt = (over: Partial<CheckpointPolicy> = {}): CheckpointPolicy => ({
  bytes: 20e9,
  interval: { kind: "fixed", us: s(20) },
  mode: "sync",
  sharded: true,
  retention: 2,
  weight: 1,
  rateLimitBytesPerSecond: Infinity,
  writeRequestBytes: 4 * 2 ** 20,
  storage: syntheticStorage({ name: "ckpt", readBytesPerSecond: 20e9, writeBytesPerSecond: 10e9 }),
  ...over,
});
const failures: FailurePolicy = {
  gpuMtbfUs: hours(1),
  detectUs: s(50),
  tolerationUs: s(300),
  forceDetachUs: minutes(6),
  outOfServiceTaint: false,
  rescheduleUs: s(30),
  zonePinnedWaitUs: 0,
  imagePullUs: s(60),
};

const cases: { name: string; job: TrainingJob }[] = [
  {
    name: "storage-bound",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.5 }), { startupUs: s(30) }),
  },
  {
    name: "sync checkpoints",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.8 }), { steps: 300, checkpoint: ckpt() }),
  },
  {
    name: "async checkpoints sharing storage with reads (a write still running at the end)",
    job: unet3dJob(shared, { steps: 301, checkpoint: ckpt({ mode: "async", storage: shared, bytes: 112e9 }) }),
  },
  {
    name: "page cache warming (2 nodes)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.5 }), {
      gpus: 16,
      steps: 300,
      data: {
        ...unet3dJob(shared).data,
        datasetBytes: 146.6e6 * 7 * 16 * 20,
        cacheBytesPerNode: 146.6e6 * 7 * 16 * 12,
      },
    }),
  },
  {
    name: "failures, checkpoints that survive",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 }), {
      steps: 12_000,
      checkpoint: ckpt({ bytes: 1e9, interval: { kind: "fixed", us: minutes(10) } }),
      failures,
    }),
  },
  {
    name: "failures, checkpoints on local NVMe (lost with the node)",
    job: unet3dJob(syntheticStorage({ readBytesPerSecond: 8 * D * 0.9 }), {
      steps: 3_000,
      checkpoint: ckpt({
        bytes: 1e9,
        interval: { kind: "fixed", us: minutes(10) },
        storage: syntheticStorage({ name: "nvme", category: "local-nvme", survivesNodeLoss: false }),
      }),
      failures,
    }),
  },
];

function checkTimeline(o: TrainingOutcome): void {
  const tl = o.timeline;
  const total = o.gpus * o.wallUs;
  // Each cause's bins sum to its total.
  for (const c of CAUSES) {
    expect(Math.abs(tl.gpu.sum(CAUSE_CHANNEL[c]) - o.gpuTime[c])).toBeLessThanOrEqual(1e-9 * total);
  }
  // Each bin holds the GPU time allocated in it.
  const w = tl.gpu.widthUs;
  expect(tl.gpu.spanUs).toBeGreaterThanOrEqual(o.wallUs);
  for (let b = 0; b < tl.gpu.bins; b++) {
    const inBin = Math.max(0, Math.min(o.wallUs, (b + 1) * w) - b * w) * o.gpus;
    for (const c of CAUSES) expect(tl.gpu.value(CAUSE_CHANNEL[c], b)).toBeGreaterThanOrEqual(-1e-9 * total);
    const sum = CAUSES.reduce((a, c) => a + tl.gpu.value(CAUSE_CHANNEL[c], b), 0);
    expect(Math.abs(sum - inBin)).toBeLessThanOrEqual(1e-6 * o.gpus * w + (1e-6 * total) / tl.gpu.bins);
  }
  // Storage bins sum to the bytes moved, and nothing lies beyond the end.
  expect(Math.abs(tl.storage.sum(READS) - o.bytesRead)).toBeLessThanOrEqual(1e-9 * Math.max(1, o.bytesRead));
  expect(Math.abs(tl.storage.sum(WRITES) - o.bytesWritten)).toBeLessThanOrEqual(1e-9 * Math.max(1, o.bytesWritten));
  expect(tl.storage.endUs).toBeLessThanOrEqual(o.wallUs);
  // Events within the run, in start order, ending after they start; failures and checkpoints counted.
  let last = 0;
  for (const e of tl.events) {
    expect(e.startUs).toBeGreaterThanOrEqual(last);
    expect(e.endUs).toBeGreaterThanOrEqual(e.startUs);
    expect(e.endUs).toBeLessThanOrEqual(o.wallUs);
    last = e.startUs;
  }
  const count = (k: string) => tl.events.filter((e) => e.kind === k).length;
  expect(tl.eventsDropped).toBe(0);
  expect(count("failure")).toBe(o.failures);
  expect(count("recovery")).toBe(o.failures);
  expect(count("checkpoint")).toBeGreaterThanOrEqual(o.checkpoints);
  expect(count("checkpoint")).toBeLessThanOrEqual(o.checkpoints + o.failures + 1);
  expect(count("startup")).toBe(o.timeline.events[0]?.kind === "startup" ? 1 : 0);
}

const perStep = new Map<string, TrainingOutcome>();

describe("a training job's timeline is exact in both fidelities", () => {
  test.for(cases)("$name", ({ name, job }) => {
    const o = runPerStep(job);
    perStep.set(name, o);
    for (const x of [o, runBulk(job)]) checkTimeline(x);
  });

  test("the cases exercise what they claim: failures, lost work, a cut background write, a start-up", () => {
    const [startup, , async, , survive, nvme] = cases.map((c) => perStep.get(c.name) ?? runPerStep(c.job));
    expect(startup!.timeline.events[0]).toEqual({ kind: "startup", startUs: 0, endUs: s(30) });
    expect(async!.bytesWritten % 112e9).toBeGreaterThan(0); // the last write was cut at the end
    expect(survive!.failures).toBeGreaterThan(0);
    expect(survive!.gpuTime.lostWork).toBeGreaterThan(0);
    expect(nvme!.failures).toBeGreaterThan(0);
    expect(nvme!.gpuTime.lostWork).toBeGreaterThan(0);
  });
});
