/**
 * One serving workload's result from its outcome, alone or on a cluster: requests, TTFT percentiles and
 * histogram, cold starts and model loads, replicas, GPU-hours by cause and the GPU bill by cause.
 */
import { formatLayout } from "../../models/gpu/mig/layout.ts";
import { summarize } from "../../models/inference/latency-stats.ts";
import type { InferenceOutcome } from "../../models/inference/outcome.ts";
import type { InferenceWorkload } from "../../models/inference/workload.ts";
import { US_PER_HOUR } from "../../sim/time.ts";
import { priced } from "./alternative.ts";
import type { InferenceResult, LatencyMs } from "./inference-types.ts";
import { hoursByCause } from "./job.ts";

/** Bins of the TTFT histogram. */
export const TTFT_BINS = 40;

const ms = (us: readonly number[]): LatencyMs => {
  const x = summarize(us);
  return { p50: x.p50 / 1e3, p95: x.p95 / 1e3, p99: x.p99 / 1e3, mean: x.mean / 1e3, max: x.max / 1e3 };
};
const seconds = (us: readonly number[]) => {
  const x = summarize(us);
  return { p50: x.p50 / 1e6, max: x.max / 1e6, mean: x.mean / 1e6 };
};

/** `1 × 8 h100-sxm, mig 7 × 1g.10gb`. */
function placement(w: InferenceWorkload): string {
  const p = w.pool;
  const mig =
    p.slots[0]?.profile === undefined
      ? ""
      : `, mig ${formatLayout(p.slots.filter((s) => s.gpu === 0).map((s) => s.profile!))}`;
  return `${p.nodes} × ${p.gpusPerNode} ${p.gpu}${mig}`;
}

/**
 * A histogram of `valuesUs` in ms with {@link TTFT_BINS} log-spaced bins from the smallest to the largest value
 * (TTFT spans prefill times of ~0.1 s and cold-start waits of minutes); every value falls in one bin.
 */
export function logHistogramMs(valuesUs: readonly number[]): { edgesMs: number[]; counts: number[] } {
  if (valuesUs.length === 0) return { edgesMs: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of valuesUs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  lo = Math.max(lo / 1e3, 1e-3);
  hi = Math.max(hi / 1e3, lo * 1.001);
  const step = Math.log(hi / lo) / TTFT_BINS;
  const edgesMs = Array.from({ length: TTFT_BINS + 1 }, (_, i) => (i === TTFT_BINS ? hi : lo * Math.exp(i * step)));
  const counts = new Array<number>(TTFT_BINS).fill(0);
  for (const v of valuesUs) {
    const x = Math.max(v / 1e3, lo);
    const b = Math.min(TTFT_BINS - 1, Math.floor(Math.log(x / lo) / step));
    counts[b]! += 1;
  }
  return { edgesMs, counts };
}

/** The workload's result; its GPUs cost `usdPerHour` each, and its weight reads across zones `egressUsd`. */
export function servingResult(
  w: InferenceWorkload,
  o: InferenceOutcome,
  binding: string,
  usdPerHour: number,
  egressUsd: number,
): InferenceResult {
  const byCause = hoursByCause(o.gpuTime);
  const total = o.gpus * (o.durationUs / US_PER_HOUR);
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
    ttftHistogram: logHistogramMs(o.ttftUs),
    cost: { gpuUsd: total * usdPerHour, gpuUsdByCause: priced(byCause, usdPerHour), egressUsd },
  };
}
