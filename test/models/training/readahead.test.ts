/**
 * Kernel readahead in the training data pipeline (src/models/training/sample-reads.ts, per-step.ts, bulk.ts,
 * bulk-phase.ts, run-estimate.ts): what a loader stream's cap and a sample's device bytes become, the page-cache
 * term, the outcome of jobs that read samples in several buffered requests, the two fidelities' agreement, and
 * the scenario field `data.readahead`.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { meanReadaheadDeviceShare, readaheadDeviceShare } from "../../../src/models/storage/readahead.ts";
import type { StorageProfile } from "../../../src/models/storage/profile.ts";
import { streamCap } from "../../../src/models/storage/request.ts";
import type { TrainingJob } from "../../../src/models/training/job.ts";
import { deviceReadBytes, readOutstanding } from "../../../src/models/training/policy.ts";
import { estimateRun } from "../../../src/models/training/run-estimate.ts";
import { cachedDeviceShare, meanCachedDeviceShare, sampleReads } from "../../../src/models/training/sample-reads.ts";
import { formatIssues, isScenarioError, type ScenarioError } from "../../../src/scenarios/errors.ts";
import { resolveScenario } from "../../../src/scenarios/resolve.ts";
import { DataPipelineSpec } from "../../../src/scenarios/schema/job.ts";
import type { ScenarioSpec } from "../../../src/scenarios/schema/scenario.ts";
import { validateScenario } from "../../../src/scenarios/validate.ts";
import { runBulk, runPerStep, syntheticStorage, unet3dJob } from "../../helpers/training.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
const SAMPLE = 4 * MiB;
/** 4 MiB read in 1 MiB requests under an 8 MiB window: reads of 1, 2, 4 and 8 MiB (readahead.test.ts). */
const COLD = 15 * MiB;

/** A profile without measured curves: a request of r bytes takes L0 + r/S, behind an aggregate read ceiling. */
function storage(o: { readBytesPerSecond?: number; latencyUs?: number; streamBytesPerSecond?: number } = {}) {
  const p = syntheticStorage({ readBytesPerSecond: o.readBytesPerSecond ?? 2e9 });
  const lat = { baseLatencyUs: o.latencyUs ?? 100, perStreamBytesPerSecond: o.streamBytesPerSecond ?? 2e9 };
  return { ...p, latency: { read: lat, write: lat } } satisfies StorageProfile;
}

/**
 * 8 GPUs on one node, 8 samples of 4 MiB per step read in 1 MiB requests, 20 ms of compute; an epoch is
 * `samplesPerRankEpoch` samples per rank.
 */
function job(
  o: {
    readahead?: number;
    steps?: number;
    samplesPerRankEpoch?: number;
    cache?: number;
    maxRequestBytes?: number;
    gpus?: number;
    samplesPerStep?: number;
    profile?: StorageProfile;
  } = {},
): TrainingJob {
  const gpus = o.gpus ?? 8;
  const base = unet3dJob(o.profile ?? storage());
  return {
    ...base,
    gpus,
    steps: o.steps ?? 20,
    compute: { stepUs: 20_000, jitterCv: 0 },
    data: {
      ...base.data,
      samplesPerStep: o.samplesPerStep ?? 8,
      sampleBytes: SAMPLE,
      maxRequestBytes: o.maxRequestBytes ?? MiB,
      datasetBytes: SAMPLE * gpus * (o.samplesPerRankEpoch ?? 1e6),
      cacheBytesPerNode: o.cache ?? 0,
      readaheadBytes: o.readahead ?? 0,
    },
  };
}

describe("deviceReadBytes: the request size the device sees, which turns an IOPS ceiling into bandwidth", () => {
  test("readahead windows: a cold sample's device bytes over its reads (1 + 2 + 4 + 8 MiB in 4 reads: 3.75 MiB); otherwise the loader's request", () => {
    expect(deviceReadBytes(job({ readahead: 8 * MiB }))).toBe(COLD / 4);
    expect(deviceReadBytes(job())).toBe(MiB);
    expect(deviceReadBytes(job({ maxRequestBytes: Infinity }))).toBe(SAMPLE);
    const seq = job({ readahead: 8 * MiB });
    expect(deviceReadBytes({ ...seq, data: { ...seq.data, access: "sequential" } })).toBe(MiB);
  });

  test("an IOPS-limited volume: a readahead job's device rate is the IOPS × its windows, not × the loader's 1 MiB", () => {
    // 1,000 IOPS, 10 GB/s: 1 MiB requests get 1.05 GB/s, 3.75 MiB windows 3.9 GB/s. One node, storage-bound.
    const iopsLimited: StorageProfile = {
      ...storage({ readBytesPerSecond: Infinity, streamBytesPerSecond: 50e9, latencyUs: 1 }),
      volume: { read: { bytesPerSecond: 10e9, iops: 1000 }, write: { bytesPerSecond: 10e9, iops: 1000 } },
    };
    const rate = (readahead: number): number => {
      const j = job({ readahead, profile: iopsLimited, steps: 40 });
      const o = runPerStep(j);
      return o.bytesRead / (o.wallUs / 1e6);
    };
    expect(rate(0)).toBeLessThanOrEqual(1000 * MiB * 1.001);
    expect(rate(8 * MiB)).toBeGreaterThan(3 * 1000 * MiB);
    expect(rate(8 * MiB)).toBeLessThanOrEqual(1000 * 3.75 * MiB * 1.001);
  });
});

describe("sampleReads: one loader stream's cap and a cold sample's device bytes", () => {
  test("4 MiB in 1 MiB requests, 8 MiB window: 15 MiB a cold read, a = 2.75 on 1/nodes of the samples, cap 15 MiB / Σ(L0 + r/S) over the 1, 2, 4 MiB reads the reader waits for (the 8 MiB window past the sample is background)", () => {
    const r = sampleReads(job({ readahead: 8 * MiB }));
    expect(r.deviceBytes).toBe(COLD);
    expect(r.pattern).toEqual({ a: 2.75, window: 2, request: 0.25, nodeShare: 1 });
    const seconds = [1, 2, 4].reduce((t, m) => t + 100e-6 + (m * MiB) / 2e9, 0);
    expect(r.streamCap).toBeCloseTo(COLD / seconds, 0);
    expect(sampleReads(job({ readahead: 8 * MiB, gpus: 16 })).pattern?.nodeShare).toBe(1 / 2);
  });

  test.for([
    { name: "readahead 0", over: { readahead: 0 }, request: MiB },
    {
      name: "one request per sample, window no larger",
      over: { readahead: 4 * MiB, maxRequestBytes: Infinity },
      request: Infinity,
    },
  ] as const)("$name: the sample's bytes and the cap it had before readahead was modelled", ({ over, request }) => {
    const j = job(over);
    const lat = j.dataStorage.latency.read;
    expect(sampleReads(j)).toEqual({
      streamCap: streamCap(lat, SAMPLE, request, readOutstanding(j)),
      deviceBytes: SAMPLE,
      pattern: undefined,
    });
  });

  test("sequential access is already modelled as sample-sized requests: readahead changes nothing", () => {
    const j = job({ readahead: 8 * MiB });
    const seq = { ...j, data: { ...j.data, access: "sequential" as const } };
    const lat = j.dataStorage.latency.read;
    expect(sampleReads(seq)).toEqual({
      streamCap: streamCap(lat, SAMPLE, SAMPLE, readOutstanding(j)),
      deviceBytes: SAMPLE,
      pattern: undefined,
    });
  });
});

describe("the page cache must hold the over-read (LRU keeps the last C bytes read)", () => {
  test.for([
    { share: 0.3, cache: 0, readSoFar: 50, want: 1 },
    { share: 0.3, cache: 100, readSoFar: 0, want: 0.3 },
    { share: 0.3, cache: 100, readSoFar: 50, want: 0.3 },
    { share: 0.3, cache: 100, readSoFar: 200, want: 0.65 },
  ] as const)("share $share, cache $cache, read so far $readSoFar: $want", ({ share, cache, readSoFar, want }) => {
    expect(cachedDeviceShare(share, cache, readSoFar)).toBeCloseTo(want, 12);
  });

  test("over an epoch: readahead.ts's share when the cache holds the epoch's device bytes; more with less", () => {
    const a = { a: 2.75, window: 2, request: 0.25, nodeShare: 1 };
    const cold = 100 * COLD;
    expect(meanCachedDeviceShare(a, 0, 1, cold, cold)).toBe(meanReadaheadDeviceShare(a, 0, 1));
    expect(meanCachedDeviceShare(a, 0, 1, cold, 0)).toBe(1);
    let last = meanReadaheadDeviceShare(a, 0, 1);
    for (const c of [0.5, 0.25, 0.1, 0.01]) {
      const m = meanCachedDeviceShare(a, 0, 1, cold, c * cold);
      expect(m).toBeGreaterThanOrEqual(last);
      last = m;
    }
    expect(last).toBeLessThan(1);
  });
});

describe("per-step training with readahead", () => {
  test("readahead 0: a job reading in 1 MiB requests gives the numbers it gave before (93159f0)", () => {
    // Recorded at 93159f0, before the data pipeline had `readaheadBytes`.
    const base = unet3dJob(syntheticStorage({ readBytesPerSecond: ((8 * 7 * 146.6e6) / 0.323) * 0.7, latencyUs: 500 }));
    const j = {
      ...base,
      steps: 60,
      data: {
        ...base.data,
        maxRequestBytes: MiB,
        datasetBytes: 146.6e6 * 7 * 8 * 20,
        cacheBytesPerNode: 146.6e6 * 7 * 8 * 10,
      },
    };
    const p = runPerStep(j);
    expect([p.wallUs, p.au, p.gpuTime.dataWait, p.bytesRead]).toEqual([
      22645853, 0.8761894169610469, 26126824, 333221800000,
    ]);
    const b = runBulk(j);
    expect([b.wallUs, b.au, b.gpuTime.dataWait, b.bytesRead]).toEqual([
      22610000, 0.8749999975812692, 25840003.428571437, 336593600000,
    ]);
    expect(estimateRun(j).stepUs).toBe(323000);
  });

  test("one request per sample, window no larger than the sample: the outcome is byte-identical (no over-read)", () => {
    const plain = job({ maxRequestBytes: Infinity, samplesPerRankEpoch: 200, cache: SAMPLE * 8 * 100, steps: 60 });
    const ra = { ...plain, data: { ...plain.data, readaheadBytes: SAMPLE } };
    expect(JSON.stringify(runPerStep(ra))).toBe(JSON.stringify(runPerStep(plain)));
    expect(JSON.stringify(runBulk(ra))).toBe(JSON.stringify(runBulk(plain)));
  });

  test("one request per sample, a larger window: context readahead reads ahead once the page cache fills, nothing without one", () => {
    const base = job({ maxRequestBytes: Infinity, samplesPerRankEpoch: 200, cache: SAMPLE * 8 * 200 });
    const withWindow = (j: TrainingJob): TrainingJob => ({ ...j, data: { ...j.data, readaheadBytes: 32 * MiB } });
    const steps = (j: TrainingJob, n: number): TrainingJob => ({ ...j, steps: n });
    // Half an epoch (12 steps × 8 = 96 of 200 samples per rank): the device reads ahead of the samples.
    const half = [runPerStep(steps(base, 12)), runPerStep(withWindow(steps(base, 12)))];
    expect(half[1]!.bytesRead).toBeGreaterThan(half[0]!.bytesRead * 1.02);
    // A whole epoch (25 steps): every byte read once, readahead or not.
    const whole = [runPerStep(steps(base, 25)), runPerStep(withWindow(steps(base, 25)))];
    expect(Math.abs(whole[1]!.bytesRead / whole[0]!.bytesRead - 1)).toBeLessThan(0.02);
    // No page cache: nothing stays to be read ahead into.
    const noCache = { ...base, data: { ...base.data, cacheBytesPerNode: 0 } };
    expect(runPerStep(withWindow(steps(noCache, 12))).bytesRead).toBe(runPerStep(steps(noCache, 12)).bytesRead);
  });

  test("storage-bound, no page cache: every read moves 15/4 of the sample and the job takes 15/4 as long", () => {
    const plain = runPerStep(job());
    const ra = runPerStep(job({ readahead: 8 * MiB }));
    expect(ra.bytesRead / plain.bytesRead).toBeCloseTo(15 / 4, 9);
    // 2 GB/s for 8 × 8 × 4 MiB per step against 20 ms of compute: the wall time is the bytes over the ceiling.
    expect(Math.abs(ra.wallUs / plain.wallUs / (15 / 4) - 1)).toBeLessThan(0.02);
    const compute = plain.gpuTime.compute;
    expect(ra.gpuTime.compute).toBe(compute);
    expect(Math.abs((ra.gpuTime.dataWait + compute) / (plain.gpuTime.dataWait + compute) / (15 / 4) - 1)).toBeLessThan(
      0.02,
    );
  });

  test("at an epoch's start with a page cache: 15/4 × the share at f → 0 (readahead.ts: ±2.5 % window)", () => {
    // 160 reads per rank of a 10⁶-sample epoch: f < 2·10⁻⁴ throughout.
    const cache = SAMPLE * 8 * 1e6;
    const plain = runPerStep(job({ cache }));
    const ra = runPerStep(job({ readahead: 8 * MiB, cache }));
    const share = readaheadDeviceShare({ a: 2.75, window: 2, request: 0.25, nodeShare: 1 }, 1e-4);
    expect(share).toBeGreaterThan(0.94);
    expect(Math.abs(ra.bytesRead / plain.bytesRead / ((15 / 4) * share) - 1)).toBeLessThan(0.002);
    expect(Math.abs(ra.wallUs / plain.wallUs / ((15 / 4) * share) - 1)).toBeLessThan(0.02);
  });

  test("over a whole epoch with a cache ≥ the dataset the device reads every byte once (meter within 2 %)", () => {
    // 400 samples per rank = 50 steps of 8: one epoch.
    const j = job({ readahead: 8 * MiB, samplesPerRankEpoch: 400, steps: 50, cache: SAMPLE * 8 * 400 * 4 });
    const o = runPerStep(j);
    expect(Math.abs(o.bytesRead / j.data.datasetBytes - 1)).toBeLessThan(0.02);
    expect(o.bytesRead).toBeGreaterThan(0);
  });

  test("latency-bound: readahead can shorten the wait — 16 requests of 64 KiB become a few device reads", () => {
    // This is why the property below holds the request latency at 0: with L0 = 5 ms and no bandwidth limit,
    // 16 × L0 per sample without readahead against 1 + (windows) reads with it.
    const profile = storage({ readBytesPerSecond: Infinity, latencyUs: 5000, streamBytesPerSecond: 1e12 });
    const over = { maxRequestBytes: 64 * KiB, profile, steps: 10 };
    const plain = runPerStep(job(over));
    const ra = runPerStep(job({ ...over, readahead: 8 * MiB }));
    expect(ra.bytesRead).toBeGreaterThan(plain.bytesRead);
    expect(ra.gpuTime.dataWait).toBeLessThan(plain.gpuTime.dataWait);
  });

  propTest.prop(
    [
      fc.integer({ min: 1, max: 64 }), // sample, 64 KiB units
      fc.constantFrom(0, 128 * KiB, 512 * KiB, 8 * MiB, 32 * MiB),
      fc.double({ min: 0.2e9, max: 20e9, noNaN: true }),
      fc.integer({ min: 0, max: 2000 }),
    ],
    { seed: 21, numRuns: 12 },
  )("one request per sample: more readahead never changes the data wait", (units, readahead, bw, latencyUs) => {
    const over = { profile: storage({ readBytesPerSecond: bw, latencyUs }), maxRequestBytes: Infinity, steps: 8 };
    const run = (ra: number) => {
      const j = job({ ...over, readahead: ra });
      return runPerStep({ ...j, data: { ...j.data, sampleBytes: units * 64 * KiB } });
    };
    expect(run(readahead).gpuTime.dataWait).toBe(run(0).gpuTime.dataWait);
  });

  propTest.prop(
    [
      fc.integer({ min: 2, max: 8 }), // requests per sample
      fc.constantFrom(64 * KiB, 256 * KiB, MiB),
      fc.constantFrom(128 * KiB, 512 * KiB, 8 * MiB),
      fc.double({ min: 0.2e9, max: 20e9, noNaN: true }),
      fc.double({ min: 0.1e9, max: 4e9, noNaN: true }),
      fc.integer({ min: 1, max: 4 }),
    ],
    { seed: 22, numRuns: 15 },
  )(
    "no page cache, requests costing transfer only: a sample read in several requests never waits less with readahead",
    (requests, request, readahead, bw, stream, workers) => {
      const over = {
        profile: storage({ readBytesPerSecond: bw, latencyUs: 0, streamBytesPerSecond: stream }),
        maxRequestBytes: request,
        samplesPerStep: 2,
        steps: 8,
      };
      const run = (ra: number) => {
        const j = job({ ...over, readahead: ra });
        return runPerStep({ ...j, data: { ...j.data, sampleBytes: requests * request, workers } });
      };
      expect(run(readahead).gpuTime.dataWait).toBeGreaterThanOrEqual(run(0).gpuTime.dataWait);
    },
  );
});

describe("bulk-advance agrees with per-step on readahead jobs", () => {
  // 200 samples per rank = 50 steps of 4 per epoch, 6 epochs: the share falls over each epoch; with a cache of
  // half the dataset the page-cache term is active and later epochs hit half their samples.
  const cases = [
    {
      name: "storage-bound, no page cache",
      j: job({ readahead: 8 * MiB, samplesPerRankEpoch: 200, samplesPerStep: 4, steps: 300 }),
    },
    {
      name: "storage-bound, a page cache of half the dataset",
      j: job({ readahead: 8 * MiB, samplesPerRankEpoch: 200, samplesPerStep: 4, steps: 600, cache: SAMPLE * 8 * 100 }),
    },
    {
      name: "near the demand (AU ≈ 0.9), a page cache of half the dataset",
      j: job({
        readahead: 8 * MiB,
        samplesPerRankEpoch: 200,
        samplesPerStep: 4,
        steps: 300,
        cache: SAMPLE * 8 * 100,
        profile: storage({ readBytesPerSecond: 10e9 }),
      }),
    },
  ];
  test.for(cases)("$name: AU and completion within 1 %", ({ j }) => {
    const p = runPerStep(j);
    const b = runBulk(j);
    expect(Math.abs(b.au / p.au - 1)).toBeLessThan(0.01);
    expect(Math.abs(b.wallUs / p.wallUs - 1)).toBeLessThan(0.01);
  });
});

describe("run estimate with readahead", () => {
  test.for([
    { name: "storage-bound, no page cache", cache: 0, bw: 2e9 },
    { name: "storage-bound, a page cache of half the dataset", cache: SAMPLE * 8 * 100, bw: 2e9 },
    { name: "near the demand, a page cache of half the dataset", cache: SAMPLE * 8 * 100, bw: 10e9 },
  ])("$name: the estimated step is the per-step run's mean step within 2 %", ({ cache, bw }) => {
    const over = { samplesPerRankEpoch: 200, samplesPerStep: 4, steps: 300, cache };
    const j = job({ ...over, readahead: 8 * MiB, profile: storage({ readBytesPerSecond: bw }) });
    const o = runPerStep(j);
    expect(Math.abs(estimateRun(j).stepUs / (o.wallUs / j.steps) - 1)).toBeLessThan(0.02);
  });
});

describe("scenario field data.readahead", () => {
  const scenario = (readahead?: unknown): ScenarioSpec =>
    ({
      name: "small",
      cluster: { nodeType: "p5.48xlarge" },
      storage: { data: { preset: "fsx-lustre", capacity: "2TB" } },
      jobs: [
        {
          name: "train",
          gpus: 8,
          steps: 100,
          compute: { stepTime: "300ms" },
          data: {
            storage: "data",
            samplesPerStep: 4,
            sampleSize: "50MB",
            maxRequestSize: "1MiB",
            datasetSize: "1TB",
            ...(readahead === undefined ? {} : { readahead }),
          },
        },
      ],
    }) as ScenarioSpec;
  const resolved = (s: ScenarioSpec) => resolveScenario(validateScenario(s)).jobs[0]!.data.readaheadBytes;

  test('"8MiB" becomes 8,388,608 bytes of readahead; the default is 0', () => {
    expect(resolved(scenario("8MiB"))).toBe(8 * MiB);
    expect(resolved(scenario())).toBe(0);
  });

  test.for([["-8MiB"], [-5], ["lots"], [true]] as const)("%j is refused at data.readahead", ([bad]) => {
    const parsed = DataPipelineSpec.safeParse({
      storage: "d",
      samplesPerStep: 1,
      sampleSize: 1,
      datasetSize: 1,
      readahead: bad,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([["readahead"]]);
    let e: unknown;
    try {
      validateScenario(scenario(bad), "s.yaml");
    } catch (err) {
      e = err;
    }
    expect(isScenarioError(e)).toBe(true);
    expect(formatIssues((e as ScenarioError).issues)).toMatch(/^jobs\[0\]\.data\.readahead: /);
  });
});
