/**
 * The search space of `stallsim plan` (docs/planning.md): per storage binding, the presets to try and their
 * provisioned performance (throughput, IOPS, capacity); per job, GPU count, cache size and checkpoint policy; the
 * strategy and the replications per design. Levels are written as one value, a list, or a range
 * `{ from, to, step }`, in human units; after parsing they are sorted, distinct canonical numbers. Everything is
 * optional: what is absent keeps the scenario's value, and a listed preset without levels gets default levels
 * (src/studies/plan/levels.ts). `stallsim run` ignores the search space.
 */
import { z } from "zod";
import { zStoragePresetName } from "./names.ts";
import { zBytes, zPositiveBytes, zPositiveCount, zPositiveDuration, zPositiveRate } from "./units.ts";

/** Most levels one range may expand to. */
export const MAX_LEVELS = 1_000;

/** Parses `input` with the schema `pick` chooses from its shape, so errors come from that one schema (no union noise). */
function dispatch<T>(pick: (input: unknown) => z.ZodType<T>) {
  return z.unknown().transform((input, ctx): T => {
    const parsed = pick(input).safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input } as never);
    return z.NEVER;
  });
}

const isObject = (x: unknown): boolean => x !== null && typeof x === "object" && !Array.isArray(x);

/** One value or a non-empty list of them → a list. */
export function oneOrMany<T>(item: z.ZodType<T>) {
  const list = z.array(item).min(1);
  const one = item.transform((x) => [x]);
  return dispatch<T[]>((input) => (Array.isArray(input) ? list : one));
}

/**
 * Levels of a numeric unit: one value, a list, or `{ from, to, step }` (from, from + step, … up to `to`, with
 * `to` itself always included). Output: sorted, distinct numbers.
 */
export function levels(unit: z.ZodType<number, number | string>) {
  const range = z
    .strictObject({ from: unit, to: unit, step: unit })
    .superRefine((r, ctx) => {
      if (r.to < r.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be below from" });
      else if (r.step <= 0 || (r.to - r.from) / r.step + 1 > MAX_LEVELS) {
        ctx.addIssue({ code: "custom", path: ["step"], message: `gives more than ${MAX_LEVELS} levels` });
      }
    })
    .transform((r) => {
      const out: number[] = [];
      for (let i = 0; r.from + i * r.step < r.to * (1 - 1e-12); i++) out.push(r.from + i * r.step);
      return [...out, r.to];
    });
  const list = oneOrMany(unit);
  return dispatch<number[]>((input) => (isObject(input) ? range : list)).transform((xs) =>
    [...new Set(xs)].sort((a, b) => a - b),
  );
}

/** A checkpoint interval as the job schema takes it: `young`, `daly`, `{ steps: N }` or a duration. */
const zInterval = dispatch<"young" | "daly" | { steps: number } | number>((input) =>
  input === "young" || input === "daly"
    ? z.enum(["young", "daly"])
    : isObject(input)
      ? z.strictObject({ steps: zPositiveCount })
      : zPositiveDuration,
);

/**
 * One storage option of a binding: presets, and the levels to try. `throughput` and `iops` apply to the listed
 * presets with provisioned performance (gp3, io2, Premium SSD v2, Hyperdisk); `capacity` to every listed preset
 * (for per-capacity presets such as Lustre, throughput grows with it).
 */
export const StorageOption = z.strictObject({
  preset: oneOrMany(zStoragePresetName),
  throughput: levels(zPositiveRate).optional(),
  iops: levels(zPositiveCount).optional(),
  capacity: levels(zPositiveBytes).optional(),
});

/** What to try for one job (keyed by job name). */
export const JobSearch = z.strictObject({
  /** GPU counts; the job's total work is kept (steps scale by the scenario's GPUs / these GPUs). */
  gpus: levels(zPositiveCount).optional(),
  /** Page cache or node-local cache per node for the dataset. */
  cachePerNode: levels(zBytes).optional(),
  checkpoint: z
    .strictObject({
      interval: oneOrMany(zInterval).optional(),
      mode: oneOrMany(z.enum(["sync", "async"])).optional(),
    })
    .optional(),
});

/** The search space: storage options per binding, job choices per job, strategy and replications (all optional). */
export const SearchSpace = z.strictObject({
  /** Per storage binding: one option or a list of options (e.g. one per preset, each with its own levels). */
  storage: z.record(z.string(), oneOrMany(StorageOption)).default({}),
  /** Per job name. */
  jobs: z.record(z.string(), JobSearch).default({}),
  /** `smart` (bisection and bounds, docs/planning.md) or `exhaustive` (simulate every valid design). */
  strategy: z.enum(["smart", "exhaustive"]).default("smart"),
  /** Runs per design with seeds seed … seed + K − 1; with K ≥ 2 a design must meet the goal at its 95% bound. */
  replications: zPositiveCount.default(1),
});

export type StorageOptionConfig = z.output<typeof StorageOption>;
export type JobSearchConfig = z.output<typeof JobSearch>;
export type SearchSpaceSpec = z.input<typeof SearchSpace>;
export type SearchSpaceConfig = z.output<typeof SearchSpace>;
