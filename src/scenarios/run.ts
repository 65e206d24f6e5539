/**
 * The runner: a validated scenario → engine runs → one result document (the JSON `stallsim run --json`
 * prints). Without an explicit cluster each job runs on its own engine, fluid network and storage fabric
 * (jobs do not contend: each is a design compared side by side); with `cluster.pools` the jobs share one
 * cluster per design (run-cluster.ts). With replications, every number is the
 * mean over seeds `seed … seed + K − 1` and `confidence` gives 95% intervals (Student t); the timeline is
 * the first replication's (timeline.ts).
 *
 * Progress: `onProgress(done, total)` with `total = jobs × replications × 1000` units (progress.ts); within
 * a job, units follow the fraction of its steps done (the highest so far: a failure rolls steps back), at
 * most about 100 calls per job. `done` never decreases and ends at `total`.
 */
import { gpuHours } from "../models/cost/finance.ts";
import { runCost, type RunCost } from "../models/cost/run-cost.ts";
import { runRates } from "../models/cost/billing-period.ts";
import { HOURS_PER_MONTH, storageMonthlyUsd } from "../models/cost/storage-cost.ts";
import { diagnose } from "../models/diagnosis.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import { CAUSES, emptyGpuTime, type GpuTime } from "../models/training/gpu-time.ts";
import type { TrainingOutcome } from "../models/training/outcome.ts";
import { holdsRwoAttachment } from "../models/training/policy.ts";
import { US_PER_HOUR } from "../sim/time.ts";
import { fidelityFor, runJob } from "./run-job.ts";
import { crossZoneFraction, resolveScenario, type ResolvedScenario } from "./resolve.ts";
import type { JobResult, ScenarioResult, StorageResult } from "./result.ts";
import { progressReporter, type JobProgress } from "./progress.ts";
import { aggregateReplications } from "./replications.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";
import { runClusterScenario } from "./run-cluster.ts";
import { withInference } from "./run-inference.ts";
import { scenarioTimeline } from "./timeline.ts";
import { jobWorkUnits } from "./work.ts";

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
   * Progress for progress bars: `done` of `total` units, `total = jobs × replications × 1000`; monotone, at
   * most about 100 calls per job, the last one `(total, total)`.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

function byCauseHours(t: GpuTime): Record<(typeof CAUSES)[number], number> {
  return Object.fromEntries(CAUSES.map((c) => [c, gpuHours(t[c])])) as Record<(typeof CAUSES)[number], number>;
}

function oneReplication(
  s: ScenarioConfig,
  r: ResolvedScenario,
  seed: number,
  opts: RunOptions,
  progress: JobProgress,
): ScenarioResult {
  const wanted = opts.fidelity ?? s.fidelity;
  const total = emptyGpuTime();
  const jobs: JobResult[] = [];
  const costs: RunCost[] = [];
  const outcomes: TrainingOutcome[] = [];
  let wallUs = 0;
  r.jobs.forEach((job, i) => {
    const fidelity = fidelityFor(job, wanted);
    const o = runJob(job, fidelity, seed, opts.onProgress ? { onProgress: (f) => progress(i, f) } : {});
    progress(i, 1);
    outcomes.push(o);
    for (const c of CAUSES) total[c] += o.gpuTime[c];
    wallUs = Math.max(wallUs, o.wallUs);
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
    const egressUsdPerGb = egressBytes > 0 ? (egressUsd * 1e9) / egressBytes : 0;
    const cost = runCost({
      wallUs: o.wallUs,
      gpus: o.gpus,
      gpuUsdPerHour: r.gpuUsdPerHour,
      gpuTime: o.gpuTime,
      storage: [],
      egressBytes,
      egressUsdPerGb,
    });
    costs.push(cost);
    jobs.push({
      name: o.name,
      gpus: o.gpus,
      fidelity,
      steps: o.steps,
      stepsComputed: o.stepsComputed,
      completionHours: o.wallUs / US_PER_HOUR,
      au: o.au,
      utilisation: o.gpuTime.compute / (o.gpus * o.wallUs),
      checkpoints: o.checkpoints,
      failures: o.failures,
      checkpointIntervalHours: o.checkpointIntervalUs === undefined ? null : o.checkpointIntervalUs / US_PER_HOUR,
      gpuHoursByCause: byCauseHours(o.gpuTime),
      bytesRead: o.bytesRead,
      bytesWritten: o.bytesWritten,
      costUsd: cost.totalUsd,
    });
  });
  const wallHours = wallUs / US_PER_HOUR;
  const storageUsdByBinding: Record<string, number> = {};
  const storage: StorageResult[] = [];
  let storageMonthly = 0;
  for (const st of r.storage.values()) {
    const monthly = storageMonthlyUsd(st.profile, {
      capacityBytes: st.capacityBytes,
      volumes: st.volumes,
      iops: st.iops,
      bytesPerSecond: st.bytesPerSecond,
    }).totalUsd;
    storageMonthly += monthly;
    storageUsdByBinding[st.name] = (monthly * wallHours) / HOURS_PER_MONTH;
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    storage.push({
      name: st.name,
      preset: st.preset,
      capacityBytes: st.capacityBytes,
      volumes: st.volumes,
      iops: finite(st.iops),
      bytesPerSecond: finite(st.bytesPerSecond),
      monthlyUsd: monthly,
      adjustments: [...st.adjustments],
    });
  }
  const storageUsd = (storageMonthly * wallHours) / HOURS_PER_MONTH;
  const sum = (f: (c: RunCost) => number): number => costs.reduce((a, c) => a + f(c), 0);
  const gpuUsd = sum((c) => c.gpuUsd);
  const egressUsd = sum((c) => c.egressUsd);
  const totalUsd = gpuUsd + storageUsd + egressUsd;
  const idleUsdByCause = Object.fromEntries(
    (["dataWait", "checkpointWait", "recovery", "lostWork", "idle"] as const).map((k) => [
      k,
      sum((c) => c.idleUsdByCause[k]),
    ]),
  ) as ScenarioResult["cost"]["idleUsdByCause"];
  const idleUsd = Object.values(idleUsdByCause).reduce((a, b) => a + b, 0);
  const totalGpuHours = CAUSES.reduce((a, c) => a + gpuHours(total[c]), 0);
  let worst = 0;
  jobs.forEach((j, i) => {
    if (j.gpuHoursByCause.dataWait > jobs[worst]!.gpuHoursByCause.dataWait) worst = i;
  });
  return {
    scenario: s.name,
    description: s.description,
    seed,
    replications: 1,
    wallHours,
    gpuHours: { total: totalGpuHours, byCause: byCauseHours(total) },
    utilisation: totalGpuHours > 0 ? gpuHours(total.compute) / totalGpuHours : 0,
    cost: {
      totalUsd,
      gpuUsd,
      storageUsd,
      egressUsd,
      idleUsdByCause,
      storageUsdByBinding,
      ...runRates(totalUsd, idleUsd, wallHours),
    },
    jobs,
    storage,
    diagnosis: [
      ...diagnose(total, {
        dataStorage: r.jobs.length === 0 ? undefined : r.storage.get(r.uses.get(r.jobs[worst]!.name)!.data)!.preset,
        checkpointMode: r.jobs.find((j) => j.checkpoint)?.checkpoint?.mode,
        rwoForceDetach: r.jobs.some(
          (j) =>
            j.failures !== undefined &&
            !j.failures.outOfServiceTaint &&
            (holdsRwoAttachment(j.dataStorage) ||
              (j.checkpoint !== undefined && holdsRwoAttachment(j.checkpoint.storage))),
        ),
        failures: jobs.reduce((a, j) => a + j.failures, 0),
      }),
      ...storage.flatMap((st) => st.adjustments.map((a) => `provisioning adjusted: ${a}`)),
    ],
    timeline: scenarioTimeline(
      outcomes.map((outcome) => ({ outcome, ...r.uses.get(outcome.name)! })),
      storage.map((st) => st.name),
      wallUs,
    ),
  };
}

/**
 * Runs a validated scenario.
 * @throws RangeError when provisioning exceeds what a preset allows.
 */
export function runScenario(s: ScenarioConfig, opts: RunOptions = {}): ScenarioResult {
  // An explicit cluster: every design's workloads share one engine, network and fabric (run-cluster.ts).
  if (s.cluster.pools !== undefined) return runClusterScenario(s, opts.seed ?? s.seed, opts.replications ?? 1, opts);
  const resolved = resolveScenario(s, opts.profiles);
  const k = opts.replications ?? 1;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`invalid replications: ${k}`);
  const base = opts.seed ?? s.seed;
  const wanted = opts.fidelity ?? s.fidelity;
  const weights = opts.onProgress ? resolved.jobs.map((j) => Math.max(1, jobWorkUnits(j, fidelityFor(j, wanted)))) : [];
  const progress = progressReporter(weights, k, opts.onProgress);
  const runs: ScenarioResult[] = [];
  for (let i = 0; i < k; i++) {
    runs.push(withInference(oneReplication(s, resolved, base + i, opts, progress(i)), s, resolved, base + i));
  }
  return k === 1 ? runs[0]! : aggregateReplications(runs);
}
