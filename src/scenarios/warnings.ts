/**
 * Settings that are valid but almost surely not what was meant — a checkpoint interval shorter than writing
 * the checkpoint can take, a sample of a few bytes, a dataset smaller than one step's batch, a run that would
 * take hundreds of thousands of checkpoints. Each is a warning with the field's path, what the number means and
 * what to write instead; the run goes ahead (the numbers are the model's), and the CLI, the API and the UI show
 * the warnings beside the result. `npx stallsim run … --json` carries them in `warnings`.
 *
 * Pre-run checks read the validated scenario (and, without a cluster, its resolved storage); post-run checks
 * (`resultWarnings`) read what the run produced.
 */
import { US_PER_HOUR } from "../sim/time.ts";
import type { StorageProfile } from "../models/storage/profile.ts";
import { resolveScenario, type ResolvedScenario } from "./resolve.ts";
import type { AlternativeResult, ResultWarning } from "./result/types.ts";
import type { ScenarioConfig } from "./schema/scenario.ts";

/** Samples smaller than this are almost surely a missing unit. */
export const TINY_SAMPLE_BYTES = 1024;
/** More checkpoints than this in one job is almost surely a missing unit on the interval. */
export const MANY_CHECKPOINTS = 10_000;
/** A step longer than this (without a unit: seconds) is almost surely a missing `ms`. */
export const LONG_STEP_US = 10 * 60 * 1e6;

const num = (x: number, d = 1) => x.toLocaleString("en-US", { maximumFractionDigits: d });
const bytes = (b: number) =>
  b >= 1e12
    ? `${num(b / 1e12, 2)} TB`
    : b >= 1e9
      ? `${num(b / 1e9)} GB`
      : b >= 1e6
        ? `${num(b / 1e6)} MB`
        : `${num(b, 0)} bytes`;
const dur = (us: number) =>
  us >= US_PER_HOUR ? `${num(us / US_PER_HOUR, 2)} h` : us >= 60e6 ? `${num(us / 60e6)} min` : `${num(us / 1e6, 3)} s`;

/** Warnings about a scenario before it runs: resolved as the run will (its storage) when it has no cluster. */
export function preRunWarnings(
  s: ScenarioConfig,
  profiles: ReadonlyMap<string, StorageProfile> = new Map(),
): ResultWarning[] {
  return scenarioWarnings(s, s.cluster.pools === undefined ? resolveScenario(s, profiles) : undefined);
}

/** Warnings about the scenario as written. */
export function scenarioWarnings(s: ScenarioConfig, r?: ResolvedScenario): ResultWarning[] {
  const out: ResultWarning[] = [];
  s.jobs.forEach((j, i) => {
    const at = (...p: (string | number)[]) => ["jobs", i, ...p];
    if (j.data.sampleSize < TINY_SAMPLE_BYTES) {
      out.push({
        code: "tiny-sample",
        path: at("data", "sampleSize"),
        message: `${num(j.data.sampleSize, 0)} bytes per sample: a number without a unit is bytes; write a unit (e.g. "${j.data.sampleSize}KB" or "${j.data.sampleSize}MB")`,
      });
    }
    if (j.compute.stepTime > LONG_STEP_US) {
      out.push({
        code: "long-step",
        path: at("compute", "stepTime"),
        message: `a step of ${dur(j.compute.stepTime)}: a number without a unit is seconds; write a unit (e.g. "${j.compute.stepTime / 1e6}ms")`,
      });
    }
    const batch = j.gpus * j.data.samplesPerStep * j.data.sampleSize;
    if (j.data.datasetSize < batch) {
      out.push({
        code: "dataset-smaller-than-batch",
        path: at("data", "datasetSize"),
        message: `the dataset (${bytes(j.data.datasetSize)}) is smaller than one step's batch over all GPUs (${bytes(batch)}): every step reads it more than once`,
      });
    }
    const ck = j.checkpoint;
    if (ck === undefined || typeof ck.interval !== "number") return;
    const interval: number = ck.interval;
    const computeUs = j.steps !== undefined ? j.steps * j.compute.stepTime : j.duration!;
    if (computeUs / interval > MANY_CHECKPOINTS) {
      out.push({
        code: "many-checkpoints",
        path: at("checkpoint", "interval"),
        message:
          `a checkpoint every ${dur(interval)} over ${dur(computeUs)} of compute is ${num(computeUs / interval, 0)} ` +
          `checkpoints (more than ${num(MANY_CHECKPOINTS, 0)}): ` +
          (interval < 3600e6
            ? `a number without a unit is seconds; write a unit (e.g. "${interval / 1e6}m" or "1h") or "young"`
            : `a longer interval, or "young" (the Young/Daly optimum), writes fewer`),
      });
    }
    const job = r?.jobs[i];
    if (job?.checkpoint !== undefined) {
      const st = job.checkpoint.storage;
      const nodes = Math.ceil(job.gpus / job.gpusPerNode);
      const volumes = r!.storage.get(ck.storage)?.volumes ?? 1;
      const writers = job.checkpoint.sharded ? Math.min(nodes, volumes) : 1;
      const rate = Math.min(
        st.aggregate.write.bytesPerSecond,
        st.volume.write.bytesPerSecond * writers,
        job.nicBytesPerSecond * (job.checkpoint.sharded ? nodes : 1),
        job.checkpoint.rateLimitBytesPerSecond * (job.checkpoint.sharded ? nodes : 1),
      );
      const writeUs = (job.checkpoint.bytes / rate) * 1e6;
      if (writeUs > interval) {
        out.push({
          code: "checkpoint-interval-shorter-than-write",
          path: at("checkpoint", "interval"),
          message: `a checkpoint every ${dur(interval)}, but writing ${bytes(job.checkpoint.bytes)} takes at least ${dur(writeUs)} at ${bytes(rate)}/s: checkpoints would run back to back; use an interval above ${dur(writeUs)} (e.g. "1h", or "young" for the Young/Daly optimum)`,
        });
      }
    }
  });
  return out;
}

/**
 * Warnings about what the run did. Jobs with the same `duration` and step time share one warning (at the first
 * one's path, naming the others).
 */
export function resultWarnings(s: ScenarioConfig, alternatives: readonly AlternativeResult[]): ResultWarning[] {
  const groups = new Map<string, { first: number; names: string[]; longest: number }>();
  s.jobs.forEach((j, i) => {
    if (j.duration === undefined) return;
    const runs = alternatives.flatMap((a) => a.jobs.filter((x) => x.name === j.name));
    const longest = Math.max(0, ...runs.map((x) => x.completionHours));
    if (!(longest > (1.1 * j.duration) / US_PER_HOUR)) return;
    const key = `${j.duration}/${j.compute.stepTime}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { first: i, names: [j.name], longest });
    else {
      g.names.push(j.name);
      g.longest = Math.max(g.longest, longest);
    }
  });
  return [...groups.values()].map(({ first, names, longest }) => {
    const j = s.jobs[first]!;
    const who = names.length > 1 ? `jobs ${names.join(", ")}: ` : "";
    return {
      code: "duration-is-compute-time",
      path: ["jobs", first, "duration"],
      message: `${who}duration ${num(j.duration! / US_PER_HOUR, 2)} h is compute time (${num(Math.floor(j.duration! / j.compute.stepTime), 0)} steps of ${dur(j.compute.stepTime)}), not wall time: with its stalls ${names.length > 1 ? "the longest" : "the job"} took ${num(longest, 2)} h; to bound wall time, set a deadline goal`,
    };
  });
}
