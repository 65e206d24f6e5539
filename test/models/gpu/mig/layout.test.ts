/**
 * MIG layout validation: published valid and invalid layouts per GPU, the error names the GPU, the layout and
 * the limit broken; any accepted layout stays within 7 compute slices, 8 memory slices and each profile's
 * maximum, with a non-overlapping placement at allowed starts (fast-check); and for these four GPUs the
 * placement rule never rejects a layout the counts accept (exhaustive).
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { MIG_TABLES, migTableFor } from "../../../../src/models/gpu/mig/catalog.ts";
import { expandLayout, findPlacement, formatLayout, validateMigLayout } from "../../../../src/models/gpu/mig/layout.ts";
import type { MigProfile } from "../../../../src/models/gpu/mig/mig-profile.ts";

const VALID = [
  { gpu: "h100-sxm", layout: ["4g.40gb", "3g.40gb"] },
  { gpu: "h100-sxm", layout: Array<string>(7).fill("1g.10gb") },
  { gpu: "h100-sxm", layout: ["7g.80gb"] },
  { gpu: "h100-sxm", layout: ["3g.40gb", "3g.40gb"] },
  { gpu: "h100-sxm", layout: ["1g.10gb", "1g.10gb", "2g.20gb", "3g.40gb"] }, // mig-parted all-balanced
  { gpu: "h100-sxm", layout: ["2g.20gb", "2g.20gb", "2g.20gb", "1g.10gb"] },
  { gpu: "h100-sxm", layout: ["4g.40gb", "2g.20gb", "1g.10gb"] },
  { gpu: "h100-sxm", layout: ["1g.20gb", "1g.20gb", "1g.20gb", "1g.20gb"] },
  { gpu: "h100-sxm", layout: ["1g.10gb+me", "1g.10gb", "1g.10gb", "4g.40gb"] },
  { gpu: "h100-pcie", layout: ["3g.40gb", "2g.20gb", "2g.20gb"] },
  { gpu: "a100-80gb", layout: ["4g.40gb", "3g.40gb"] },
  { gpu: "a100-80gb", layout: Array<string>(7).fill("1g.10gb") },
  { gpu: "a100-40gb", layout: ["3g.20gb", "2g.10gb", "1g.5gb", "1g.5gb"] }, // the guide's 3-2-1-1 example
  { gpu: "a100-40gb", layout: ["2g.10gb", "1g.5gb", "1g.5gb", "1g.5gb", "1g.5gb", "1g.5gb"] }, // its 2-1-1-1-1-1
  { gpu: "h200", layout: ["1g.18gb", "1g.18gb", "2g.35gb", "3g.71gb"] }, // all-balanced on H200
  { gpu: "h200", layout: Array<string>(7).fill("1g.18gb") },
] as const;

const INVALID = [
  { gpu: "h100-sxm", layout: ["4g.40gb", "4g.40gb"], limit: "2 × 4g.40gb, at most 1 per gpu" },
  { gpu: "h100-sxm", layout: Array<string>(8).fill("1g.10gb"), limit: "8 × 1g.10gb, at most 7 per gpu" },
  { gpu: "h100-sxm", layout: Array<string>(4).fill("2g.20gb"), limit: "4 × 2g.20gb, at most 3 per gpu" },
  { gpu: "h100-sxm", layout: ["7g.80gb", "1g.10gb"], limit: "8 compute slices, the gpu has 7" },
  { gpu: "h100-sxm", layout: ["4g.40gb", "2g.20gb", "2g.20gb"], limit: "8 compute slices, the gpu has 7" },
  { gpu: "h100-sxm", layout: ["3g.40gb", "3g.40gb", "1g.10gb"], limit: "9 memory slices, the gpu has 8" },
  { gpu: "h100-sxm", layout: ["1g.20gb", "1g.20gb", "1g.20gb", "1g.20gb", "1g.10gb"], limit: "9 memory slices" },
  { gpu: "h100-sxm", layout: ["1g.10gb+me", "1g.10gb+me"], limit: "2 × 1g.10gb+me, at most 1 per gpu" },
  { gpu: "a100-40gb", layout: ["3g.20gb", "3g.20gb", "3g.20gb"], limit: "3 × 3g.20gb, at most 2 per gpu" },
  { gpu: "h200", layout: ["4g.71gb", "4g.71gb"], limit: "2 × 4g.71gb, at most 1 per gpu" },
] as const;

describe("validateMigLayout", () => {
  test.for(VALID)("$gpu accepts $layout", ({ gpu, layout }) => {
    const l = validateMigLayout(gpu, layout);
    expect(l.instances.map((p) => p.name)).toEqual(layout);
    expect(l.computeSlices).toBeLessThanOrEqual(7);
    expect(l.memorySlices).toBeLessThanOrEqual(8);
  });

  test.for(INVALID)("$gpu rejects $layout: $limit", ({ gpu, layout, limit }) => {
    expect(() => validateMigLayout(gpu, layout)).toThrow(RangeError);
    expect(() => validateMigLayout(gpu, layout)).toThrow(limit);
  });

  test("the error names the gpu, the layout and the limit", () => {
    expect(() => validateMigLayout("h100-sxm", ["4g.40gb", "4g.40gb"])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid mig layout on h100-sxm (2 × 4g.40gb): 2 × 4g.40gb, at most 1 per gpu]`,
    );
    expect(() => validateMigLayout("h100-sxm", ["3g.40gb", "3g.40gb", "1g.10gb"])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid mig layout on h100-sxm (2 × 3g.40gb + 1g.10gb): 9 memory slices, the gpu has 8]`,
    );
    expect(() => validateMigLayout("h100-sxm", [])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: invalid mig layout on h100-sxm ((empty)): no instances]`,
    );
    expect(() => validateMigLayout("l40s", ["1g.10gb"])).toThrow("gpu l40s does not support mig");
  });

  test("a placement the rules forbid is rejected even when the counts fit (a hypothetical 2-slice profile at odd starts)", () => {
    const odd: MigProfile = {
      name: "x",
      computeSlices: 1,
      memorySlices: 2,
      memoryBytes: 1,
      maxInstances: 4,
      placements: [1, 3, 5],
    };
    // Four of them fit the counts (4 compute, 8 memory slices) but only three odd starts exist.
    expect(findPlacement([odd, odd, odd])).toEqual([1, 3, 5]);
    expect(findPlacement([odd, odd, odd, odd])).toBeUndefined();
  });

  test("mig-parted count maps expand, and layouts print with counts", () => {
    expect(expandLayout({ "1g.10gb": 2, "3g.40gb": 1 })).toEqual(["1g.10gb", "1g.10gb", "3g.40gb"]);
    expect(formatLayout(["1g.10gb", "3g.40gb", "1g.10gb"])).toBe("2 × 1g.10gb + 3g.40gb");
  });
});

/** Every multiset of a table's profiles within the per-profile maximums. */
function* multisets(profiles: readonly MigProfile[], i = 0, acc: MigProfile[] = []): Generator<MigProfile[]> {
  if (i === profiles.length) {
    if (acc.length > 0) yield acc;
    return;
  }
  for (let k = 0; k <= profiles[i]!.maxInstances; k++) {
    yield* multisets(profiles, i + 1, [...acc, ...Array<MigProfile>(k).fill(profiles[i]!)]);
  }
}

describe("placement rules versus slice counts", () => {
  test.for(MIG_TABLES.map((t) => t.gpu))("%s: every layout within the counts has a placement", (name) => {
    const table = MIG_TABLES.find((t) => t.gpu === name)!;
    let within = 0;
    for (const m of multisets(table.profiles)) {
      const c = m.reduce((a, p) => a + p.computeSlices, 0);
      const mem = m.reduce((a, p) => a + p.memorySlices, 0);
      if (c > 7 || mem > 8) continue;
      within++;
      expect(findPlacement(m), m.map((p) => p.name).join(" + ")).toBeDefined();
    }
    expect(within).toBe(127);
  });
});

const GPUS = ["a100-80gb", "a100-40gb", "h100-sxm", "h200"] as const;
const layoutArb = fc.constantFrom(...GPUS).chain((gpu) =>
  fc.record({
    gpu: fc.constant(gpu),
    names: fc.array(fc.constantFrom(...migTableFor(gpu)!.profiles.map((p) => p.name)), { minLength: 1, maxLength: 9 }),
  }),
);

describe("capacity is never exceeded", () => {
  propTest.prop([layoutArb], { seed: 42, numRuns: 500 })(
    "an accepted layout uses ≤ 7 compute and ≤ 8 memory slices, ≤ each profile's maximum, placed without overlap",
    ({ gpu, names }) => {
      let layout;
      try {
        layout = validateMigLayout(gpu, names);
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        return;
      }
      expect(layout.instances.reduce((a, p) => a + p.computeSlices, 0)).toBeLessThanOrEqual(7);
      expect(layout.instances.reduce((a, p) => a + p.memorySlices, 0)).toBeLessThanOrEqual(8);
      for (const p of new Set(layout.instances)) {
        expect(layout.instances.filter((q) => q === p).length).toBeLessThanOrEqual(p.maxInstances);
      }
      let used = 0;
      layout.instances.forEach((p, i) => {
        const s = layout.starts[i]!;
        expect(p.placements).toContain(s);
        const mask = ((1 << p.memorySlices) - 1) << s;
        expect(used & mask).toBe(0);
        used |= mask;
      });
      expect(used).toBeLessThan(1 << 8);
    },
  );
});
