/**
 * A serving (inference) workload in a scenario file, in human units: a model from the catalog or by size,
 * the storage binding its weights are read from, the GPUs it runs on (whole or a MIG layout per GPU), the
 * replicas and autoscaling policy, the request arrival process and the service model. Cross-field checks
 * (bindings exist, the layout fits the GPU, replicas fit the instances, the model fits an instance) are in
 * inference-checks.ts. Defaults and their sources are in docs/model.md ("Inference").
 */
import { z } from "zod";
import { MODELS } from "../../models/inference/model-catalog.ts";
import { BYTES_PER_PARAMETER } from "../../models/inference/model-spec.ts";
import { unknownNameMessage } from "../suggest.ts";
import { zNodeTypeName } from "./names.ts";
import { zCount, zDuration, zFraction, zPositiveBytes, zPositiveCount, zPositiveDuration, zUsd } from "./units.ts";
import { MAX_NODES } from "./limits.ts";

const MODEL_NAMES = MODELS.map((m) => m.name);

/** A catalog model name, e.g. `llama-3.1-8b`. */
export const zModelName = z.string().superRefine((name, ctx) => {
  if (!MODEL_NAMES.includes(name))
    ctx.addIssue({ code: "custom", message: unknownNameMessage("model", name, MODEL_NAMES) });
});

const PRECISIONS = Object.keys(BYTES_PER_PARAMETER) as [
  keyof typeof BYTES_PER_PARAMETER,
  ...(keyof typeof BYTES_PER_PARAMETER)[],
];

/** The model: a catalog name, or `{ name, precision }`, or `{ size, parameters? }` for one not in the catalog. */
export const InferenceModel = z.union([
  zModelName,
  z
    .strictObject({
      /** Catalog name; any name with `size`. */
      name: z.string().min(1).optional(),
      /** Weight precision (bytes per parameter: bf16 2, fp8 1, int4 0.5); default: the published one. */
      precision: z.enum(PRECISIONS).optional(),
      /** Weight files' size; default: the catalog's at that precision. */
      size: zPositiveBytes.optional(),
      /** Parameters (for the default prefill time). */
      parameters: zPositiveCount.optional(),
    })
    .superRefine((m, ctx) => {
      if (m.size === undefined && m.name === undefined) {
        ctx.addIssue({ code: "custom", path: ["name"], message: "give a catalog model name or the model's size" });
      } else if (m.size === undefined && !MODEL_NAMES.includes(m.name!)) {
        ctx.addIssue({ code: "custom", path: ["name"], message: unknownNameMessage("model", m.name!, MODEL_NAMES) });
      }
    }),
]);

/** A MIG layout of one GPU: profile names (`[3g.40gb, 4g.40gb]`) or counts as mig-parted writes them (`{1g.10gb: 7}`). */
export const MigLayoutSpec = z.union([z.array(z.string()).min(1), z.record(z.string(), zPositiveCount)]);

export const InferencePlacement = z.strictObject({
  /** Node type of the serving pool; default: the cluster's. */
  nodeType: zNodeTypeName.optional(),
  /** Nodes in the pool. */
  nodes: zPositiveCount
    .pipe(z.number().max(MAX_NODES, { error: `at most ${MAX_NODES.toLocaleString("en-US")} nodes` }))
    .default(1),
  /** GPUs used per node; default: all of the node type's. */
  gpusPerNode: zPositiveCount.optional(),
  /** MIG layout applied to every GPU of the pool; absent: whole GPUs. */
  mig: MigLayoutSpec.optional(),
  /** Price per GPU-hour; default: the cluster's when the GPU is the same, else the GPU catalog's. */
  gpuPricePerHour: zUsd.optional(),
  /** On an explicit cluster (`cluster.pools`): the pool whose nodes the workload takes (default: any). */
  pool: z.string().min(1).optional(),
});

export const ReplicasSpec = z.strictObject({
  min: zCount.default(1),
  /** Default: every instance of the pool. */
  max: zPositiveCount.optional(),
  /** Replicas started at time 0; default: `min`. */
  initial: zCount.optional(),
});

export const StartupSpec = z.strictObject({
  /** Container image pull (0: cached on the node, domain-facts §4). */
  imagePull: zDuration.prefault("0s"),
  /** Serving-framework start before the load (CUDA context, engine init) [M]. */
  init: zDuration.prefault("30s"),
});

export const LoaderSpec = z.strictObject({
  /** Parallel read streams per replica. */
  streams: zPositiveCount.default(1),
  requestSize: zPositiveBytes.prefault("16MiB"),
  /** A node that loaded the model serves later loads on it from its page cache. */
  pageCache: z.boolean().default(false),
});

export const AutoscalingSpec = z
  .strictObject({
    /** Requests in flight per replica to aim at; or give `targetUtilisation` (× concurrency). */
    targetConcurrency: z.number().positive().optional(),
    /** Fraction of a replica's concurrency to aim at (Knative's default 70% [M]). */
    targetUtilisation: zFraction.optional(),
    /** Idle time before a replica above `min` stops (Knative's 60 s stable window [M]). */
    scaleDownDelay: zDuration.prefault("60s"),
  })
  .refine((a) => a.targetConcurrency === undefined || a.targetUtilisation === undefined, {
    message: "give targetConcurrency or targetUtilisation, not both",
    path: ["targetConcurrency"],
  });

const rate = z.number().nonnegative();

export const ArrivalsSpec = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("poisson"), /** Requests per second. */ rate }),
  z.strictObject({
    kind: z.literal("diurnal"),
    /** Mean requests per second. */
    rate,
    /** rate(t) = rate · (1 + amplitude · sin(2πt / period + phase)). */
    amplitude: zFraction.default(0.5),
    period: zPositiveDuration.prefault("24h"),
    /** Radians at t = 0. */
    phase: z.number().default(0),
  }),
  z.strictObject({
    kind: z.literal("bursty"),
    /** Requests per second during bursts. */
    rate,
    /** Requests per second between bursts. */
    offRate: rate.default(0),
    /** Mean burst length and mean gap (exponential). */
    on: zPositiveDuration,
    off: zPositiveDuration,
  }),
]);

export const ServiceSpec = z.strictObject({
  /** Prompt tokens per request (sets the default prefill) [M]. */
  promptTokens: zCount.default(1000),
  /** Mean output tokens per request [M]. */
  outputTokens: zCount.default(200),
  /** `exponential`: output lengths drawn with that mean; `fixed`: all equal. */
  outputDistribution: z.enum(["fixed", "exponential"]).default("exponential"),
  /** Prefill on a whole GPU; default 2 · parameters · promptTokens / (BF16 FLOP/s · 0.4). */
  prefill: zDuration.optional(),
  /** One output token on a whole GPU; default weight bytes / (memory bandwidth · 0.8). */
  perToken: zDuration.optional(),
});

export const InferenceSpec = z.strictObject({
  name: z.string().min(1),
  model: InferenceModel,
  /** Name of the storage binding the weights are read from. */
  storage: z.string(),
  placement: InferencePlacement.prefault({}),
  replicas: ReplicasSpec.prefault({}),
  /** Requests one replica serves at once [M]. */
  concurrency: zPositiveCount.default(4),
  autoscaling: AutoscalingSpec.prefault({}),
  startup: StartupSpec.prefault({}),
  loader: LoaderSpec.prefault({}),
  arrivals: ArrivalsSpec,
  service: ServiceSpec.prefault({}),
  /** Serving time simulated. */
  duration: zPositiveDuration,
  /**
   * Name of the random traffic (arrival and output-length streams); default: the workload's name. Workloads
   * with the same traffic name see identical requests (common random numbers), to compare designs.
   */
  traffic: z.string().min(1).optional(),
  /** Initial replicas start loaded (no cold start). */
  warmStart: z.boolean().default(false),
});

export type InferenceSpecInput = z.input<typeof InferenceSpec>;
export type InferenceConfig = z.output<typeof InferenceSpec>;
