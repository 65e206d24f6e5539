/**
 * Sample API documents for the web UI's unit tests: a two-job result with a small timeline (the shape of
 * docs/api.md and src/scenarios/result.ts), and three compared runs.
 */
import type { CompareRun, RunResult } from "../../web/types.ts";

const hours = (compute: number, dataWait: number, checkpointWait: number, recovery = 0, lostWork = 0, idle = 0) => ({
  compute,
  dataWait,
  checkpointWait,
  recovery,
  lostWork,
  idle,
  unallocated: 0,
});

export function sampleResult(): RunResult {
  const byA = hours(6, 1.5, 0.5);
  const byB = hours(7, 0.5, 0.2, 0.2, 0.1);
  const total = hours(13, 2, 0.7, 0.2, 0.1, 0);
  const price = 4;
  return {
    scenario: "sample",
    description: "a sample",
    seed: 1,
    replications: 1,
    wallHours: 1,
    gpuHours: { total: 16, byCause: total },
    utilisation: 13 / 16,
    cost: {
      totalUsd: 70,
      gpuUsd: 16 * price,
      storageUsd: 6,
      egressUsd: 0,
      idleUsdByCause: {
        dataWait: 2 * price,
        checkpointWait: 0.7 * price,
        recovery: 0.2 * price,
        lostWork: 0.4,
        idle: 0,
        unallocated: 0,
      },
      storageUsdByBinding: { lustre: 6 },
      perMonthUsd: 51_100,
      perYearUsd: 613_200,
      idlePerYearUsd: 105_000,
    },
    jobs: [
      { ...job("sync-checkpoints", byA), failures: 0 },
      { ...job("async-checkpoints", byB), failures: 1 },
    ],
    storage: [
      {
        name: "lustre",
        preset: "fsx-lustre",
        capacityBytes: 4e12,
        volumes: 1,
        iops: null,
        bytesPerSecond: 3.6e9,
        monthlyUsd: 4380,
        adjustments: [],
      },
    ],
    diagnosis: ["utilisation 81.3% is above 70%"],
    timeline: {
      binHours: 0.25,
      t: [0, 0.25, 0.5, 0.75],
      utilisation: [0.5, 0.9, 0.7, 0.95],
      gpuHoursByCause: {
        compute: [2, 3.6, 2.8, 3.8],
        dataWait: [1, 0.2, 0.6, 0.2],
        checkpointWait: [0, 0.2, 0.5, 0],
        recovery: [0, 0, 0.1, 0],
        lostWork: [0, 0, 0, 0],
        idle: [1, 0, 0, 0],
        unallocated: [0, 0, 0, 0],
      },
      storage: [
        { name: "lustre", readBytesPerSecond: [3e9, 3.2e9, 2.1e9, 3.4e9], writeBytesPerSecond: [0, 1.2e9, 2e9, 0] },
        { name: "scratch", readBytesPerSecond: [1e8, 1e8, 1e8, 1e8], writeBytesPerSecond: [5e7, 0, 0, 5e7] },
      ],
      events: [
        { job: "sync-checkpoints", kind: "startup", startHours: 0, endHours: 0.05 },
        { job: "sync-checkpoints", kind: "checkpoint", startHours: 0.33, endHours: 0.36 },
        { job: "async-checkpoints", kind: "failure", startHours: 0.5, endHours: 0.5 },
        { job: "async-checkpoints", kind: "recovery", startHours: 0.5, endHours: 0.6 },
      ],
      eventsDropped: 0,
    },
  };
}

function job(name: string, byCause: ReturnType<typeof hours>) {
  return {
    name,
    gpus: 8,
    fidelity: "per-step" as const,
    steps: 1000,
    stepsComputed: 1000,
    completionHours: 1,
    au: 0.8,
    utilisation: byCause.compute / 8,
    checkpoints: 6,
    checkpointIntervalHours: 1 / 6,
    gpuHoursByCause: byCause,
    bytesRead: 1e12,
    bytesWritten: 6e11,
    costUsd: 32,
  };
}

export function sampleCompare(): CompareRun[] {
  const run = (id: string, name: string, utilisation: number, totalUsd: number, dataWait: number): CompareRun => ({
    id,
    name,
    utilisation,
    totalUsd,
    gpuHours: 100,
    byCause: hours(100 * utilisation, dataWait, 3, 1, 0.5, 100 - 100 * utilisation - dataWait - 4.5),
    idleUsdByCause: { dataWait: dataWait * 4, checkpointWait: 12, recovery: 4, lostWork: 2, idle: 0, unallocated: 0 },
    wallHours: 12.5,
  });
  return [
    run("a1b2c3d4", "llm-pretrain-ebs-gp3", 0.72, 3200, 20),
    run("e5f6a7b8", "llm-pretrain-lustre", 0.9, 2900, 4),
    run("c9d0e1f2", "llm-pretrain-lustre", 0.88, 2950, 5),
  ];
}
