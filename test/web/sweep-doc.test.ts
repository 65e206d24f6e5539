/**
 * Reading a sweep document for the Sweep tab: the JSON of `stallsim sweep --json` is read as it is (with or
 * without `--full`'s results), and anything else gets a message that says what it is and what is expected.
 */
import { describe, expect, test } from "vitest";
import { isNumeric, readSweepDocument, valueText } from "../../web/sweep-doc.ts";
import { sampleSweep } from "./sweep-fixtures.ts";

const message = (text: string): string => {
  const read = readSweepDocument(text);
  if (read.ok) throw new Error("expected a refusal");
  return read.message;
};
const json = (x: unknown) => JSON.stringify(x);

describe("readSweepDocument", () => {
  test("reads a sweep document, dropping each point's full result", () => {
    const doc = sampleSweep();
    const full = { ...doc, points: doc.points.map((p) => ({ ...p, result: { utilisation: 1, jobs: [] } })) };
    const read = readSweepDocument(json(full));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.doc.sweep.params.map((p) => p.path)).toEqual(["storage.imagenet.preset", "jobs[0].data.workers"]);
    expect(read.doc.points).toHaveLength(6);
    expect(read.doc.points[0]).not.toHaveProperty("result");
  });

  test("nulls (numbers that were not finite) are accepted", () => {
    const doc = sampleSweep();
    doc.points[1]!.summary.alternatives[0]!.totalUsd = null;
    expect(readSweepDocument(json(doc)).ok).toBe(true);
  });

  test("text that is not JSON, or is empty, says so", () => {
    expect(message("sweep: {")).toMatch(/^Not JSON \(.+\): expected the JSON that `stallsim sweep … --json`/);
    expect(message("  ")).toMatch(/^Nothing to read/);
    expect(message("[1, 2]")).toBe(
      "Not a sweep document: the JSON is a list; expected the JSON that `stallsim sweep … --json` or " +
        "`stallsim merge … --json` writes.",
    );
  });

  test("other stallsim documents are named", () => {
    expect(message(json({ kind: "stallsim-sweep-shard", format: 1, shard: { index: 2, count: 4 } }))).toMatch(
      /^This is a shard file \(shard 2 of 4\), not a whole sweep: merge the shards first, `stallsim merge/,
    );
    expect(message(json({ error: { code: "SWP_ERR_POINT", message: "invalid sweep point 1 of 6" } }))).toBe(
      "This file holds a sweep's error, not its points: SWP_ERR_POINT: invalid sweep point 1 of 6",
    );
    expect(message(json({ scenario: "x", utilisation: 0.5, jobs: [] }))).toMatch(/single run's result/);
    expect(message(json({ name: "a scenario", jobs: [] }))).toMatch(/lacks the "sweep" object or the "points" list/);
  });

  test("a misshapen sweep names the field", () => {
    const doc = sampleSweep();
    expect(message(json({ ...doc, points: [] }))).toBe("The sweep has no points.");
    expect(message(json({ ...doc, sweep: { ...doc.sweep, params: [] } }))).toMatch(
      /^sweep\.params: expected a non-empty/,
    );
    const badSummary = sampleSweep();
    (badSummary.points[2]!.summary.alternatives[0] as unknown as Record<string, unknown>).utilisation = "93%";
    expect(message(json(badSummary))).toBe(
      'points[2].summary.alternatives[0].utilisation: expected a number or null, got a string ("93%").',
    );
    const missing = sampleSweep();
    delete missing.points[3]!.params["jobs[0].data.workers"];
    expect(message(json(missing))).toBe("points[3].params: no value for the swept parameter jobs[0].data.workers.");
    expect(message(json({ ...doc, points: [{ index: 0, params: doc.points[0]!.params }] }))).toBe(
      "points[0].summary: expected an object, got nothing.",
    );
  });
});

describe("parameter values", () => {
  test("text as it is, anything else as JSON; numeric only when every value is a number", () => {
    expect(["ebs-gp3", 8, true, { steps: 500 }].map(valueText)).toEqual(["ebs-gp3", "8", "true", '{"steps":500}']);
    expect(isNumeric([2, 4, 8])).toBe(true);
    expect(isNumeric([2, "4"])).toBe(false);
  });
});
