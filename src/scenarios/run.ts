/**
 * The runner: a validated scenario → engine runs → one result document (the JSON `stallsim run --json`
 * prints, built by result/). Without an explicit cluster every training job and every serving workload runs
 * alone — its own engine, fluid network and storage fabric, its own copy of the storage — so each is an
 * alternative reported on its own; with `cluster.pools` each design is an alternative whose workloads share
 * one cluster (run-cluster.ts). With replications, each alternative is the mean over seeds
 * `seed … seed + K − 1` with 95% intervals (result/replications.ts); timelines are the first replication's.
 *
 * Progress: `onProgress(done, total)` with `total = workloads × replications × 1000` units (progress.ts);
 * within a job, units follow the fraction of its steps done (the highest so far: a failure rolls steps back),
 * at most about 100 calls per job. `done` never decreases and ends at `total`.
 */
import { HOURS_PER_MONTH, storageMonthlyUsd } from "../models/cost/storage-cost.ts";
import { volumeScope } from "../models/cluster/binding-zones.ts";
import { simulateServing } from "../models/inference/simulate.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import type { TrainingJob } from "../models/training/job.ts";
import { holdsRwoAttachment } from "../models/training/policy.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import { progressReporter, type JobProgress } from "./progress.ts";
import { crossZoneFraction, resolveScenario, type ResolvedScenario } from "./resolve.ts";
import { resolveInference, type ResolvedInference } from "./resolve-inference.ts";
import { finishAlternative, priced } from "./result/alternative.ts";
import { scenarioResult } from "./result/document.ts";
import { hoursByCause, jobResult } from "./result/job.ts";
import { servingResult } from "./result/serving.ts";
import { alternativeTimeline } from "./result/timeline.ts";
import type { AlternativeResult, ScenarioResult, StorageResult } from "./result/types.ts";
import { fidelityFor, runJob } from "./run-job.ts";
import { runClusterScenario } from "./run-cluster.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { scenarioWarnings } from "./warnings.ts";
import { calibrationPassCount, jobWorkUnits } from "./work.ts";
import { checkRunLength, clockOverflowAsScenarioError } from "./run-length.ts";

export { fidelityFor, PER_STEP_BUDGET, runJob, simulateJob, type JobRun, type JobRunOptions } from "./run-job.ts";

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Independent runs with consecutive seeds (default 1). */
  readonly replications?: number;
  /** Overrides the scenario's fidelity. */
  readonly fidelity?: "auto" | "per-step" | "bulk";
  /** Profiles loaded from the files the storage bindings name, keyed by path as written. */
  readonly profiles?: ReadonlyMap<string, StorageProfile>;
  /**
   * Progress for progress bars: `done` of `total` units, `total = workloads × replications × 1000`; monotone, at
   * most about 100 calls per job, the last one `(total, total)`.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

const hours = (us: number) => us / US_PER_HOUR;

/** The bindings `names` as provisioned for one alternative, billed for `wallHours`. */
function storageOf(r: ResolvedScenario, names: readonly string[], wallHours: number): StorageResult[] {
  return [...new Set(names)].map((name) => {
    const st = r.storage.get(name)!;
    const monthlyUsd = storageMonthlyUsd(st.profile, {
      capacityBytes: st.capacityBytes,
      volumes: st.volumes,
      iops: st.iops,
      bytesPerSecond: st.bytesPerSecond,
    }).totalUsd;
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    return {
      name,
      preset: st.preset,
      scope: volumeScope(st.profile),
      zone: null,
      capacityBytes: st.capacityBytes,
      volumes: st.volumes,
      iops: finite(st.iops),
      bytesPerSecond: finite(st.bytesPerSecond),
      monthlyUsd,
      usd: (monthlyUsd * wallHours) / HOURS_PER_MONTH,
      adjustments: [...st.adjustments],
    };
  });
}

/** One training job run alone at `seed`: its alternative. */
function jobAlternative(
  r: ResolvedScenario,
  job: TrainingJob,
  fidelity: "per-step" | "bulk",
  seed: number,
  progress: (fraction: number) => void,
  reportProgress: boolean,
): AlternativeResult {
  const o = runJob(job, fidelity, seed, reportProgress ? { onProgress: progress } : {});
  progress(1);
  const use = r.uses.get(job.name)!;
  const data = r.storage.get(use.data)!;
  const ck = use.checkpoint === undefined ? undefined : r.storage.get(use.checkpoint)!;
  const nodes = Math.ceil(job.gpus / job.gpusPerNode);
  const fData = crossZoneFraction(data, nodes, r.zones);
  const fCk = ck === undefined ? 0 : crossZoneFraction(ck, nodes, r.zones);
  const egressBytes = o.bytesRead * fData + o.bytesWritten * fCk;
  const egressUsd =
    (o.bytesRead * fData * data.profile.price.egressPerGb +
      o.bytesWritten * fCk * (ck?.profile.price.egressPerGb ?? 0)) /
    1e9;
  const result = jobResult(o, {
    fidelity,
    job,
    dataPreset: data.preset,
    gpuUsdPerHour: r.gpuUsdPerHour,
    dataStorage: use.data,
    checkpointStorage: use.checkpoint,
    checkpointMode: job.checkpoint?.mode,
    waitsForRwoDetach:
      job.failures !== undefined &&
      !job.failures.outOfServiceTaint &&
      (holdsRwoAttachment(job.dataStorage) ||
        (job.checkpoint !== undefined && holdsRwoAttachment(job.checkpoint.storage))),
    egressBytes,
    egressUsd,
  });
  const wallHours = hours(o.wallUs);
  const bindings = [use.data, ...(use.checkpoint === undefined ? [] : [use.checkpoint])];
  const storage = storageOf(r, bindings, wallHours);
  return finishAlternative({
    name: job.name,
    kind: "job",
    description: "",
    gpus: job.gpus,
    wallHours,
    gpuHoursByCause: result.gpuHoursByCause,
    gpuUsdByCause: priced(result.gpuHoursByCause, r.gpuUsdPerHour),
    storage,
    egressUsd,
    jobs: [result],
    inference: [],
    owned: { capexUsdPerGpu: r.gpuCapexUsd, lifeYears: r.gpuLifeYears },
    timeline: alternativeTimeline(
      [{ name: job.name, timeline: o.timeline, reads: use.data, writes: use.checkpoint }],
      storage.map((st) => st.name),
      o.wallUs,
    ),
  });
}

/** Serving workload `i` run alone at `seed`: its alternative. */
function servingAlternative(r: ResolvedScenario, ri: ResolvedInference, i: number, seed: number): AlternativeResult {
  const w = ri.workloads[i]!;
  const binding = ri.bindings[i]!;
  const o = simulateServing([w], ri.fabric, seed).outcomes[0]!;
  const st = r.storage.get(binding)!;
  const egressUsd =
    (o.bytesFromStorage * crossZoneFraction(st, w.pool.nodes, r.zones) * st.profile.price.egressPerGb) / 1e9;
  const result = servingResult(w, o, binding, ri.gpuUsdPerHour[i]!, egressUsd);
  const wallHours = hours(o.durationUs);
  const storage = storageOf(r, [binding], wallHours);
  return finishAlternative({
    name: w.name,
    kind: "serving",
    description: "",
    gpus: o.gpus,
    wallHours,
    gpuHoursByCause: hoursByCause(o.gpuTime),
    gpuUsdByCause: result.cost.gpuUsdByCause,
    storage,
    egressUsd,
    jobs: [],
    inference: [result],
    owned: { capexUsdPerGpu: ri.gpuCapexUsd[i]!, lifeYears: r.gpuLifeYears },
    timeline: alternativeTimeline(
      [{ name: w.name, timeline: o.timeline, reads: binding, writes: undefined }],
      [binding],
      o.durationUs,
    ),
  });
}

/**
 * Runs a validated scenario. When a profile it loads carries calibration passes (`stallsim calibrate --run`), the
 * scenario also runs once per pass with each profile replaced by that pass's (the first replication's seed), and
 * each job's `calibrationPasses` gives the AU range those runs span.
 * @throws RangeError when provisioning exceeds what a preset allows.
 */
export function runScenario(s: ScenarioConfig, opts: RunOptions = {}): ScenarioResult {
  const result = runScenarioOnce(s, opts);
  const passes = calibrationPassCount(opts.profiles);
  if (passes < 2) return result;
  const au = new Map<string, number[]>();
  for (let p = 0; p < passes; p++) {
    const profiles = new Map([...opts.profiles!].map(([k, v]) => [k, v.calibrationPasses?.[p] ?? v]));
    const r = runScenarioOnce(s, { ...opts, profiles, replications: 1, onProgress: undefined });
    for (const a of r.alternatives)
      for (const j of a.jobs) au.set(`${a.name}\u0000${j.name}`, [...(au.get(`${a.name}\u0000${j.name}`) ?? []), j.au]);
  }
  for (const a of result.alternatives)
    for (const j of a.jobs) {
      const xs = au.get(`${a.name}\u0000${j.name}`);
      if (xs === undefined || xs.length !== passes) continue;
      j.calibrationPasses = { passes, au: { low: Math.min(...xs), high: Math.max(...xs) } };
    }
  return result;
}

function runScenarioOnce(s: ScenarioConfig, opts: RunOptions): ScenarioResult {
  // An explicit cluster: every design's workloads share one engine, network and fabric (run-cluster.ts).
  if (s.cluster.pools !== undefined) return runClusterScenario(s, opts.seed ?? s.seed, opts.replications ?? 1, opts);
  const k = opts.replications ?? 1;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`invalid replications: ${k}`);
  // Each alternative is resolved on its own (its storage provisioned for it alone), so it is exactly what the
  // scenario with only that job or workload would give.
  const jobs = s.jobs.map((j) => resolveScenario({ ...s, jobs: [j], inference: [] }, opts.profiles));
  const serving = s.inference.map((w) => {
    const r = resolveScenario({ ...s, jobs: [], inference: [w] }, opts.profiles);
    return { r, ri: resolveInference({ ...s, jobs: [], inference: [w] }, r) };
  });
  checkRunLength(
    s,
    jobs.map((r) => r.jobs[0]!),
  );
  const base = opts.seed ?? s.seed;
  const wanted = opts.fidelity ?? s.fidelity;
  const fidelities = jobs.map((r) => fidelityFor(r.jobs[0]!, wanted));
  const weights = opts.onProgress
    ? [...jobs.map((r, i) => Math.max(1, jobWorkUnits(r.jobs[0]!, fidelities[i]!))), ...serving.map(() => 1)]
    : [];
  const progress = progressReporter(weights, k, opts.onProgress);
  const runs: AlternativeResult[][] = [];
  for (let rep = 0; rep < k; rep++) {
    const report: JobProgress = progress(rep);
    const seed = base + rep;
    const alternatives = jobs.map((r, i) => {
      try {
        return jobAlternative(r, r.jobs[0]!, fidelities[i]!, seed, (f) => report(i, f), opts.onProgress !== undefined);
      } catch (e) {
        throw clockOverflowAsScenarioError(e, s, r.jobs[0]!.name);
      }
    });
    serving.forEach(({ r, ri }, i) => {
      alternatives.push(servingAlternative(r, ri, 0, seed));
      report(jobs.length + i, 1);
    });
    runs.push(alternatives);
  }
  return scenarioResult(s, base, runs, "workloads", scenarioWarnings(s, resolveScenario(s, opts.profiles)));
}
