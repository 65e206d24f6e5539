/**
 * The inference part of a scenario run: simulates the serving workloads (all on one engine and storage
 * fabric, models/inference/simulate.ts), turns each outcome into an `InferenceResult`, and folds them into
 * the scenario's result: wall time (the longest of jobs and workloads), storage cost over that wall time,
 * GPU and egress cost, run rates, idle cost per year, findings, and, for a serving-only scenario, an empty
 * timeline spanning the run. `gpuHours` and the timeline stay training's (see result.ts).
 */
import { formatLayout } from "../models/gpu/mig/layout.ts";
import { runRates } from "../models/cost/billing-period.ts";
import { HOURS_PER_MONTH } from "../models/cost/storage-cost.ts";
import { summarize } from "../models/inference/latency-stats.ts";
import type { InferenceOutcome } from "../models/inference/outcome.ts";
import { diagnoseServing } from "../models/inference/serving-diagnosis.ts";
import { SERVING_CAUSES } from "../models/inference/serving-time.ts";
import type { InferenceWorkload } from "../models/inference/workload.ts";
import { simulateServing } from "../models/inference/simulate.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import type { InferenceResult, LatencyMs, ServingHoursByCause } from "./inference-result.ts";
import { crossZoneFraction, type ResolvedScenario } from "./resolve.ts";
import { resolveInference } from "./resolve-inference.ts";
import type { ScenarioResult } from "./result.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { scenarioTimeline } from "./timeline.ts";

const ms = (us: readonly number[]): LatencyMs => {
  const x = summarize(us);
  return { p50: x.p50 / 1e3, p95: x.p95 / 1e3, p99: x.p99 / 1e3, mean: x.mean / 1e3, max: x.max / 1e3 };
};
const seconds = (us: readonly number[]) => {
  const x = summarize(us);
  return { p50: x.p50 / 1e6, max: x.max / 1e6, mean: x.mean / 1e6 };
};

function placement(w: InferenceWorkload): string {
  const p = w.pool;
  const mig =
    p.slots[0]?.profile === undefined
      ? ""
      : `, mig ${formatLayout(p.slots.filter((s) => s.gpu === 0).map((s) => s.profile!))}`;
  return `${p.nodes} × ${p.gpusPerNode} ${p.gpu}${mig}`;
}

/** One workload's result from its outcome; `usdPerHour` per GPU, egress at `egressUsdPerByte` of storage reads. */
export function inferenceResult(
  w: InferenceWorkload,
  o: InferenceOutcome,
  binding: string,
  usdPerHour: number,
  egressUsd: number,
): InferenceResult {
  const g = o.gpuTime;
  const byCause: ServingHoursByCause = {
    compute: g.compute / US_PER_HOUR,
    modelLoad: g.modelLoad / US_PER_HOUR,
    startup: g.startup / US_PER_HOUR,
    idleWarm: g.idleWarm / US_PER_HOUR,
    unallocated: g.unallocated / US_PER_HOUR,
  };
  const total = SERVING_CAUSES.reduce((a, c) => a + byCause[c], 0);
  const { compute: _compute, ...idle } = byCause;
  return {
    name: o.name,
    model: w.model.name,
    modelBytes: w.model.bytes,
    storage: binding,
    placement: placement(w),
    gpus: o.gpus,
    instances: o.slots,
    durationHours: o.durationUs / US_PER_HOUR,
    requests: {
      arrived: o.arrived,
      served: o.served,
      unserved: o.arrived - o.served,
      waitedForColdStart: o.waitedForColdStart,
    },
    ttftMs: ms(o.ttftUs),
    queueMs: ms(o.waitUs),
    coldStarts: o.coldStarts,
    loadSeconds: seconds(o.loadUs),
    coldStartSeconds: seconds(o.coldStartUs),
    bytesLoaded: o.bytesLoaded,
    replicas: { peak: o.peakReplicas, mean: o.meanReplicas },
    gpuHours: { total, byCause },
    utilisation: total > 0 ? byCause.compute / total : 0,
    cost: {
      gpuUsd: total * usdPerHour,
      idleUsdByCause: {
        modelLoad: idle.modelLoad * usdPerHour,
        startup: idle.startup * usdPerHour,
        idleWarm: idle.idleWarm * usdPerHour,
        unallocated: idle.unallocated * usdPerHour,
      },
      egressUsd,
    },
  };
}

/**
 * `result` (the training part of one replication at `seed`) with the scenario's serving workloads run and
 * folded in; `result` itself when there are none.
 */
export function withInference(
  result: ScenarioResult,
  s: ScenarioConfig,
  r: ResolvedScenario,
  seed: number,
): ScenarioResult {
  if (s.inference.length === 0) return result;
  const ri = resolveInference(s, r);
  const { outcomes } = simulateServing(ri.workloads, ri.fabric, seed);
  const findings: string[] = [];
  const inference = outcomes.map((o, i) => {
    const w = ri.workloads[i]!;
    const st = r.storage.get(ri.bindings[i]!)!;
    const egress =
      (o.bytesFromStorage * crossZoneFraction(st, w.pool.nodes, r.zones) * st.profile.price.egressPerGb) / 1e9;
    findings.push(...diagnoseServing(o, st.preset));
    return inferenceResult(w, o, ri.bindings[i]!, ri.gpuUsdPerHour[i]!, egress);
  });
  const wallHours = Math.max(result.wallHours, ...inference.map((x) => x.durationHours));
  const storageUsdByBinding = Object.fromEntries(
    result.storage.map((st) => [st.name, (st.monthlyUsd * wallHours) / HOURS_PER_MONTH]),
  );
  const storageUsd = Object.values(storageUsdByBinding).reduce((a, b) => a + b, 0);
  const gpuUsd = result.cost.gpuUsd + inference.reduce((a, x) => a + x.cost.gpuUsd, 0);
  const egressUsd = result.cost.egressUsd + inference.reduce((a, x) => a + x.cost.egressUsd, 0);
  const totalUsd = gpuUsd + storageUsd + egressUsd;
  const sum = (o: object): number => Object.values(o).reduce((a: number, b: number) => a + b, 0);
  const idleUsd = sum(result.cost.idleUsdByCause) + inference.reduce((a, x) => a + sum(x.cost.idleUsdByCause), 0);
  const trainingOnly = result.jobs.length > 0;
  const adjustments = result.diagnosis.filter((d) => d.startsWith("provisioning adjusted:"));
  return {
    ...result,
    wallHours,
    cost: {
      ...result.cost,
      totalUsd,
      gpuUsd,
      storageUsd,
      egressUsd,
      storageUsdByBinding,
      ...runRates(totalUsd, idleUsd, wallHours),
    },
    diagnosis: trainingOnly ? [...result.diagnosis, ...findings] : [...findings, ...adjustments],
    timeline: trainingOnly
      ? result.timeline
      : scenarioTimeline(
          [],
          result.storage.map((st) => st.name),
          Math.round(wallHours * US_PER_HOUR),
        ),
    inference,
  };
}
