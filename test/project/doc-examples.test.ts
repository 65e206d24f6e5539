/**
 * Every command output quoted in the docs is what the command prints today (issue #13: every figure in the docs
 * comes from a run a test re-checks). On a difference, `npm run docs:examples` regenerates the blocks; then
 * reread the prose around them, whose figures quote the block.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CSV_COLUMNS } from "../../src/api/runs/result-csv.ts";
import { METRIC_TEMPLATES } from "../../src/studies/regress/metrics.ts";
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

test("docs/regress.md lists every regression metric, and no other", () => {
  const text = readFileSync("docs/regress.md", "utf8");
  const table = text.slice(text.indexOf("| metric "), text.indexOf("`—`: neither direction is better"));
  const expand = (p: string): string[] => {
    const m = /\{([^}]*)\}/.exec(p);
    return m ? m[1]!.split(",").flatMap((x) => expand(p.replace(m[0], x))) : [p];
  };
  const documented = [...table.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!)
    .filter((p) => p.startsWith("<a>"))
    .flatMap(expand)
    .map((p) => p.replace("<a>", "alternatives.<name>").replace(/<(job|workload)>/g, "<name>"));
  const actual = METRIC_TEMPLATES.map((t) => t.join("."));
  expect(new Set(documented)).toEqual(new Set(actual));
  expect(documented).toHaveLength(actual.length);
});
