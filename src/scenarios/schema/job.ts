/**
 * A training job in a scenario file, in human units. Defaults follow shared/reference/domain-facts.md:
 * failure handling from Kubernetes' defaults (§4), checkpoint bytes per parameter 14 (§6.1), GPU MTBF
 * ≈ 50,000 h from the Llama 3 405B run (anchors.md §3.1).
 */
import { z } from "zod";
import { MAX_GPUS_PER_JOB } from "./limits.ts";
import {
  zBytes,
  zCount,
  zDuration,
  zFraction,
  zPositiveBytes,
  zPositiveCount,
  zPositiveDuration,
  zPositiveRate,
} from "./units.ts";

export const DataPipelineSpec = z.strictObject({
  /** Name of the storage binding the dataset is read from. */
  storage: z.string(),
  /** Samples per step per GPU (the per-GPU batch). */
  samplesPerStep: zPositiveCount,
  sampleSize: zPositiveBytes,
  /**
   * How the loader works (docs/model.md, "Data pipeline"): `pool` (default), workers that each read one sample
   * at a time into a shared buffer of `prefetch` batches; `pytorch`, torch.utils.data.DataLoader: each of
   * `workers` processes builds whole batches (its samples one after another), `prefetch` is prefetch_factor
   * (batches in flight per worker), batches are delivered in order, and `workers: 0` loads in the training
   * process.
   */
  loader: z.enum(["pool", "pytorch"]).default("pool"),
  /** Loader workers per GPU (pytorch: num_workers; 0 loads in the training process). */
  workers: zCount.default(4),
  /** pool: the prefetch buffer, in batches; pytorch: prefetch_factor, batches in flight per worker. */
  prefetch: zPositiveCount.default(2),
  /** pytorch: persistent_workers (false, PyTorch's default: workers start anew every epoch, paying `cpu.workerStart`). */
  persistentWorkers: z.boolean().default(false),
  /**
   * CPU time of the loader, measured on the user's machine (docs/calibration: `loader_cpu.py`): per sample
   * in a worker (decode, augment), per batch in a worker (collate, hand-off to the training process; pytorch),
   * per batch in the training process (receiving it), and starting a worker process. Workers of all GPUs of a
   * node share its cores (`cluster.cpuCores`).
   */
  cpu: z
    .strictObject({
      perSample: zDuration.prefault("0s"),
      perBatch: zDuration.prefault("0s"),
      mainPerBatch: zDuration.prefault("0s"),
      workerStart: zDuration.prefault("0s"),
    })
    .prefault({}),
  /** Largest request a sample is split into; default: one request per sample. */
  maxRequestSize: zPositiveBytes.optional(),
  access: z.enum(["random", "sequential"]).default("random"),
  datasetSize: zPositiveBytes,
  /** Page cache / node-local cache per node available to the dataset. */
  cachePerNode: zBytes.default(0),
  /** Kernel read-ahead window of buffered reads (docs/model.md, "Readahead"). */
  readahead: zBytes
    .default(0)
    .describe(
      "kernel read-ahead window for buffered reads (Linux read_ahead_kb; 128KiB is Linux's default): a sample " +
        "read in several requests makes the device read past it; 0 = direct I/O or not modelled",
    ),
});

const Interval = z.union([z.enum(["young", "daly"]), z.strictObject({ steps: zPositiveCount }), zPositiveDuration]);

export const CheckpointSpec = z
  .strictObject({
    storage: z.string(),
    /** Checkpoint size; or give `parameters` (× bytesPerParameter). */
    size: zPositiveBytes.optional(),
    parameters: zPositiveCount.optional(),
    /** Training-state bytes per parameter: 14 = fp32 master + Adam m, v + bf16 weights (domain-facts §6.1). */
    bytesPerParameter: z.number().positive().default(14),
    interval: Interval.prefault("1h"),
    mode: z.enum(["sync", "async"]).default("sync"),
    sharded: z.boolean().default(true),
    retention: zPositiveCount.default(2),
    /** I/O priority of checkpoint writes relative to data reads (1 = equal share). */
    priority: z.number().positive().default(1),
    /** Rate limit per node for checkpoint writes. */
    rateLimit: zPositiveRate.optional(),
    requestSize: zPositiveBytes.default(4 * 2 ** 20),
  })
  .refine((c) => c.size !== undefined || c.parameters !== undefined, {
    message: "give the checkpoint size or the model's parameters",
    path: ["size"],
  });

export const FailureSpec = z.strictObject({
  /** Mean time between failures per GPU (Llama 3 405B: ≈ 50,000 GPU-hours, anchors.md §3.1). */
  gpuMtbf: zPositiveDuration.prefault("50000h"),
  /** Node heartbeat grace until NotReady (50 s from Kubernetes 1.32). */
  detect: zDuration.prefault("50s"),
  /** Pod eviction toleration (DefaultTolerationSeconds: 300 s). */
  toleration: zDuration.prefault("300s"),
  /** Force-detach wait for RWO volumes on a dead node (6 min, hard-coded). */
  forceDetach: zDuration.prefault("6m"),
  /** The out-of-service taint is applied automatically (skips the force-detach wait). */
  outOfServiceTaint: z.boolean().default(false),
  reschedule: zDuration.prefault("60s"),
  /** Extra wait for a node in the same zone when a zonal RWO volume pins the rescheduled pod (0: spares everywhere). */
  zonePinnedWait: zDuration.prefault("0s"),
  imagePull: zDuration.prefault("2m"),
});

export const ComputeSpec = z.strictObject({
  /** Compute per step (forward, backward, all-reduce). */
  stepTime: zPositiveDuration,
  /** Coefficient of variation of per-GPU step time. */
  jitter: zFraction.default(0),
});

export const JobSpec = z
  .strictObject({
    name: z.string().min(1),
    gpus: zPositiveCount.pipe(
      z.number().max(MAX_GPUS_PER_JOB, { error: `at most ${MAX_GPUS_PER_JOB.toLocaleString("en-US")} GPUs per job` }),
    ),
    /** Steps to run; or give `duration` (of pure compute: steps = duration / stepTime). */
    steps: zPositiveCount.optional(),
    duration: zPositiveDuration.optional(),
    compute: ComputeSpec,
    data: DataPipelineSpec,
    checkpoint: CheckpointSpec.optional(),
    /** Container image pull when the job starts (0 when nodes have it cached). */
    imagePull: zDuration.prefault("2m"),
    failures: FailureSpec.optional(),
    // Scheduling on an explicit cluster (`cluster.pools`) only:
    /** When the job is submitted (default 0). */
    submit: zDuration.optional(),
    /** Higher runs first under `scheduler.policy: priority` (default 0). */
    priority: z.number().int().optional(),
    /** GPUs the job asks on each node (default: whole nodes of the cluster's node type). */
    gpusPerNode: zPositiveCount.optional(),
    /** Pools it may run on (default: any). */
    pools: z.array(z.string().min(1)).min(1).optional(),
    /** Run time the scheduler plans backfill with (default: the no-simulation run estimate). */
    estimate: zPositiveDuration.optional(),
  })
  .refine((j) => j.steps !== undefined || j.duration !== undefined, {
    message: "give steps or duration",
    path: ["steps"],
  })
  .refine((j) => j.data.workers > 0 || j.data.loader === "pytorch", {
    message:
      "the pool loader needs at least one worker (loader: pytorch with workers: 0 loads in the training process)",
    path: ["data", "workers"],
  })
  .refine(
    (j) =>
      j.data.loader === "pytorch" ||
      (j.data.cpu.perBatch === 0 && j.data.cpu.workerStart === 0 && !j.data.persistentWorkers),
    {
      message:
        "cpu.perBatch, cpu.workerStart and persistentWorkers describe PyTorch's worker processes: set loader: pytorch",
      path: ["data", "loader"],
    },
  );

export type JobSpecInput = z.input<typeof JobSpec>;
export type JobConfig = z.output<typeof JobSpec>;
