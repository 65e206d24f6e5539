/**
 * Zod unit schemas: they convert human units to canonical numbers, report bad values as `custom` issues at
 * the field's path with the parser's message, compose with `.pipe`, `.optional` and `.prefault`, and show
 * up in JSON Schema as `number | string`.
 */
import { describe, expect, expectTypeOf, test } from "vitest";
import { z } from "zod";
import { formatIssues, fromZodError } from "../../../src/scenarios/errors.ts";
import {
  zBytes,
  zCount,
  zDuration,
  zFraction,
  zPositiveBytes,
  zPositiveCount,
  zPositiveDuration,
  zPositiveRate,
  zRate,
  zUsd,
} from "../../../src/scenarios/schema/units.ts";
import type { SimTime } from "../../../src/sim/time.ts";

const Dataset = z.object({ dataset: z.object({ size: zBytes }) });

/** The formatted issues of a failed parse. */
function problems(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return formatIssues(fromZodError(r.error).issues);
}

describe("unit schemas convert to canonical units", () => {
  test.for([
    { name: "zBytes", schema: zBytes, input: "40GB", want: 40e9 },
    { name: "zBytes", schema: zBytes, input: 512, want: 512 },
    { name: "zRate", schema: zRate, input: "10Gbps", want: 1.25e9 },
    { name: "zDuration", schema: zDuration, input: "1h30m", want: 5400e6 },
    { name: "zDuration", schema: zDuration, input: 90, want: 90e6 },
    { name: "zFraction", schema: zFraction, input: "90%", want: 0.9 },
    { name: "zUsd", schema: zUsd, input: "$2.50", want: 2.5 },
    { name: "zCount", schema: zCount, input: "70B", want: 70e9 },
    { name: "zPositiveBytes", schema: zPositiveBytes, input: "1KiB", want: 1024 },
    { name: "zPositiveRate", schema: zPositiveRate, input: "1MB/s", want: 1e6 },
    { name: "zPositiveDuration", schema: zPositiveDuration, input: "1us", want: 1 },
    { name: "zPositiveCount", schema: zPositiveCount, input: "1k", want: 1000 },
  ] as const)("$name parses $input to $want", ({ schema, input, want }) => {
    expect(schema.parse(input)).toBe(want);
  });

  test("input types are number | string and output types are the canonical numbers", () => {
    expectTypeOf<z.input<typeof zBytes>>().toEqualTypeOf<number | string>();
    expectTypeOf<z.output<typeof zBytes>>().toEqualTypeOf<number>();
    expectTypeOf<z.output<typeof zDuration>>().toEqualTypeOf<SimTime>();
    expectTypeOf<z.input<typeof Dataset>>().toEqualTypeOf<{ dataset: { size: number | string } }>();
  });
});

describe("bad values become issues at the field's path", () => {
  test("a bad unit names the path, the input and the valid units", () => {
    expect(problems(Dataset, { dataset: { size: "40 GX" } })).toMatchInlineSnapshot(
      `"dataset.size: invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)"`,
    );
  });

  test("the issue is a custom issue with the parser's message", () => {
    const r = Dataset.safeParse({ dataset: { size: "40Gb" } });
    expect(r.success ? [] : r.error.issues).toMatchInlineSnapshot(`
      [
        {
          "code": "custom",
          "message": "invalid size "40Gb": did you mean GB? (b is bits)",
          "path": [
            "dataset",
            "size",
          ],
        },
      ]
    `);
  });

  test("missing fields and wrong types say what was expected", () => {
    expect(problems(Dataset, { dataset: {} })).toMatchInlineSnapshot(
      `"dataset.size: required: a size such as "40GB" or a number of bytes"`,
    );
    expect(problems(Dataset, { dataset: { size: true } })).toMatchInlineSnapshot(
      `"dataset.size: expected a size such as "40GB" or a number of bytes, got boolean"`,
    );
    expect(problems(Dataset, { dataset: { size: null } })).toMatchInlineSnapshot(
      `"dataset.size: expected a size such as "40GB" or a number of bytes, got null"`,
    );
    expect(problems(Dataset, { dataset: { size: [1] } })).toMatchInlineSnapshot(
      `"dataset.size: expected a size such as "40GB" or a number of bytes, got array"`,
    );
    expect(problems(Dataset, { dataset: { size: Number.NaN } })).toMatchInlineSnapshot(
      `"dataset.size: expected a size such as "40GB" or a number of bytes, got NaN"`,
    );
  });

  test("every field with a problem is reported, in document order", () => {
    const Job = z.object({
      jobs: z.array(z.object({ checkpointEvery: zDuration, bandwidth: zRate, utilisation: zFraction })),
    });
    const input = { jobs: [{ checkpointEvery: "30m1h", bandwidth: "10G/s", utilisation: 90 }] };
    expect(problems(Job, input)).toMatchInlineSnapshot(`
      "jobs[0].checkpointEvery: invalid duration "30m1h": units must go from largest to smallest, each once
      jobs[0].bandwidth: invalid rate "10G/s": ambiguous unit "G/s" (write GB/s for bytes or Gb/s for bits)
      jobs[0].utilisation: invalid fraction 90: must be between 0 and 1 (for a percentage write "90%")"
    `);
  });

  test("positive variants reject zero and quote the original text", () => {
    expect(problems(zPositiveBytes, "0GB")).toMatchInlineSnapshot(`"invalid size "0GB": must be greater than 0"`);
    expect(problems(zPositiveDuration, 0)).toMatchInlineSnapshot(`"invalid duration 0: must be greater than 0"`);
    expect(problems(zPositiveRate, "0 Gbps")).toMatchInlineSnapshot(`"invalid rate "0 Gbps": must be greater than 0"`);
    expect(problems(zPositiveCount, "0k")).toMatchInlineSnapshot(`"invalid count "0k": must be greater than 0"`);
    expect(zBytes.parse("0GB")).toBe(0);
  });
});

describe("composition", () => {
  test("a bound added with .pipe keeps the field's path", () => {
    const S = z.object({
      cache: z.object({ size: zBytes.pipe(z.number().max(2 ** 40, { error: "at most 1 TiB" })) }),
    });
    expect(S.parse({ cache: { size: "1TiB" } }).cache.size).toBe(2 ** 40);
    expect(problems(S, { cache: { size: "2TiB" } })).toMatchInlineSnapshot(`"cache.size: at most 1 TiB"`);
    expect(problems(S, { cache: { size: "2 TX" } })).toMatchInlineSnapshot(
      `"cache.size: invalid size "2 TX": unknown unit "TX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)"`,
    );
  });

  test(".prefault takes a human default and .default a canonical one", () => {
    const S = z.object({ timeout: zDuration.prefault("2h"), every: zDuration.default(60e6 as SimTime) });
    expect(S.parse({})).toEqual({ timeout: 7200e6, every: 60e6 });
    expect(S.parse({ timeout: "1m", every: "1s" })).toEqual({ timeout: 60e6, every: 1e6 });
  });

  test(".optional leaves a missing field undefined", () => {
    expect(z.object({ size: zBytes.optional() }).parse({})).toEqual({});
  });

  test("JSON Schema for the input side is number | string with a description", () => {
    expect(z.toJSONSchema(Dataset, { io: "input" })).toMatchInlineSnapshot(`
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {
          "dataset": {
            "properties": {
              "size": {
                "description": "a size such as "40GB" or a number of bytes",
                "type": [
                  "number",
                  "string",
                ],
              },
            },
            "required": [
              "size",
            ],
            "type": "object",
          },
        },
        "required": [
          "dataset",
        ],
        "type": "object",
      }
    `);
  });
});
