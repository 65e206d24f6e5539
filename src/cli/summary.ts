/**
 * The readable summary of a scenario result for a terminal.
 */
import type { DesignResult } from "../scenarios/cluster-result.ts";
import type { InferenceResult } from "../scenarios/inference-result.ts";
import type { ScenarioResult } from "../scenarios/result.ts";

const usd = (x: number): string => `$${x.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number, d = 1): string => x.toLocaleString("en-US", { maximumFractionDigits: d });

export function formatSummary(r: ScenarioResult): string {
  const lines: string[] = [];
  lines.push(
    `${r.scenario}${r.replications > 1 ? ` (mean of ${r.replications} replications from seed ${r.seed})` : ` (seed ${r.seed})`}`,
  );
  if (r.description) lines.push(r.description.trim().split("\n")[0]!);
  lines.push("");
  const training = r.jobs.length > 0;
  if (training) {
    lines.push(
      `GPU time: ${num(r.gpuHours.total)} GPU-hours over ${num(r.wallHours, 2)} h, utilisation ${pct(r.utilisation)}`,
    );
  }
  const total = r.gpuHours.total || 1;
  for (const [cause, hours] of training ? Object.entries(r.gpuHours.byCause) : []) {
    if (cause === "unallocated" && r.cluster === undefined) continue; // only a cluster has GPUs no job holds
    const cost =
      cause === "compute" ? "" : `  ${usd(r.cost.idleUsdByCause[cause as keyof typeof r.cost.idleUsdByCause] ?? 0)}`;
    lines.push(
      `  ${cause.padEnd(15)} ${num(hours, hours < 10 ? 3 : 1).padStart(14)} GPU-h  ${pct(hours / total).padStart(6)}${cost}`,
    );
  }
  lines.push("");
  lines.push(
    `Cost: ${usd(r.cost.totalUsd)} (GPUs ${usd(r.cost.gpuUsd)}, storage ${usd(r.cost.storageUsd)}, egress ${usd(r.cost.egressUsd)}); ` +
      `run rate ${usd(r.cost.perMonthUsd)}/month, ${usd(r.cost.perYearUsd)}/year`,
  );
  lines.push(`Idle GPU time at this run rate costs ${usd(r.cost.idlePerYearUsd)}/year.`);
  if (training) lines.push("", "Jobs:");
  for (const j of r.jobs) {
    lines.push(
      `  ${j.name}: ${j.gpus} GPUs, ${num(j.completionHours, 2)} h, AU ${pct(j.au)}, ${num(j.checkpoints, 0)} checkpoints, ` +
        `${num(j.failures, 1)} failures (${j.fidelity})`,
    );
  }
  if (r.inference !== undefined && r.inference.length > 0) lines.push("", ...formatInference(r.inference));
  if (r.cluster !== undefined) lines.push("", ...formatDesigns(r.cluster.designs));
  if (r.confidence) {
    lines.push("");
    lines.push("95% confidence intervals:");
    for (const [k, v] of Object.entries(r.confidence))
      lines.push(`  ${k}: ${num(v.mean, 3)} [${num(v.low, 3)}, ${num(v.high, 3)}]`);
  }
  lines.push("");
  lines.push("Diagnosis:");
  for (const d of r.diagnosis) lines.push(`  - ${d}`);
  return lines.join("\n");
}

/** The serving workloads: placement, TTFT percentiles, cold starts and GPU-hours by cause. */
function formatInference(workloads: readonly InferenceResult[]): string[] {
  const lines = ["Inference:"];
  for (const w of workloads) {
    const t = w.ttftMs;
    lines.push(
      `  ${w.name}: ${w.model} on ${w.placement} from ${w.storage}; ${num(w.requests.served, 0)} of ${num(w.requests.arrived, 0)} requests served`,
      `    TTFT p50 ${num(t.p50, 0)} ms, p95 ${num(t.p95, 0)} ms, p99 ${num(t.p99, 0)} ms; ${w.coldStarts} cold starts, ` +
        `model load p50 ${num(w.loadSeconds.p50, 2)} s, max ${num(w.loadSeconds.max, 2)} s; replicas peak ${w.replicas.peak}`,
      `    ${num(w.gpuHours.total, 3)} GPU-h: ` +
        Object.entries(w.gpuHours.byCause)
          .map(([c, h]) => `${c} ${pct(w.gpuHours.total > 0 ? h / w.gpuHours.total : 0)}`)
          .join(", ") +
        `; ${usd(w.cost.gpuUsd)}`,
    );
  }
  return lines;
}

/** The designs of a cluster scenario: utilisation, unallocated share, queueing delay and cost of each. */
function formatDesigns(designs: readonly DesignResult[]): string[] {
  const minutes = (h: number): string => (h < 1 ? `${num(60 * h, 1)} min` : `${num(h, 2)} h`);
  const lines = ["Cluster designs:"];
  for (const d of designs) {
    const q = d.queueing;
    const free = d.gpuHours.total > 0 ? d.gpuHours.byCause.unallocated / d.gpuHours.total : 0;
    lines.push(
      `  ${d.name || "cluster"} (${d.scheduler.policy}${d.scheduler.backfill ? " + backfill" : ""}): ${d.gpus} GPUs, ` +
        `${num(d.wallHours, 2)} h, utilisation ${pct(d.utilisation)}, unallocated ${pct(free)}; ` +
        `queueing mean ${minutes(q.meanHours)}, p95 ${minutes(q.p95Hours)}, max ${minutes(q.maxHours)}; ` +
        `${usd(d.cost.totalUsd)} (storage ${usd(d.cost.storageUsd)}, egress ${usd(d.cost.egressUsd)})`,
    );
  }
  return lines;
}
