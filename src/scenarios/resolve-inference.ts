/**
 * Turns a validated scenario's inference workloads into model objects (src/models/inference/workload.ts):
 * each workload's pool placed on its own nodes of one shared storage fabric (pools side by side, in the
 * scenario's order), the weights' storage binding as resolved with the training jobs' (resolve.ts), start-up
 * = the binding's provisioning/attach/mount (as for training) + image pull + framework init, and the service
 * model from the scenario or derived from the GPU (service-time.ts). Pure.
 */
import { nodeTypeByName } from "../models/cluster/node-types.ts";
import { gpuByName } from "../models/gpu/catalog.ts";
import { validateMigLayout } from "../models/gpu/mig/layout.ts";
import type { ArrivalSpec } from "../models/inference/arrivals/arrival-process.ts";
import { buildPool } from "../models/inference/instance-pool.ts";
import { defaultPerTokenUs, defaultPrefillUs } from "../models/inference/service-time.ts";
import type { InferenceWorkload } from "../models/inference/workload.ts";
import type { FabricOptions } from "../models/storage/fabric.ts";
import { startupUs } from "../models/training/policy.ts";
import type { ResolvedScenario } from "./resolve.ts";
import { inferenceModel, layoutNames } from "./schema/inference-checks.ts";
import type { InferenceConfig } from "./schema/inference.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

/** Knative's default target utilisation of a replica's concurrency [M]. */
export const DEFAULT_TARGET_UTILISATION = 0.7;

/** The inference workloads of a scenario, the fabric their pools share, and each one's GPU price. */
export interface ResolvedInference {
  readonly workloads: readonly InferenceWorkload[];
  readonly fabric: FabricOptions;
  /** USD per GPU-hour of each workload's GPUs, same order. */
  readonly gpuUsdPerHour: readonly number[];
  /** Purchase price of one GPU of each workload, same order. */
  readonly gpuCapexUsd: readonly number[];
  /** Storage binding of each workload, same order. */
  readonly bindings: readonly string[];
}

function arrivals(a: InferenceConfig["arrivals"]): ArrivalSpec {
  switch (a.kind) {
    case "poisson":
      return { kind: "poisson", rate: a.rate };
    case "diurnal":
      return { kind: "diurnal", rate: a.rate, amplitude: a.amplitude, periodUs: a.period, phase: a.phase };
    case "bursty":
      return { kind: "bursty", rate: a.rate, offRate: a.offRate, meanOnUs: a.on, meanOffUs: a.off };
  }
}

/**
 * Resolves `s.inference` against the resolved scenario `r` (its storage bindings and cluster).
 * @throws RangeError on an invalid MIG layout or unknown names (validation reports them first).
 */
export function resolveInference(s: ScenarioConfig, r: ResolvedScenario): ResolvedInference {
  const perNode: { nicBytesPerSecond: number; remoteDiskBytesPerSecond: number }[] = [];
  const workloads: InferenceWorkload[] = [];
  const prices: number[] = [];
  const capex: number[] = [];
  for (const w of s.inference) {
    const nodeType = nodeTypeByName(w.placement.nodeType ?? s.cluster.nodeType);
    const sameNode = nodeType.name === r.nodeType.name;
    const gpu = gpuByName(nodeType.gpu);
    const names = layoutNames(w);
    const pool = buildPool({
      gpu,
      nodes: w.placement.nodes,
      gpusPerNode: w.placement.gpusPerNode ?? nodeType.gpusPerNode,
      layout: names === undefined ? undefined : validateMigLayout(gpu.name, names),
      firstNode: perNode.length,
    });
    for (let n = 0; n < pool.nodes; n++) {
      perNode.push({
        nicBytesPerSecond: (sameNode ? s.cluster.nicBandwidth : undefined) ?? nodeType.storageNicBytesPerSecond,
        remoteDiskBytesPerSecond:
          (sameNode ? s.cluster.remoteDiskBandwidth : undefined) ?? nodeType.remoteDiskBytesPerSecond,
      });
    }
    prices.push(w.placement.gpuPricePerHour ?? (gpu.name === r.gpu.name ? r.gpuUsdPerHour : gpu.usdPerHour));
    capex.push(gpu.name === r.gpu.name ? r.gpuCapexUsd : gpu.capexUsd);
    const storage = r.storage.get(w.storage)!.profile;
    const model = inferenceModel(w);
    const sv = w.service;
    const slots = pool.slots.length;
    const max = w.replicas.max ?? slots;
    workloads.push({
      name: w.name,
      streams: w.traffic ?? w.name,
      model: { name: model.name, bytes: model.bytes },
      storage,
      loader: { streams: w.loader.streams, requestBytes: w.loader.requestSize, pageCache: w.loader.pageCache },
      pool,
      hostLinkBytesPerSecond: gpu.hostLinkBytesPerSecond,
      replicas: { min: w.replicas.min, max, initial: w.replicas.initial ?? w.replicas.min },
      warmStart: w.warmStart,
      startupUs: startupUs([storage], w.startup.imagePull) + w.startup.init,
      concurrency: w.concurrency,
      autoscaling: {
        targetConcurrency:
          w.autoscaling.targetConcurrency ??
          w.concurrency * (w.autoscaling.targetUtilisation ?? DEFAULT_TARGET_UTILISATION),
        scaleDownDelayUs: w.autoscaling.scaleDownDelay,
      },
      arrivals: arrivals(w.arrivals),
      service: {
        prefillUs: sv.prefill ?? defaultPrefillUs(model.parameters!, sv.promptTokens, gpu.bf16Flops),
        perTokenUs: sv.perToken ?? defaultPerTokenUs(model.bytes, gpu.memoryBytesPerSecond),
        outputTokens: sv.outputTokens,
        outputDistribution: sv.outputDistribution,
      },
      durationUs: w.duration,
    });
  }
  return {
    workloads,
    fabric: {
      nodes: perNode.length,
      nicBytesPerSecond: s.cluster.nicBandwidth ?? r.nodeType.storageNicBytesPerSecond,
      remoteDiskBytesPerSecond: s.cluster.remoteDiskBandwidth ?? r.nodeType.remoteDiskBytesPerSecond,
      perNode,
    },
    gpuUsdPerHour: prices,
    gpuCapexUsd: capex,
    bindings: s.inference.map((w) => w.storage),
  };
}
