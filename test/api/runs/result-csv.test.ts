/**
 * CSV fields (RFC 4180): plain values as they are, quotes doubled inside quoted fields, line breaks and commas
 * quoted, numbers in full precision, empty cells for null and non-finite numbers, formula-like text defused.
 */
import { describe, expect, test } from "vitest";
import { csvField } from "../../../src/api/runs/result-csv.ts";

describe("csvField", () => {
  test.for([
    { value: "plain", csv: "plain" },
    { value: "a,b", csv: '"a,b"' },
    { value: 'say "hi"', csv: '"say ""hi"""' },
    { value: "two\nlines", csv: '"two\nlines"' },
    { value: "cr\rlf", csv: '"cr\rlf"' },
    { value: "=1+2", csv: "'=1+2" },
    { value: "+1", csv: "'+1" },
    { value: "-x", csv: "'-x" },
    { value: "@cmd", csv: "'@cmd" },
    { value: "=a,b", csv: `"'=a,b"` },
    { value: "", csv: "" },
    { value: 0.1 + 0.2, csv: "0.30000000000000004" },
    { value: -5, csv: "-5" },
    { value: 1e21, csv: "1e+21" },
    { value: Infinity, csv: "" },
    { value: NaN, csv: "" },
    { value: null, csv: "" },
    { value: undefined, csv: "" },
  ] as const)("$value → $csv", ({ value, csv }) => {
    expect(csvField(value)).toBe(csv);
  });
});
