/**
 * "Did you mean" suggestions: case-insensitive Levenshtein matching within max(2, ⌊length/3⌋), and
 * messages that either suggest one name or list the valid ones.
 */
import { describe, expect, test } from "vitest";
import { closest, defaultMaxDistance, unknownNameError, unknownNameMessage } from "../../src/scenarios/suggest.ts";

const PRESETS = ["ebs-gp3", "ebs-io2", "fsx-lustre", "s3-standard", "s3-express", "nvme-local", "weka", "gcs"] as const;

describe("closest", () => {
  test.for([
    { name: "ebs-gp2", want: "ebs-gp3", why: "one substitution" },
    { name: "EBS-GP3", want: "ebs-gp3", why: "case is ignored, the candidate's spelling is kept" },
    { name: "fsx-lustr", want: "fsx-lustre", why: "one deletion" },
    { name: "fsxlustre", want: "fsx-lustre", why: "missing dash" },
    { name: "s3-standrad", want: "s3-standard", why: "transposition (two edits) within ⌊11/3⌋ = 3" },
    { name: "nvme", want: undefined, why: "six edits from nvme-local" },
    { name: "lustre", want: undefined, why: "four edits from fsx-lustre, budget is 2" },
    { name: "wekaa", want: "weka", why: "one insertion" },
    { name: "gcp", want: "gcs", why: "short names still get a budget of 2" },
    { name: "azure-blob", want: undefined, why: "nothing close" },
  ] as const)("closest($name) is $want: $why", ({ name, want }) => {
    expect(closest(name, PRESETS)).toBe(want);
  });

  test("ties go to the earlier candidate; an explicit budget overrides the default", () => {
    expect(closest("ab", ["ac", "ad"])).toBe("ac");
    expect(closest("lustre", PRESETS, 4)).toBe("fsx-lustre");
    expect(closest("ebs-gp2", PRESETS, 0)).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });

  test("the default budget is max(2, ⌊length / 3⌋)", () => {
    expect([1, 5, 6, 9, 12].map((n) => defaultMaxDistance("x".repeat(n)))).toEqual([2, 2, 2, 3, 4]);
  });
});

describe("unknownNameMessage", () => {
  test("suggests the closest name", () => {
    expect(unknownNameMessage("storage preset", "ebs-gp2", PRESETS)).toMatchInlineSnapshot(
      `"unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?"`,
    );
  });

  test("a name that is one word of a candidate suggests it: gp3 → ebs-gp3, lustre → fsx-lustre", () => {
    expect(unknownNameMessage("storage preset", "gp3", PRESETS)).toBe(
      'unknown storage preset "gp3": did you mean "ebs-gp3"?',
    );
    expect(unknownNameMessage("storage preset", "lustre", PRESETS)).toBe(
      'unknown storage preset "lustre": did you mean "fsx-lustre"?',
    );
  });

  test("lists up to 8 valid names in the order given when nothing is close", () => {
    expect(unknownNameMessage("storage preset", "blockstore", PRESETS)).toMatchInlineSnapshot(
      `"unknown storage preset "blockstore" (expected one of "ebs-gp3", "ebs-io2", "fsx-lustre", "s3-standard", "s3-express", "nvme-local", "weka", "gcs")"`,
    );
    expect(unknownNameMessage("storage preset", "blockstore", [...PRESETS, "hdd", "tape"])).toMatchInlineSnapshot(
      `"unknown storage preset "blockstore" (expected one of "ebs-gp3", "ebs-io2", "fsx-lustre", "s3-standard", "s3-express", "nvme-local", "weka", "gcs" and 2 more)"`,
    );
    expect(unknownNameMessage("gpu profile", "h100", [])).toMatchInlineSnapshot(
      `"unknown gpu profile "h100" (none are defined)"`,
    );
  });

  test("unknownNameError is a SCN_ERR_NOT_FOUND error with the message at the given path", () => {
    const e = unknownNameError("storage preset", "ebs-gp2", PRESETS, ["storage", "backend"]);
    expect([e.code, e.issues, e.message]).toMatchInlineSnapshot(`
      [
        "SCN_ERR_NOT_FOUND",
        [
          {
            "code": "unknown_name",
            "message": "unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?",
            "path": [
              "storage",
              "backend",
            ],
          },
        ],
        "storage.backend: unknown storage preset "ebs-gp2": did you mean "ebs-gp3"?",
      ]
    `);
  });
});
