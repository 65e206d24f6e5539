/**
 * An alternative's diagnosis, from its result alone (so the mean of replications is diagnosed exactly as one
 * run is): the training rules of src/models/diagnosis.ts on its jobs' GPU time, each serving workload's cold
 * starts and GPU time, a cluster's unallocated GPUs, queueing and cross-zone traffic, and provisioning
 * adjustments. Thresholds are stated in the messages so a reader can check them against the numbers.
 */
import { diagnose } from "../../models/diagnosis.ts";
import { addGpuTime, emptyGpuTime, totalGpuTime } from "../../models/gpu-time.ts";
import type { InferenceResult } from "./inference-types.ts";
import type { ReadLimit } from "./read-limit.ts";
import type { AlternativeResult, LoaderCpuUse } from "./types.ts";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const sec = (s: number): string => `${s.toFixed(s < 10 ? 2 : 1)} s`;
const dur = (h: number) => (h < 1 ? `${(60 * h).toFixed(1)} min` : `${h.toFixed(2)} h`);

/** Findings, most important first; at least one. */
export function diagnoseAlternative(a: Omit<AlternativeResult, "diagnosis">): string[] {
  const out: string[] = [];
  if (a.jobs.length > 0) out.push(...trainingFindings(a));
  for (const w of a.inference) out.push(...servingFindings(w, presetOf(a, w.storage)));
  if (a.cluster !== undefined) out.push(...clusterFindings(a));
  for (const st of a.storage) for (const adj of st.adjustments) out.push(`provisioning adjusted: ${adj}`);
  return out.length > 0 ? out : ["no GPU time was simulated"];
}

const presetOf = (a: Omit<AlternativeResult, "diagnosis">, binding: string): string =>
  a.storage.find((s) => s.name === binding)?.preset ?? binding;

function trainingFindings(a: Omit<AlternativeResult, "diagnosis">): string[] {
  const t = emptyGpuTime();
  for (const j of a.jobs) addGpuTime(t, j.gpuHoursByCause);
  if (totalGpuTime(t) <= 0) return [];
  let worst = a.jobs[0]!;
  for (const j of a.jobs) if (j.gpuHoursByCause.dataWait > worst.gpuHoursByCause.dataWait) worst = j;
  const withCheckpoints = a.jobs.find((j) => j.checkpointMode !== null);
  const out = diagnose(t, {
    dataStorage: presetOf(a, worst.dataStorage),
    ...(withCheckpoints ? { checkpointMode: withCheckpoints.checkpointMode! } : {}),
    rwoForceDetach: a.jobs.some((j) => j.waitsForRwoDetach),
    failures: a.jobs.reduce((s, j) => s + j.failures, 0),
    ...(a.cluster !== undefined ? { utilisationLabel: "utilisation of the training jobs' GPUs" } : {}),
  });
  const limit = worst.readLimit;
  const waiting = worst.gpuHoursByCause.dataWait / Math.max(1e-12, totalGpuTime(worst.gpuHoursByCause));
  if (limit !== null && waiting >= 0.05) out.push(readLimitFinding(a, worst.name, limit));
  let prep = a.jobs[0]!;
  for (const j of a.jobs) if (j.gpuHoursByCause.dataPrep > prep.gpuHoursByCause.dataPrep) prep = j;
  const prepShare = prep.gpuHoursByCause.dataPrep / Math.max(1e-12, totalGpuTime(prep.gpuHoursByCause));
  if (prep.loaderCpu !== null && prepShare >= 0.05)
    out.push(cpuFinding(a.jobs.length > 1 ? prep.name : undefined, prep.loaderCpu));
  return out;
}

const cores = (n: number): string => `${n.toLocaleString("en-US", { maximumFractionDigits: n < 100 ? 1 : 0 })} cores`;

/** Where the loader's CPU falls short and what to change ("CPU-bound: 8 cores for 8 GPUs × 6 workers"). */
function cpuFinding(job: string | undefined, c: LoaderCpuUse): string {
  const who = job === undefined ? "" : `${job}: `;
  const gpus = `${c.gpusPerNode} GPU${c.gpusPerNode === 1 ? "" : "s"}`;
  const need = `the loader's CPU work needs ${cores(c.coresNeeded)} per node at full speed`;
  if (c.inTrainingProcess) {
    return (
      `${who}CPU-bound: each training process loads its own batches (workers: 0), between steps; ${need}. ` +
      "To change: DataLoader workers (num_workers) to prepare batches while the GPU computes"
    );
  }
  const workers = c.gpusPerNode * c.workersPerGpu;
  const each = `${c.workersPerGpu} worker${c.workersPerGpu === 1 ? "" : "s"}`;
  const head =
    c.coresPerNode === null
      ? `${who}CPU-bound: ${gpus} × ${each} per node`
      : `${who}CPU-bound: ${cores(c.coresPerNode)} for ${gpus} × ${each}`;
  const fix =
    c.coresPerNode !== null && c.coresPerNode < c.coresNeeded
      ? `more cores per node (cluster.cpuCores, or a node type with more), or less CPU per sample (decode on the GPU, e.g. NVIDIA DALI; smaller augmentations)`
      : workers < c.coresNeeded
        ? `more loader workers (${workers} run at once per node, fewer than the cores the work needs), or less CPU per sample`
        : `less CPU per sample or per batch (decode on the GPU, e.g. NVIDIA DALI), or more prefetch to ride out slow batches`;
  return `${head}; ${need}. To change: ${fix}`;
}

const rate = (bps: number) =>
  bps >= 1e9
    ? `${(bps / 1e9).toFixed(2)} GB/s`
    : `${(bps / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB/s`;

/**
 * What limits the most-waiting job's reads and what to change. A backend's aggregate is shared: what full speed
 * needs of it is the sum over every job of the alternative limited by the same constraint.
 */
function readLimitFinding(a: Omit<AlternativeResult, "diagnosis">, name: string, limit: ReadLimit): string {
  const who = a.jobs.length > 1 ? `${name}: ` : "";
  const head = `${who}reads are limited by ${limit.text} for ${pct(limit.share)} of the bytes`;
  if (limit.kind !== "aggregate") {
    const gives =
      limit.givesFraction !== null && limit.givesFraction < 1
        ? `; it gives ${limit.givesFraction.toFixed(2)} of that`
        : "";
    return `${head}; full speed needs ${rate(limit.neededBytesPerSecondPerNode)} per node${gives}. To change: ${limit.fix}`;
  }
  const sharing = a.jobs.filter((j) => j.readLimit?.constraint === limit.constraint);
  const need = sharing.reduce((s, j) => s + j.readLimit!.neededBytesPerSecondPerNode * j.readLimit!.nodes, 0);
  const jobs = sharing.length > 1 ? ` by the ${sharing.length} jobs that share it` : "";
  const gives =
    limit.bytesPerSecond !== null && need > limit.bytesPerSecond
      ? `; it gives ${(limit.bytesPerSecond / need).toFixed(2)} of that`
      : "";
  const fix =
    limit.perTiB !== null
      ? `a file system of at least ${(Math.ceil((need / limit.perTiB) * 10) / 10).toLocaleString("en-US")} TiB (${rate(limit.perTiB)} per TiB)`
      : limit.fix;
  return `${head}; full speed needs ${rate(need)} of it${jobs}${gives}. To change: ${fix}`;
}

/** Cold starts and the share the model load takes of them; GPU time lost to loads and warm idling. */
function servingFindings(w: InferenceResult, storage: string): string[] {
  const out: string[] = [];
  const cold = w.coldStartSeconds;
  const load = w.loadSeconds;
  if (w.coldStarts > 0 && cold.mean > 0) {
    const share = load.mean / cold.mean;
    out.push(
      `${w.name}: ${w.coldStarts} cold starts took ${sec(cold.p50)} at p50 (max ${sec(cold.max)}); the model load from ${storage} ` +
        `is ${pct(share)} of it (p50 ${sec(load.p50)}, max ${sec(load.max)})` +
        (share > 0.5 ? ": cold starts are storage-bound" : ""),
    );
  } else out.push(`${w.name}: no cold start completed`);
  const g = w.gpuHours.byCause;
  const total = totalGpuTime(g);
  if (total > 0) {
    out.push(
      `${w.name}: of the pool's GPU time, ${pct(g.compute / total)} serving, ${pct(g.modelLoad / total)} loading the model, ` +
        `${pct(g.startup / total)} starting, ${pct(g.idleWarm / total)} warm and idle, ${pct(g.unallocated / total)} unallocated`,
    );
  }
  const r = w.requests;
  if (r.waitedForColdStart > 0)
    out.push(`${w.name}: ${num(r.waitedForColdStart)} of ${num(r.served)} served requests waited for a cold start`);
  if (r.unserved > 0)
    out.push(`${w.name}: ${num(r.unserved)} of ${num(r.arrived)} requests had no first token by the end`);
  return out;
}

const num = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** Unallocated GPUs, queueing delay and cross-zone traffic of a cluster design. */
function clusterFindings(a: Omit<AlternativeResult, "diagnosis">): string[] {
  const out: string[] = [];
  const c = a.cluster!;
  const free = a.gpuHours.total > 0 ? a.gpuHours.byCause.unallocated / a.gpuHours.total : 0;
  if (free >= 0.05) out.push(`${pct(free)} of the cluster's GPU time is unallocated (no workload holds it)`);
  const q = c.queueing;
  if (q.jobs > 0 && q.maxHours > 0) {
    out.push(
      `queueing delay over ${q.jobs} jobs: mean ${dur(q.meanHours)}, p95 ${dur(q.p95Hours)}, max ${dur(q.maxHours)}`,
    );
  }
  const crossing = c.workloads.filter((w) => w.crossZone.length > 0);
  if (crossing.length > 0) {
    const gb = c.workloads.reduce((s, w) => s + w.egressBytes, 0) / 1e9;
    out.push(
      `${crossing.length} ${crossing.length === 1 ? "workload reaches" : "workloads reach"} storage across zones (${[...new Set(crossing.flatMap((w) => w.crossZone))].join(", ")}): ` +
        `${gb.toFixed(1)} GB egress, $${a.cost.egressUsd.toFixed(2)}, plus the inter-zone round trip on every request`,
    );
  }
  return out;
}
