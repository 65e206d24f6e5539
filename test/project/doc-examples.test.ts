/**
 * Every command output quoted in the docs is what the command prints today (issue #13: every figure in the docs
 * comes from a run a test re-checks). On a difference, `npm run docs:examples` regenerates the blocks; then
 * reread the prose around them, whose figures quote the block.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CSV_COLUMNS } from "../../src/api/runs/result-csv.ts";
import { DOC_EXAMPLES, exampleOutput, quotedOutput } from "./doc-examples.ts";

describe("docs quote real output", () => {
  test.each(DOC_EXAMPLES.map((e) => [`${e.file}: stallsim ${e.args.join(" ")}`, e] as const))(
    "%s",
    (_label, e) => {
      expect(quotedOutput(e)).toBe(exampleOutput(e));
    },
    60_000,
  );
});

test("docs/api.md gives the CSV header the API writes", () => {
  expect(readFileSync("docs/api.md", "utf8")).toContain(`\n${CSV_COLUMNS.join(",")}\n`);
});
