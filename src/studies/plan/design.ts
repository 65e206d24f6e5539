/**
 * A design: one choice per searched storage binding (preset and what is provisioned) and per searched job (GPU
 * count, cache, checkpoint policy), applied to the scenario to get the config that is simulated. Designs fall
 * into families by their categorical choices (presets, GPUs, checkpoint policy); within a family they are
 * ordered by their performance coordinates (see `Design.levels`).
 */
import type { ScenarioConfig } from "../../scenarios/schema/scenario.ts";
import { bytesText, countText, durationText, rateText } from "../../scenarios/result/format.ts";

/** A checkpoint interval as the job schema outputs it: `young`, `daly`, `{ steps }` or µs. */
export type IntervalChoice = "young" | "daly" | { readonly steps: number } | number;

/** What one design provisions on a storage binding; absent fields take the preset's default or the scenario's. */
export interface StorageChoice {
  readonly preset: string;
  /** Provisioned IOPS per volume. */
  readonly iops?: number;
  /** Provisioned throughput per volume, bytes/s. */
  readonly throughput?: number;
  /** Capacity per volume (or of the file system), bytes. */
  readonly capacity?: number;
}

/** What one design sets on a job; absent fields keep the scenario's. */
export interface JobChoice {
  /** GPUs; the job's total work is kept (steps × GPUs constant). */
  readonly gpus?: number;
  /** Page cache / node-local cache per node, bytes. */
  readonly cachePerNode?: number;
  readonly interval?: IntervalChoice;
  readonly mode?: "sync" | "async";
}

/** One candidate design. */
export interface Design {
  /** Index in the order designs are listed (bindings, then jobs, each in search order). */
  readonly id: number;
  /** Choices per searched binding name. */
  readonly storage: Readonly<Record<string, StorageChoice>>;
  /** Choices per searched job name. */
  readonly jobs: Readonly<Record<string, JobChoice>>;
  /** Key of the categorical choices (presets, GPUs, checkpoint policy). */
  readonly family: string;
  /**
   * Performance coordinates in effect (per searched binding: IOPS, bytes/s, capacity bytes; per searched job:
   * cache bytes per node). Within a family, a design at least as high in every coordinate never has a worse goal
   * metric, a longer run or a higher GPU cost (the monotonicity the smart strategy relies on, docs/planning.md).
   */
  readonly levels: readonly number[];
  /** `checkpoints: ebs-gp3 250 MiB/s, 3,000 IOPS`. */
  readonly label: string;
}

/** The steps a job runs with `gpus` GPUs when its work (steps × GPUs) is kept: ⌈steps × gpus₀ / gpus⌉. */
export function scaledSteps(job: ScenarioConfig["jobs"][number], gpus: number): number {
  const steps = job.steps ?? Math.max(1, Math.floor(job.duration! / job.compute.stepTime));
  return gpus === job.gpus ? steps : Math.max(1, Math.ceil((steps * job.gpus) / gpus));
}

/**
 * The scenario with a design's choices applied. A searched binding takes the chosen preset, IOPS and throughput
 * (absent: the preset's default), the chosen capacity (absent: the scenario's, else what the jobs need), keeps
 * `crossZone`, and keeps `overrides` only when the preset is the scenario's own. A job with a GPU count keeps its
 * work: steps scale by gpus₀ / gpus (`duration` becomes `steps`). The goal and search space are left out.
 */
export function applyDesign(base: ScenarioConfig, d: Pick<Design, "storage" | "jobs">): ScenarioConfig {
  const storage = { ...base.storage };
  for (const [name, c] of Object.entries(d.storage)) {
    const b = base.storage[name]!;
    const capacity = c.capacity ?? b.capacity;
    storage[name] = {
      preset: c.preset,
      crossZone: b.crossZone,
      ...(capacity === undefined ? {} : { capacity }),
      ...(c.iops === undefined ? {} : { iops: c.iops }),
      ...(c.throughput === undefined ? {} : { throughput: c.throughput }),
      ...(b.overrides !== undefined && b.preset === c.preset ? { overrides: b.overrides } : {}),
    };
  }
  const jobs = base.jobs.map((job) => {
    const c = d.jobs[job.name];
    if (c === undefined) return job;
    const next = { ...job, data: { ...job.data } };
    if (c.gpus !== undefined) {
      next.steps = scaledSteps(job, c.gpus);
      next.duration = undefined;
      next.gpus = c.gpus;
    }
    if (c.cachePerNode !== undefined) next.data.cachePerNode = c.cachePerNode;
    if (job.checkpoint !== undefined && (c.interval !== undefined || c.mode !== undefined)) {
      next.checkpoint = {
        ...job.checkpoint,
        ...(c.interval === undefined ? {} : { interval: c.interval as typeof job.checkpoint.interval }),
        ...(c.mode === undefined ? {} : { mode: c.mode }),
      };
    }
    return next;
  });
  const { goal: _goal, search: _search, ...rest } = base;
  return { ...rest, storage, jobs };
}

/** `young`, `every 30m`, `every 100 steps`. */
export function intervalText(iv: IntervalChoice): string {
  if (iv === "young" || iv === "daly") return iv;
  if (typeof iv === "object") return `every ${countText(iv.steps)} steps`;
  return `every ${durationText(iv)}`;
}

/** The label of a design's choices: `checkpoints: ebs-gp3 250 MiB/s, 3,000 IOPS; llama: 128 GPUs, async`. */
export function designLabel(d: Pick<Design, "storage" | "jobs">): string {
  const parts: string[] = [];
  for (const [name, c] of Object.entries(d.storage)) {
    const p = [
      c.throughput === undefined ? "" : rateText(c.throughput),
      c.iops === undefined ? "" : `${countText(c.iops)} IOPS`,
      c.capacity === undefined ? "" : bytesText(c.capacity),
    ].filter((x) => x !== "");
    parts.push(`${name}: ${c.preset}${p.length ? ` ${p.join(", ")}` : ""}`);
  }
  for (const [name, c] of Object.entries(d.jobs)) {
    const p = [
      c.gpus === undefined ? "" : `${countText(c.gpus)} GPUs`,
      c.cachePerNode === undefined ? "" : `cache ${bytesText(c.cachePerNode)}`,
      c.mode ?? "",
      c.interval === undefined ? "" : intervalText(c.interval),
    ].filter((x) => x !== "");
    if (p.length) parts.push(`${name}: ${p.join(", ")}`);
  }
  return parts.join("; ") || "as in the scenario";
}
