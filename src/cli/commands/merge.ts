/**
 * `stallsim merge SHARD.json... [--json [--full] | --csv] [-o OUT]`: the shard files of one sweep (from
 * `stallsim sweep --shard I/N`, e.g. the pods of an Indexed Job) combined into the output the unsharded sweep
 * gives, byte for byte. Shards from different sweeps, a missing or repeated shard are errors (exit 2).
 */
import { readFile } from "node:fs/promises";
import { SweepError } from "../../studies/sweep/errors.ts";
import { checkShardDocument, mergeShards } from "../../studies/sweep/shard.ts";
import { renderSweep, reportSweepError, sweepFormat, writeOutput } from "../sweep-output.ts";

/** The command line of `stallsim merge`. */
export interface MergeArgs {
  paths: string[];
  json: boolean;
  csv: boolean;
  full: boolean;
  output?: string | undefined;
}

/** Runs `stallsim merge`; resolves to the exit status. */
export async function merge(a: MergeArgs): Promise<number> {
  try {
    const format = sweepFormat(a.json, a.csv, a.full);
    if (a.paths.length === 0) throw new SweepError("SWP_ERR_MERGE", "merge needs the shard files of a sweep");
    const shards = [];
    for (const name of a.paths) {
      shards.push({ name, doc: checkShardDocument(await readShard(name), name) });
    }
    writeOutput(renderSweep(mergeShards(shards), format, a.full), a.output);
    return 0;
  } catch (e) {
    return reportSweepError(e, a.json);
  }
}

/** A shard file's JSON (machine-written, so the built-in parser; shard files may be large). */
async function readShard(name: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(name, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : `unreadable (${code})`;
    throw new SweepError("SWP_ERR_SHARD", `${name}: ${why}`, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new SweepError("SWP_ERR_SHARD", `${name}: not JSON (${(e as Error).message})`, { cause: e });
  }
}
