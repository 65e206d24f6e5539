/**
 * The work a scenario run would take, estimated without simulating it, so the API can refuse runs over a
 * budget and progress bars can weight jobs. One unit is about one µs of one core on the machine the
 * constants were measured on (below); an estimate is meant to be within a factor of about 3.
 *
 * Per job, from the counts a run is expected to have (run-estimate.ts): per-step costs a little per engine
 * event, about 1 µs per sample read from storage (a flow started and completed), and per rate reallocation
 * an amount in proportion to the read flows in flight (ranks × workers); a bulk-advance event reallocates
 * one flow per node, so it costs in proportion to the nodes. A serving workload costs per request (its mean
 * arrival rate × duration) and per autoscaler tick. Replications multiply.
 */
import { AUTOSCALER_TICK_US } from "../models/inference/autoscaler.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import type { TrainingJob } from "../models/training/job.ts";
import { estimateRun } from "../models/training/run-estimate.ts";
import { resolveClusterDesigns } from "./resolve-cluster.ts";
import { resolveScenario } from "./resolve.ts";
import { checkRunLength } from "./run-length.ts";
import { fidelityFor } from "./run-job.ts";
import type { RunOptions } from "./run.ts";
import type { InferenceConfig } from "./schema/inference.ts";
import { expectedRequests } from "./schema/inference-checks.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

/*
 * Cost constants, µs of CPU, measured 2026-11-24 with `npx tsx test/bench/work-estimate.ts` on the project
 * machine (AMD EPYC, 2 cores, Node 20.20): per-step and bulk-advance runs of the bundled scenarios and of
 * larger synthetic jobs (up to 256 GPUs per-step, 8,192 bulk), CPU time against the estimate's counts.
 */
/** A per-step event, µs … */
const PER_STEP_EVENT_US = 0.3;
/** … plus a sample read from storage (a flow started and completed), µs … */
const PER_STEP_READ_US = 1;
/** … plus, per rate reallocation, this per read flow in flight (ranks × workers), µs. */
const PER_STEP_REALLOC_PER_FLOW_US = 0.2;
/** A bulk-advance event: fixed part, µs … */
const BULK_EVENT_US = 5;
/** … plus this per node (one reader flow, one checkpoint write flow per node), µs. */
const BULK_PER_NODE_US = 0.5;
/** Setting up a job (fabric constraints), per node, µs. */
const SETUP_PER_NODE_US = 20;
/**
 * A served request (its arrival, dispatch and completion events; the autoscaler at that instant), µs; measured
 * 2026-12-07 on the same machine: 1.7–1.8 µs of CPU per request at 200–1,000 requests/s on 64 replicas
 * (inference-mig-cold-start's model), 360,000–600,000 requests a run.
 */
const SERVING_REQUEST_US = 2;
/** The autoscaler's tick (every 2 s of serving), µs. */
const SERVING_TICK_US = 2;
/** Setting a serving workload up (its pool, replicas and fabric), µs. */
const SERVING_SETUP_US = 50_000;

/** Estimated work and engine events of one run of `job` at `fidelity`; units ≈ µs of one core. */
export function jobWork(job: TrainingJob, fidelity: "per-step" | "bulk"): { units: number; events: number } {
  const e = estimateRun(job);
  const setup = SETUP_PER_NODE_US * e.nodes;
  if (fidelity === "bulk") {
    const units = setup + e.bulk.events * (BULK_EVENT_US + BULK_PER_NODE_US * e.nodes);
    return { units: Math.ceil(units), events: e.bulk.events };
  }
  const p = e.perStep;
  const flows = job.gpus * Math.max(1, job.data.workers); // workers: 0 reads in the training process
  const units =
    setup +
    p.events * PER_STEP_EVENT_US +
    p.reads * PER_STEP_READ_US +
    p.reallocations * flows * PER_STEP_REALLOC_PER_FLOW_US;
  return { units: Math.ceil(units), events: p.events };
}

/** Estimated work of one run of `job` at `fidelity`, units (≈ µs of one core). */
export const jobWorkUnits = (job: TrainingJob, fidelity: "per-step" | "bulk"): number => jobWork(job, fidelity).units;

/** Estimated work and engine events of one run of serving workload `w`; units ≈ µs of one core. */
export function servingWork(w: InferenceConfig): { units: number; events: number } {
  const requests = expectedRequests(w);
  const ticks = w.duration / AUTOSCALER_TICK_US;
  return {
    units: Math.ceil(SERVING_SETUP_US + requests * SERVING_REQUEST_US + ticks * SERVING_TICK_US),
    events: Math.ceil(3 * requests + ticks),
  };
}

/** The work estimate of a scenario run. */
export interface ScenarioWork {
  /** All jobs and serving workloads, all replications, units (≈ µs of one core on the reference machine). */
  units: number;
  /** Each job's fidelity (as the run would pick it), units and expected engine events, all replications. */
  perJob: { name: string; fidelity: "per-step" | "bulk"; units: number; events: number }[];
  /** Each serving workload's units and expected engine events, all replications (per design on a cluster). */
  perWorkload: { name: string; units: number; events: number }[];
}

/**
 * Estimates the work of `runScenario(config, opts)` without simulating: the jobs' fidelities as the run would
 * pick them (`opts.fidelity`, else the scenario's), times `opts.replications`. With an explicit cluster: every
 * design's jobs (arrivals drawn at the run's seed) at the design's fidelity, named `DESIGN/JOB` with designs;
 * jobs sharing the cluster are counted as if alone (their flows in flight together make per-step
 * reallocations dearer: an underestimate there).
 * @throws RangeError as `resolveScenario` does (provisioning beyond a preset, a profile file not loaded), or
 *   on a bad replication count.
 */
export function estimateScenarioWork(config: ScenarioConfig, opts: RunOptions = {}): ScenarioWork {
  const replications = opts.replications ?? 1;
  if (!(Number.isInteger(replications) && replications >= 1))
    throw new RangeError(`invalid replications: ${replications}`);
  // A profile with calibration passes runs the scenario once more per pass (runScenario).
  const passes = calibrationPassCount(opts.profiles);
  const k = replications + (passes >= 2 ? passes : 0);
  const wanted = opts.fidelity ?? config.fidelity;
  if (config.cluster.pools !== undefined) {
    const designs = resolveClusterDesigns(config, opts.seed ?? config.seed, wanted, opts.profiles);
    for (const d of designs)
      checkRunLength(
        config,
        d.jobs.map(({ job }) => job),
      );
    const named = (d: { name: string }, name: string) => (config.designs === undefined ? name : `${d.name}/${name}`);
    const perJob = designs.flatMap((d) =>
      d.jobs.map(({ job }) => {
        const w = jobWork(job, d.fidelity);
        return { name: named(d, job.name), fidelity: d.fidelity, units: k * w.units, events: k * w.events };
      }),
    );
    const perWorkload = designs.flatMap((d) =>
      config.inference.map((wl) => {
        const w = servingWork(wl);
        return { name: named(d, wl.name), units: k * w.units, events: k * w.events };
      }),
    );
    return { units: total(perJob) + total(perWorkload), perJob, perWorkload };
  }
  const resolved = resolveScenario(config, opts.profiles);
  checkRunLength(config, resolved.jobs);
  const perJob = resolved.jobs.map((job) => {
    const fidelity = fidelityFor(job, wanted);
    const w = jobWork(job, fidelity);
    return { name: job.name, fidelity, units: k * w.units, events: k * w.events };
  });
  const perWorkload = config.inference.map((wl) => {
    const w = servingWork(wl);
    return { name: wl.name, units: k * w.units, events: k * w.events };
  });
  return { units: total(perJob) + total(perWorkload), perJob, perWorkload };
}

const total = (xs: readonly { units: number }[]): number => xs.reduce((a, x) => a + x.units, 0);

/** How many calibration passes the loaded profiles carry (the fewest among those that have them; 0 if none). */
export function calibrationPassCount(profiles: ReadonlyMap<string, StorageProfile> | undefined): number {
  const counts = [...(profiles?.values() ?? [])].flatMap((p) =>
    p.calibrationPasses === undefined ? [] : [p.calibrationPasses.length],
  );
  return counts.length === 0 ? 0 : Math.min(...counts);
}
