/**
 * Shards: `I/N` specs, round-robin point selection, shard documents, and their merge, which must give the
 * unsharded sweep's output byte for byte and refuse anything that is not exactly one sweep's N shards.
 */
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../../src/scenarios/bundled.ts";
import type { PlainValue } from "../../../src/scenarios/parse-text.ts";
import { formatSweepCsv, formatSweepTable } from "../../../src/studies/sweep/format.ts";
import { sweepJson } from "../../../src/studies/sweep/output.ts";
import { prepareSweep } from "../../../src/studies/sweep/prepare.ts";
import { runSweep } from "../../../src/studies/sweep/run-sweep.ts";
import {
  checkShardDocument,
  inShard,
  mergeShards,
  parseShardSpec,
  shardDocument,
  shardIndices,
  type ShardDocument,
  type ShardSpec,
} from "../../../src/studies/sweep/shard.ts";

describe("parseShardSpec", () => {
  test.for([
    { text: "1/1", want: { index: 1, count: 1 } },
    { text: "3/4", want: { index: 3, count: 4 } },
    { text: " 2 / 10 ", want: { index: 2, count: 10 } },
  ] as const)("$text → $want", ({ text, want }) => {
    expect(parseShardSpec(text)).toEqual(want);
  });

  test.for(["0/4", "5/4", "1/0", "1", "a/b", "-1/4", "1.5/4", ""])("%s is rejected", (text) => {
    expect(() => parseShardSpec(text)).toThrow(`invalid --shard ${text} (expected I/N with 1 ≤ I ≤ N, e.g. 1/4)`);
  });
});

test("shards take the points round robin and cover each point once", () => {
  const shards: ShardSpec[] = [1, 2, 3].map((index) => ({ index, count: 3 }));
  expect(shards.map((s) => shardIndices(s, 7))).toEqual([
    [0, 3, 6],
    [1, 4],
    [2, 5],
  ]);
  for (let i = 0; i < 7; i++) expect(shards.filter((s) => inShard(s, i))).toHaveLength(1);
  expect(shardIndices({ index: 4, count: 4 }, 2)).toEqual([]);
});

const { data, source } = await loadScenario("vision-resnet50-gp3");
const PARAMS = ["storage.imagenet.throughput=125MiB/s,250MiB/s,500MiB/s", "jobs[0].data.cachePerNode=0,64GiB"];

/** The shard files of a sweep as they come back from disk (JSON round trip). */
async function shards(params: string[], count: number, seed?: number): Promise<{ name: string; doc: ShardDocument }[]> {
  const out = [];
  for (let index = 1; index <= count; index++) {
    const spec = { index, count };
    const prepared = await prepareSweep({ document: data as PlainValue, source, params, seed, fidelity: "bulk" }, (i) =>
      inShard(spec, i),
    );
    const doc = shardDocument("0.1.0", prepared.definition, spec, await runSweep(prepared, { workers: 1 }));
    out.push({ name: `shard-${index - 1}.json`, doc: checkShardDocument(JSON.parse(JSON.stringify(doc)), "x") });
  }
  return out;
}

describe("mergeShards", () => {
  test("gives the unsharded sweep's JSON, table and CSV, byte for byte, in any order", async () => {
    const prepared = await prepareSweep({ document: data as PlainValue, source, params: PARAMS, fidelity: "bulk" });
    const whole = { sweep: prepared.definition, points: await runSweep(prepared, { workers: 1 }) };
    const parts = await shards(PARAMS, 4);
    const merged = mergeShards([parts[2]!, parts[0]!, parts[3]!, parts[1]!]);
    expect(sweepJson(merged, false)).toBe(sweepJson(whole, false));
    expect(sweepJson(merged, true)).toBe(sweepJson(whole, true));
    expect(formatSweepTable(merged)).toBe(formatSweepTable(whole));
    expect(formatSweepCsv(merged)).toBe(formatSweepCsv(whole));
    expect(JSON.parse(sweepJson(merged, true)).points[5].result.scenario).toBe("vision-resnet50-gp3");
  });

  test("refuses a missing shard, a repeated one, another sweep's, another split or another version", async () => {
    const a = await shards(PARAMS, 3);
    const other = await shards(PARAMS, 3, 99);
    const two = await shards(PARAMS, 2);
    const errors = [
      () => mergeShards([a[0]!, a[2]!]),
      () => mergeShards([a[0]!, a[1]!, { ...a[1]!, name: "copy.json" }, a[2]!]),
      () => mergeShards([a[0]!, other[1]!, a[2]!]),
      () => mergeShards([a[0]!, two[1]!, a[2]!]),
      () => mergeShards([a[0]!, a[1]!, { name: "new.json", doc: { ...a[2]!.doc, stallsim: "9.9.9" } }]),
      () => mergeShards([]),
    ].map((f) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return (e as Error).message.replace(/\([0-9a-f]{12} vs [0-9a-f]{12}\)/, "(HASH vs HASH)");
      }
    });
    expect(errors).toMatchInlineSnapshot(`
      [
        "missing shard 2/3 (have 2 of 3)",
        "shard 2/3 is given twice: shard-1.json and copy.json",
        "shard-1.json and shard-0.json belong to different sweeps (HASH vs HASH)",
        "shard-1.json (shard 2/2) and shard-0.json (shard 1/3) split the sweep into different numbers of shards",
        "new.json was written by stallsim 9.9.9, shard-0.json by 0.1.0",
        "merge needs the shard files of a sweep",
      ]
    `);
  });

  test("refuses a shard that does not hold exactly its points", async () => {
    const a = await shards(PARAMS, 2);
    const cut = { name: "cut.json", doc: { ...a[1]!.doc, points: a[1]!.doc.points.slice(1) } };
    expect(() => mergeShards([a[0]!, cut])).toThrow(
      "cut.json (shard 2/2) does not hold its points (expected 3 points [1, 3, 5], found [3, 5])",
    );
  });

  test("checkShardDocument names the file and the first wrong field", () => {
    expect(() => checkShardDocument({ points: [] }, "a.json")).toThrow(
      "a.json: not a stallsim sweep shard (written by stallsim sweep --shard I/N)",
    );
    expect(() =>
      checkShardDocument({ kind: "stallsim-sweep-shard", format: 1, stallsim: "0.1.0", shard: {} }, "b.json"),
    ).toThrow("b.json: invalid shard file: sweep:");
  });
});
