/**
 * The readable summary of a scenario result for a terminal: the warnings, how the alternatives compare (one
 * row each, never a sum), then each alternative's GPU time by cause, cost to finish, run rate (stated as "if it
 * ran like this"), its jobs with their cost, serving workloads, cluster detail and diagnosis. Every number is
 * the result's; nothing is computed here but formatting.
 */
import { CAUSES, CAUSE_INFO } from "../models/gpu-time.ts";
import { formatPath } from "../scenarios/errors.ts";
import type {
  AlternativeResult,
  ClusterDetail,
  InferenceResult,
  Interval,
  ScenarioResult,
} from "../scenarios/result/index.ts";

const num = (x: number, d = 1): string => x.toLocaleString("en-US", { maximumFractionDigits: d });
const usd = (x: number): string => `$${x.toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) < 10 ? 2 : 0 })}`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const hours = (h: number): string => (h < 1 ? `${num(60 * h, 1)} min` : `${num(h, 2)} h`);
/** A latency in ms, in seconds once it reaches 10 s. */
export const latency = (ms: number): string => (ms >= 10_000 ? `${num(ms / 1e3, 1)} s` : `${num(ms, 0)} ms`);
const ci = (i: Interval | undefined, f: (x: number) => string): string =>
  i === undefined ? "" : ` (95% CI ${f(i.low)}–${f(i.high)})`;

export function formatSummary(r: ScenarioResult): string {
  const lines: string[] = [];
  lines.push(
    `${r.scenario}${r.replications > 1 ? ` (mean of ${r.replications} replications from seed ${r.seed})` : ` (seed ${r.seed})`}`,
  );
  if (r.description) lines.push(r.description.trim().split("\n")[0]!);
  if (r.warnings.length > 0) {
    lines.push("", `Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(`  ${formatPath(w.path)}: ${w.message}`);
  }
  if (r.alternatives.length > 1) lines.push("", ...comparison(r));
  for (const a of r.alternatives) lines.push("", ...alternative(a, r.alternatives.length > 1));
  lines.push("", "Definitions:", `  utilisation: ${r.definitions.utilisation}`, `  cost: ${r.definitions.cost}`);
  lines.push(`  run rate: ${r.definitions.runRate}`);
  if (r.definitions.interval) lines.push(`  intervals: ${r.definitions.interval}`);
  return lines.join("\n");
}

/** The alternatives side by side and the verdict. */
function comparison(r: ScenarioResult): string[] {
  const what =
    r.comparison.basis === "designs"
      ? `${r.alternatives.length} designs, each on its own copy of the cluster`
      : `${r.alternatives.length} workloads, each run alone on its own nodes and storage`;
  const rows = r.alternatives.map((a) => [
    a.name,
    pct(a.utilisation),
    num(a.gpuHours.total, a.gpuHours.total < 10 ? 2 : 0),
    hours(a.wallHours),
    usd(a.cost.totalUsd),
    usd(a.cost.runRate.perMonthUsd),
    usd(a.cost.runRate.idlePerYearUsd),
  ]);
  const head = ["", "utilisation", "GPU-h", "wall", "cost to finish", "run rate/month", "idle $/year"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (cells: string[]) =>
    "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    `Compared side by side (${what}; never added):`,
    fmt(head),
    ...rows.map(fmt),
    `  run rate and idle $/year: if it ran like this all month / all year`,
    ...(r.comparison.verdict ? [`Verdict: ${r.comparison.verdict}`] : []),
  ];
}

function alternative(a: AlternativeResult, several: boolean): string[] {
  const lines: string[] = [];
  const kind = a.kind === "cluster" ? "cluster design" : a.kind === "serving" ? "serving workload" : "training job";
  if (several) lines.push(`== ${a.name} (${kind}, ${num(a.gpus, 2)} GPU${a.gpus === 1 ? "" : "s"}) ==`);
  if (a.description) lines.push(a.description);
  lines.push(
    `GPU time: ${num(a.gpuHours.total, a.gpuHours.total < 10 ? 3 : 1)} GPU-hours over ${hours(a.wallHours)}, utilisation ${pct(a.utilisation)}` +
      ci(a.confidence?.utilisation, pct),
  );
  const total = a.gpuHours.total || 1;
  for (const c of CAUSES) {
    const h = a.gpuHours.byCause[c];
    if (c !== "compute" && !(h > 0)) continue;
    const cost = c === "compute" ? "" : `  ${usd(a.cost.gpuUsdByCause[c])}`;
    lines.push(
      `  ${CAUSE_INFO[c].label.padEnd(18)} ${num(h, h < 10 ? 3 : 1).padStart(14)} GPU-h  ${pct(h / total).padStart(6)}${cost}`,
    );
  }
  const co = a.cost;
  lines.push(
    `Cost to finish: ${usd(co.totalUsd)}${ci(a.confidence?.totalUsd, usd)} (GPUs ${usd(co.gpuUsd)}, storage ${usd(co.storageUsd)}, egress ${usd(co.egressUsd)}); ` +
      `idle GPU time ${usd(co.idleUsd)}`,
  );
  lines.push(
    `If it ran like this all year: ${usd(co.runRate.perMonthUsd)}/month, ${usd(co.runRate.perYearUsd)}/year, ` +
      `of which idle GPU time ${usd(co.runRate.idlePerMonthUsd)}/month, ${usd(co.runRate.idlePerYearUsd)}/year`,
  );
  const own = co.owned;
  const idleShare = total > 0 ? 1 - a.gpuHours.byCause.compute / total : 0;
  lines.push(
    `Owned instead (${usd(own.capexUsdPerGpu)} per GPU over ${num(own.lifeYears, 1)} years = ${usd(own.usdPerGpuHour)}/GPU-h): ` +
      `${pct(idleShare)} idle wastes ${usd(own.idlePerYearUsd / Math.max(1, a.gpus))} per GPU-year, ` +
      `${usd(own.idlePerYearUsd)}/year for ${num(a.gpus, 0)} GPUs (gpuCapex, gpuLifeYears in the scenario)`,
  );
  if (a.jobs.length > 0) {
    lines.push("Jobs:");
    for (const j of a.jobs) {
      lines.push(
        `  ${j.name}: ${num(j.gpus, 0)} GPUs, ${hours(j.completionHours)}${ci(j.confidence?.completionHours, hours)}, ` +
          `AU ${pct(j.au)}, utilisation ${pct(j.utilisation)}, ${usd(j.costUsd)}, ${num(j.checkpoints, 0)} checkpoints, ` +
          `${num(j.failures, 1)} failures${ci(j.confidence?.failures, (x) => num(x, 1))} (${j.fidelity})`,
      );
      const cp = j.calibrationPasses;
      if (cp !== undefined)
        lines.push(
          `    AU ${pct(cp.au.low)}–${pct(cp.au.high)} with each of the ${cp.passes} calibration passes of its storage profile ` +
            "(the volume's drift between passes; calibration/README.md)",
        );
    }
  }
  if (a.inference.length > 0) lines.push(...inference(a.inference));
  if (a.cluster !== undefined) lines.push(...cluster(a.cluster));
  lines.push("Diagnosis:", ...a.diagnosis.map((d) => `  - ${d}`));
  return lines;
}

/** The serving workloads: placement, TTFT percentiles, cold starts and loads. */
function inference(workloads: readonly InferenceResult[]): string[] {
  const lines = ["Serving:"];
  for (const w of workloads) {
    const t = w.ttftMs;
    lines.push(
      `  ${w.name}: ${w.model} on ${w.placement} from ${w.storage}; ${num(w.requests.served, 0)} of ${num(w.requests.arrived, 0)} requests served`,
      `    TTFT p50 ${latency(t.p50)}, p95 ${latency(t.p95)}, p99 ${latency(t.p99)}; ${num(w.coldStarts, 1)} cold starts, ` +
        `model load p50 ${num(w.loadSeconds.p50, 2)} s, max ${num(w.loadSeconds.max, 2)} s; replicas peak ${num(w.replicas.peak, 1)}; ` +
        `${usd(w.cost.gpuUsd)} of GPUs`,
    );
  }
  return lines;
}

/** A cluster design's scheduler and queueing. */
function cluster(c: ClusterDetail): string[] {
  const q = c.queueing;
  return [
    `Cluster: ${c.scheduler.policy}${c.scheduler.backfill ? " + backfill" : ""}, ${c.fidelity}; ` +
      `queueing over ${q.jobs} jobs: mean ${hours(q.meanHours)}, p95 ${hours(q.p95Hours)}, max ${hours(q.maxHours)}`,
  ];
}
