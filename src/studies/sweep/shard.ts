/**
 * Shards: `--shard I/N` runs the points whose index % N == I − 1 (round robin, so every shard gets a similar
 * mix of cheap and costly points) and writes a shard document: the sweep's definition (with its hash), the
 * shard's place, and each point's params, summary and full result. `mergeShards` checks that a set of shard
 * documents is exactly one sweep's N shards and rebuilds the unsharded output from them.
 */
import { z } from "zod";
import type { ScenarioResult } from "../../scenarios/result/index.ts";
import type { SweepDefinition } from "./definition.ts";
import { SweepError } from "./errors.ts";
import type { SweepOutput, SweepPointOutput } from "./output.ts";
import type { PointSummary } from "./summary.ts";

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Marks a shard document. */
export const SHARD_KIND = "stallsim-sweep-shard";
/** Version of the shard document's layout. */
export const SHARD_FORMAT = 1;

/** A shard file's contents. */
export interface ShardDocument {
  kind: typeof SHARD_KIND;
  format: typeof SHARD_FORMAT;
  /** The stallsim version that ran it; shards of different versions are not merged. */
  stallsim: string;
  sweep: SweepDefinition;
  shard: ShardSpec;
  /** The shard's points, in index order, each with its full result. */
  points: Required<SweepPointOutput>[];
}

/**
 * Parses `I/N`.
 * @throws SweepError (`SWP_ERR_SHARD`) unless I and N are integers with 1 ≤ I ≤ N.
 */
export function parseShardSpec(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new SweepError("SWP_ERR_SHARD", `invalid --shard ${text} (expected I/N with 1 ≤ I ≤ N, e.g. 1/4)`);
  }
  return { index, count };
}

/** Whether point `index` belongs to `shard`. */
export const inShard = (shard: ShardSpec, index: number): boolean => index % shard.count === shard.index - 1;

/** The grid indices of a shard of a sweep of `points` points. */
export function shardIndices(shard: ShardSpec, points: number): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < points; i += shard.count) out.push(i);
  return out;
}

/** The shard document of `points` (the shard's outputs, with results). */
export function shardDocument(
  version: string,
  sweep: SweepDefinition,
  shard: ShardSpec,
  points: readonly SweepPointOutput[],
): ShardDocument {
  return {
    kind: SHARD_KIND,
    format: SHARD_FORMAT,
    stallsim: version,
    sweep,
    shard: { index: shard.index, count: shard.count },
    points: points.map((p) => {
      if (p.result === undefined) throw new RangeError(`point ${p.index} has no result`);
      return { index: p.index, params: p.params, summary: p.summary, result: p.result };
    }),
  };
}

const Json = z.custom<never>(() => true);
const Envelope = z.object({
  kind: z.literal(SHARD_KIND),
  format: z.literal(SHARD_FORMAT),
  stallsim: z.string(),
  sweep: z.object({
    scenario: z.string(),
    hash: z.string(),
    params: z.array(z.object({ path: z.string(), values: z.array(Json) })),
    seed: z.number().nullable(),
    replications: z.number().int().min(1),
    fidelity: z.enum(["auto", "per-step", "bulk"]).nullable(),
    points: z.number().int().min(1),
  }),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  points: z.array(
    z.object({
      index: z.number().int().min(0),
      params: z.record(z.string(), Json),
      summary: z.custom<PointSummary>((v) => v !== null && typeof v === "object"),
      result: z.custom<ScenarioResult>((v) => v !== null && typeof v === "object"),
    }),
  ),
});

/**
 * Checks that `data` (a parsed shard file) is a shard document.
 * @throws SweepError (`SWP_ERR_SHARD`) naming `name` and the first field that is wrong.
 */
export function checkShardDocument(data: unknown, name: string): ShardDocument {
  if (data === null || typeof data !== "object" || (data as { kind?: unknown }).kind !== SHARD_KIND) {
    throw new SweepError(
      "SWP_ERR_SHARD",
      `${name}: not a stallsim sweep shard (written by stallsim sweep --shard I/N)`,
    );
  }
  const parsed = Envelope.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SweepError("SWP_ERR_SHARD", `${name}: invalid shard file: ${issue.path.join(".")}: ${issue.message}`);
  }
  return data as ShardDocument;
}

/**
 * Merges one sweep's shards (any order) into the output the unsharded sweep gives.
 * @throws SweepError (`SWP_ERR_MERGE`) when no shards are given, when they come from different sweeps (hash),
 *   shard counts or stallsim versions, when a shard is given twice or missing, or when a shard does not hold
 *   exactly its points.
 */
export function mergeShards(shards: readonly { name: string; doc: ShardDocument }[]): SweepOutput {
  const err = (message: string) => new SweepError("SWP_ERR_MERGE", message);
  if (shards.length === 0) throw err("merge needs the shard files of a sweep");
  const first = shards[0]!;
  const label = (s: { name: string; doc: ShardDocument }) =>
    `${s.name} (shard ${s.doc.shard.index}/${s.doc.shard.count})`;
  for (const s of shards) {
    if (s.doc.sweep.hash !== first.doc.sweep.hash) {
      throw err(
        `${s.name} and ${first.name} belong to different sweeps (${short(s.doc.sweep.hash)} vs ${short(first.doc.sweep.hash)})`,
      );
    }
    if (s.doc.shard.count !== first.doc.shard.count) {
      throw err(`${label(s)} and ${label(first)} split the sweep into different numbers of shards`);
    }
    if (s.doc.stallsim !== first.doc.stallsim) {
      throw err(`${s.name} was written by stallsim ${s.doc.stallsim}, ${first.name} by ${first.doc.stallsim}`);
    }
  }
  const count = first.doc.shard.count;
  const byIndex = new Map<number, { name: string; doc: ShardDocument }>();
  for (const s of shards) {
    const seen = byIndex.get(s.doc.shard.index);
    if (seen) throw err(`shard ${s.doc.shard.index}/${count} is given twice: ${seen.name} and ${s.name}`);
    byIndex.set(s.doc.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const list = missing.map((i) => `${i}/${count}`).join(", ");
    throw err(`missing shard${missing.length > 1 ? "s" : ""} ${list} (have ${byIndex.size} of ${count})`);
  }
  const total = first.doc.sweep.points;
  const points = new Array<SweepPointOutput>(total);
  for (const s of byIndex.values()) {
    const want = shardIndices(s.doc.shard, total);
    const got = s.doc.points.map((p) => p.index);
    if (got.length !== want.length || got.some((g, i) => g !== want[i])) {
      throw err(
        `${label(s)} does not hold its points (expected ${want.length} points ${preview(want)}, found ${preview(got)})`,
      );
    }
    for (const p of s.doc.points) points[p.index] = p;
  }
  return { sweep: first.doc.sweep, points };
}

const short = (hash: string): string => hash.replace(/^sha256:/, "").slice(0, 12);
const preview = (xs: readonly number[]): string =>
  `[${xs.slice(0, 5).join(", ")}${xs.length > 5 ? `, … ${xs.length - 5} more` : ""}]`;
