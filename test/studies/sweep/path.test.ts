/**
 * Paths into the scenario as written: parsing (`jobs[0].x` = `jobs.0.x`, quoted keys) and the check against
 * the schema and the document, with a "did you mean" for a misspelt field or binding.
 */
import { describe, expect, test } from "vitest";
import type { PlainValue } from "../../../src/scenarios/parse-text.ts";
import { parsePath } from "../../../src/studies/sweep/path.ts";
import { checkSchemaPath } from "../../../src/studies/sweep/schema-path.ts";

const DOC: PlainValue = {
  name: "s",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { data: { preset: "ebs-gp3" }, "my ckpt": { preset: "fsx-lustre" } },
  jobs: [{ name: "j", gpus: 8, steps: 10, compute: { stepTime: "1s" }, data: { storage: "data" } }],
};

describe("parsePath", () => {
  test.for([
    { text: "storage.data.preset", want: ["storage", "data", "preset"] },
    { text: "jobs[0].data.workers", want: ["jobs", 0, "data", "workers"] },
    { text: "jobs.0.data.workers", want: ["jobs", "0", "data", "workers"] },
    { text: 'storage["my ckpt"].preset', want: ["storage", "my ckpt", "preset"] },
    { text: "storage['my ckpt'].preset", want: ["storage", "my ckpt", "preset"] },
    { text: "jobs[0][1]", want: ["jobs", 0, 1] },
    { text: "seed", want: ["seed"] },
  ] as const)("$text → $want", ({ text, want }) => {
    expect(parsePath(text)).toEqual(want);
  });

  test.for([
    { text: "", message: 'invalid path "": empty path' },
    { text: "a..b", message: 'invalid path "a..b": empty field name at position 3' },
    { text: "a.", message: 'invalid path "a.": empty field name at position 3' },
    { text: "jobs[0", message: 'invalid path "jobs[0": unclosed "[" at position 5' },
    { text: "jobs[x]", message: 'invalid path "jobs[x]": expected an index or a quoted key in brackets, got [x]' },
    { text: "jobs[0]x", message: 'invalid path "jobs[0]x": expected "." or "[" at position 8' },
  ] as const)("$text is rejected: $message", ({ text, message }) => {
    expect(() => parsePath(text)).toThrow(message);
  });
});

describe("checkSchemaPath", () => {
  test.for([
    { text: "storage.data.throughput", want: ["storage", "data", "throughput"] },
    { text: "jobs.0.data.workers", want: ["jobs", 0, "data", "workers"] },
    { text: "jobs[0].checkpoint.interval", want: ["jobs", 0, "checkpoint", "interval"] },
    { text: "jobs[0].checkpoint.interval.steps", want: ["jobs", 0, "checkpoint", "interval", "steps"] },
    { text: "jobs[0].failures.gpuMtbf", want: ["jobs", 0, "failures", "gpuMtbf"] },
    { text: 'storage["my ckpt"].overrides.volumeRead', want: ["storage", "my ckpt", "overrides", "volumeRead"] },
    { text: "cluster.gpuPricePerHour", want: ["cluster", "gpuPricePerHour"] },
  ] as const)("$text is a field of the scenario", ({ text, want }) => {
    expect(checkSchemaPath(parsePath(text), DOC)).toEqual(want);
  });

  test.for([
    {
      text: "storage.data.throughpt",
      message: 'storage.data.throughpt: unknown field "throughpt": did you mean "throughput"?',
    },
    { text: "jobs[0].dta.workers", message: 'jobs[0].dta.workers: unknown field "dta": did you mean "data"?' },
    { text: "storage.dat.preset", message: 'storage.dat.preset: unknown storage entry "dat": did you mean "data"?' },
    { text: "jobs[1].gpus", message: 'jobs[1].gpus: jobs has 1 entry; "1" is not an index from 0 to 0' },
    { text: "jobs.x.gpus", message: 'jobs.x.gpus: jobs has 1 entry; "x" is not an index from 0 to 0' },
    {
      text: "jobs.0.data.workers.x",
      message: "jobs[0].data.workers.x: jobs[0].data.workers is a value, not an object",
    },
    { text: "seeds", message: 'seeds: unknown field "seeds": did you mean "seed"?' },
  ] as const)("$text is rejected", ({ text, message }) => {
    expect(() => checkSchemaPath(parsePath(text), DOC)).toThrow(message);
  });

  test("an unknown field with nothing close lists the fields", () => {
    expect(() => checkSchemaPath(parsePath("cluster.zzzzzzzzzz"), DOC)).toThrow(
      /^cluster\.zzzzzzzzzz: unknown field "zzzzzzzzzz" \(expected one of "nodeType", "gpuPricePerHour", /,
    );
  });
});
