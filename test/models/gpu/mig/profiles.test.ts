/**
 * The MIG profile tables against domain-facts §5.4 (NVIDIA MIG User Guide, mig-parted): per GPU, every
 * profile's compute slices, memory slices, memory and maximum instance count; shares are g/7 and m/8.
 */
import { describe, expect, test } from "vitest";
import { MIG_TABLES, migProfile, migTableFor } from "../../../../src/models/gpu/mig/catalog.ts";
import { computeShare, memoryShare } from "../../../../src/models/gpu/mig/mig-profile.ts";

// [gpu (catalog name), profile, compute slices g, memory slices m, GB, max instances] — domain-facts §5.4.
const ROWS = [
  ["a100-80gb", "1g.10gb", 1, 1, 10, 7],
  ["a100-80gb", "1g.10gb+me", 1, 1, 10, 1],
  ["a100-80gb", "1g.20gb", 1, 2, 20, 4],
  ["a100-80gb", "2g.20gb", 2, 2, 20, 3],
  ["a100-80gb", "3g.40gb", 3, 4, 40, 2],
  ["a100-80gb", "4g.40gb", 4, 4, 40, 1],
  ["a100-80gb", "7g.80gb", 7, 8, 80, 1],
  ["a100-40gb", "1g.5gb", 1, 1, 5, 7],
  ["a100-40gb", "1g.5gb+me", 1, 1, 5, 1],
  ["a100-40gb", "1g.10gb", 1, 2, 10, 4],
  ["a100-40gb", "2g.10gb", 2, 2, 10, 3],
  ["a100-40gb", "3g.20gb", 3, 4, 20, 2],
  ["a100-40gb", "4g.20gb", 4, 4, 20, 1],
  ["a100-40gb", "7g.40gb", 7, 8, 40, 1],
  ["h100-sxm", "1g.10gb", 1, 1, 10, 7],
  ["h100-sxm", "1g.10gb+me", 1, 1, 10, 1],
  ["h100-sxm", "1g.20gb", 1, 2, 20, 4],
  ["h100-sxm", "2g.20gb", 2, 2, 20, 3],
  ["h100-sxm", "3g.40gb", 3, 4, 40, 2],
  ["h100-sxm", "4g.40gb", 4, 4, 40, 1],
  ["h100-sxm", "7g.80gb", 7, 8, 80, 1],
  ["h100-pcie", "3g.40gb", 3, 4, 40, 2],
  ["h200", "1g.18gb", 1, 1, 18, 7],
  ["h200", "1g.18gb+me", 1, 1, 18, 1],
  ["h200", "1g.35gb", 1, 2, 35, 4],
  ["h200", "2g.35gb", 2, 2, 35, 3],
  ["h200", "3g.71gb", 3, 4, 71, 2],
  ["h200", "4g.71gb", 4, 4, 71, 1],
  ["h200", "7g.141gb", 7, 8, 141, 1],
] as const;

describe("MIG profile tables", () => {
  test.for(ROWS)("%s %s: %i compute, %i memory slices, %i GB, at most %i", ([gpu, name, g, m, gb, max]) => {
    const p = migProfile(gpu, name);
    expect(p.computeSlices).toBe(g);
    expect(p.memorySlices).toBe(m);
    expect(p.memoryBytes).toBe(gb * 1e9);
    expect(p.maxInstances).toBe(max);
    expect(computeShare(p)).toBe(g / 7);
    expect(memoryShare(p)).toBe(m / 8);
  });

  test("each table has the seven profiles of the facts and every placement fits the 8 memory slices", () => {
    expect(MIG_TABLES.map((t) => t.gpu)).toEqual(["A100-80GB", "A100-40GB", "H100-80GB", "H200-141GB"]);
    for (const t of MIG_TABLES) {
      expect(t.profiles).toHaveLength(7);
      expect(t.sources.length).toBeGreaterThan(0);
      for (const p of t.profiles) {
        // As many placements as instances allowed (except the +me variant, limited to one by its media engines).
        if (!p.name.endsWith("+me")) expect(p.placements).toHaveLength(p.maxInstances);
        for (const s of p.placements) expect(s + p.memorySlices).toBeLessThanOrEqual(8);
      }
    }
  });

  test("GPUs without MIG have no table, and unknown profiles are named with the GPU's list", () => {
    expect(migTableFor("l40s")).toBeUndefined();
    expect(() => migProfile("l4", "1g.10gb")).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: gpu l4 does not support mig]`,
    );
    expect(() => migProfile("h100-sxm", "1g.5gb")).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: unknown mig profile on h100-sxm: 1g.5gb (profiles: 1g.10gb, 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb)]`,
    );
  });
});
