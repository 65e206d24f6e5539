/**
 * `--param` values: split at top-level commas, each read as a YAML scalar (or flow collection), JSON data only.
 */
import { describe, expect, test } from "vitest";
import { parseValue, parseValues, splitValues } from "../../../src/studies/sweep/values.ts";

describe("parseValue reads YAML 1.2 core scalars", () => {
  test.for([
    { text: "8", want: 8 },
    { text: "2.5", want: 2.5 },
    { text: "1e3", want: 1000 },
    { text: "0x10", want: 16 },
    { text: "500MB/s", want: "500MB/s" },
    { text: "1h30m", want: "1h30m" },
    { text: "ebs-gp3", want: "ebs-gp3" },
    { text: "true", want: true },
    { text: "false", want: false },
    { text: "null", want: null },
    { text: "'8'", want: "8" },
    { text: '"a,b"', want: "a,b" },
    { text: "$2.50", want: "$2.50" },
    { text: "{steps: 500}", want: { steps: 500 } },
    { text: "[1, 2]", want: [1, 2] },
  ] as const)("$text → $want", ({ text, want }) => {
    expect(parseValue(text)).toEqual(want);
  });

  test.for([
    { text: "", message: "empty value" },
    { text: ".inf", message: "invalid value .inf: not a finite number" },
    { text: "{a: 1", message: "invalid value {a: 1:" },
  ] as const)("$text is rejected: $message", ({ text, message }) => {
    expect(() => parseValue(text)).toThrow(message);
  });
});

describe("splitValues", () => {
  test.for([
    { text: "1,2,3", want: ["1", "2", "3"] },
    { text: " 1 , 2 ", want: ["1", "2"] },
    { text: "'a,b',c", want: ["'a,b'", "c"] },
    { text: '"a\\",b",c', want: ['"a\\",b"', "c"] },
    { text: "'it''s,x',y", want: ["'it''s,x'", "y"] },
    { text: "{steps: 1, x: 2},1h", want: ["{steps: 1, x: 2}", "1h"] },
    { text: "[1,2],[3]", want: ["[1,2]", "[3]"] },
  ] as const)("$text → $want", ({ text, want }) => {
    expect(splitValues(text)).toEqual(want);
  });

  test("an unclosed quote or bracket is an error", () => {
    expect(() => splitValues("'a,b")).toThrow("unclosed ' in values");
    expect(() => splitValues("{a: 1,b")).toThrow("unbalanced brackets");
  });
});

describe("parseValues", () => {
  test("keeps the order given and rejects a repeated value", () => {
    expect(parseValues("8,4,16")).toEqual([8, 4, 16]);
    expect(() => parseValues("4,8,4")).toThrow("value 4 is given twice (positions 1 and 3)");
    expect(parseValues("4,'4'")).toEqual([4, "4"]);
  });
});
