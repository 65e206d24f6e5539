/**
 * Cross-field checks of a scenario's inference workloads, run from the scenario's `superRefine` so each
 * problem is an issue at its field's path: the storage binding exists; the pool's GPU supports MIG and the
 * layout is valid on it (the message names the GPU, the layout and the limit broken); GPUs per node do not
 * exceed the node type's; the replica bounds fit the instances; the model fits an instance's memory; a model
 * without a parameter count gives its prefill time.
 */
import type { z } from "zod";
import { nodeTypeByName } from "../../models/cluster/node-types.ts";
import { gpuByName } from "../../models/gpu/catalog.ts";
import { expandLayout, validateMigLayout } from "../../models/gpu/mig/layout.ts";
import { modelByName } from "../../models/inference/model-catalog.ts";
import { modelBytes } from "../../models/inference/model-spec.ts";
import type { InferenceConfig } from "./inference.ts";
import { MAX_REQUESTS_PER_WORKLOAD, MAX_SIMULATED_US } from "./limits.ts";

type Ctx = z.core.$RefinementCtx<unknown>;

/** Weight bytes and parameters (undefined when not known) of a workload's model. */
export function inferenceModel(w: InferenceConfig): { name: string; bytes: number; parameters: number | undefined } {
  const m = w.model;
  if (typeof m === "string") {
    const spec = modelByName(m);
    return { name: m, bytes: spec.bytes, parameters: spec.parameters };
  }
  const spec = m.name !== undefined && m.size === undefined ? modelByName(m.name) : undefined;
  return {
    name: m.name ?? "custom",
    bytes: m.size ?? modelBytes(spec!, m.precision),
    parameters: m.parameters ?? spec?.parameters,
  };
}

const fmt = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 0 });

/**
 * The mean number of requests of a workload: its mean arrival rate × its duration (poisson: the rate; diurnal:
 * the mean rate; bursty: the on and off rates weighted by the mean burst and gap lengths).
 */
export function expectedRequests(w: InferenceConfig): number {
  const a = w.arrivals;
  const perSecond = a.kind === "bursty" ? (a.rate * a.on + a.offRate * a.off) / (a.on + a.off) : a.rate;
  return (perSecond * w.duration) / 1e6;
}

/** The MIG layout of a workload as a list of profile names, or undefined for whole GPUs. */
export const layoutNames = (w: InferenceConfig): string[] | undefined => {
  const mig = w.placement.mig;
  return mig === undefined ? undefined : Array.isArray(mig) ? mig : expandLayout(mig);
};

/** Adds an issue for each problem of `inference` (scenario paths `inference[i]…`). */
export function checkInference(
  s: { cluster: { nodeType: string }; storage: Record<string, unknown>; inference: readonly InferenceConfig[] },
  ctx: Ctx,
): void {
  const bindings = Object.keys(s.storage);
  s.inference.forEach((w, i) => {
    const at = (...path: (string | number)[]) => ["inference", i, ...path];
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const requests = expectedRequests(w);
    if (requests > MAX_REQUESTS_PER_WORKLOAD) {
      issue(
        at("arrivals", "rate"),
        `about ${fmt(requests)} requests (mean rate × duration); at most ${fmt(MAX_REQUESTS_PER_WORKLOAD)} per ` +
          "workload (every request's time to first token is kept): lower the rate or shorten the duration (a " +
          "shorter window at the same rate gives the same percentiles)",
      );
    }
    if (w.duration > MAX_SIMULATED_US) {
      issue(at("duration"), `at most 100 years of simulated time (the engine's clock covers about 285)`);
    }
    if (!bindings.includes(w.storage)) {
      issue(
        at("storage"),
        `unknown storage binding ${JSON.stringify(w.storage)} (defined: ${bindings.map((n) => JSON.stringify(n)).join(", ") || "none"})`,
      );
    }
    let node;
    try {
      node = nodeTypeByName(w.placement.nodeType ?? s.cluster.nodeType);
    } catch {
      return; // the node type's own issue is reported at its field
    }
    const gpu = gpuByName(node.gpu);
    const perNode = w.placement.gpusPerNode ?? node.gpusPerNode;
    if (perNode > node.gpusPerNode) {
      issue(at("placement", "gpusPerNode"), `${perNode} gpus per node, but ${node.name} has ${node.gpusPerNode}`);
    }
    const names = layoutNames(w);
    let instances = 1;
    let instanceMemory = gpu.memoryBytes;
    let instanceLabel = gpu.name;
    if (names !== undefined) {
      try {
        const layout = validateMigLayout(gpu.name, names);
        instances = layout.instances.length;
        const smallest = layout.instances.reduce((a, p) => (p.memoryBytes < a.memoryBytes ? p : a));
        instanceMemory = smallest.memoryBytes;
        instanceLabel = `${smallest.name} instance`;
      } catch (e) {
        issue(at("placement", "mig"), (e as Error).message);
        return;
      }
    }
    const slots = w.placement.nodes * Math.min(perNode, node.gpusPerNode) * instances;
    const { min, max = slots, initial = min } = w.replicas;
    if (max > slots) issue(at("replicas", "max"), `${max} replicas, but the placement has ${slots} instances`);
    if (min > max) issue(at("replicas", "min"), `min ${min} is above max ${max}`);
    if (initial < min || initial > max)
      issue(at("replicas", "initial"), `initial ${initial} is outside [${min}, ${max}]`);
    let model;
    try {
      model = inferenceModel(w);
    } catch {
      return; // an unknown model name is reported at its field
    }
    if (model.bytes > instanceMemory) {
      issue(
        at("model"),
        `model ${model.name} (${model.bytes / 1e9} GB) does not fit a ${instanceLabel} (${instanceMemory / 1e9} GB)`,
      );
    }
    if (model.parameters === undefined && w.service.prefill === undefined) {
      issue(at("service", "prefill"), "give service.prefill or the model's parameters (for the default prefill)");
    }
  });
}
