/**
 * The editable scenario document: form edits change one value of the YAML text in place (comments,
 * folded descriptions and anchors kept), merged jobs get their own copy of what they change, JSON stays
 * JSON, and paths map to the YAML lines they are written on.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { lineOf, parseScenario, valueAt, withValue, type ParsedScenario } from "../../web/scenario-doc.ts";

const bundled = (name: string) => readFileSync(`src/scenarios/bundled/${name}.yaml`, "utf8");
const ok = (p: ParsedScenario) => {
  if (!p.ok) throw new Error(`unparsed: ${JSON.stringify(p.problems)}`);
  return p;
};

describe("withValue on YAML", () => {
  const text = bundled("fleet-idle-spend");
  const parsed = ok(parseScenario(text));

  test("replaces only the characters of a written scalar, its comment kept", () => {
    const out = withValue(parsed, ["jobs", 0, "compute", "stepTime"], "90ms");
    expect(out).toBe(text.replace("stepTime: 80ms # 32 images", "stepTime: 90ms # 32 images"));
  });

  test("writes numbers as numbers and quotes strings YAML would misread", () => {
    expect(withValue(parsed, ["jobs", 0, "gpus"], 512)).toContain("gpus: 512\n");
    expect(withValue(parsed, ["jobs", 0, "name"], "a: b")).toContain('name: "a: b"\n');
  });

  test("adds a missing key, keeping the comments", () => {
    const out = withValue(parsed, ["jobs", 0, "data", "prefetch"], 4);
    expect(valueAt(ok(parseScenario(out)).data, ["jobs", 0, "data", "prefetch"])).toBe(4);
    expect(out).toContain("# Demand: ≈ 400 img/s per GPU");
    expect(out).toContain("parameters: 304M # ViT-L");
  });

  test("removes a key for an empty value", () => {
    const out = withValue(parsed, ["jobs", 0, "data", "cachePerNode"], undefined);
    expect(out).not.toContain("cachePerNode");
    expect(valueAt(ok(parseScenario(out)).data, ["jobs", 0, "data", "workers"])).toBe(8);
  });
});

describe("merge keys", () => {
  const parsed = ok(parseScenario(bundled("checkpoint-vs-reads")));

  test("a merged job reads the values it inherits", () => {
    expect(valueAt(parsed.data, ["jobs", 1, "gpus"])).toBe(8);
    expect(valueAt(parsed.data, ["jobs", 1, "data", "sampleSize"])).toBe("40MB");
  });

  test("a change to a merged job's nested value copies the inherited map, leaving the other jobs alone", () => {
    const out = ok(parseScenario(withValue(parsed, ["jobs", 1, "data", "workers"], 9)));
    expect(valueAt(out.data, ["jobs", 1, "data"])).toEqual({
      ...(valueAt(parsed.data, ["jobs", 0, "data"]) as object),
      workers: 9,
    });
    expect(valueAt(out.data, ["jobs", 0, "data", "workers"])).toBe(4);
    expect(valueAt(out.data, ["jobs", 2, "data", "workers"])).toBe(4);
    expect(out.text).toContain("- <<: *job");
  });
});

describe("JSON", () => {
  test("stays JSON", () => {
    const text = readFileSync("docs/examples/my-cluster.json", "utf8");
    const out = withValue(ok(parseScenario(text)), ["jobs", 0, "gpus"], 32);
    expect(JSON.parse(out).jobs[0].gpus).toBe(32);
    expect(parseScenario(out).format).toBe("json");
  });
});

describe("parseScenario", () => {
  test("reports syntax errors with their line", () => {
    const p = parseScenario("name: x\njobs: [a\n");
    expect(p.ok).toBe(false);
    expect(!p.ok && p.problems[0]?.line).toBeGreaterThan(0);
  });

  test("rejects duplicate keys", () => {
    expect(parseScenario("a: 1\na: 2\n").ok).toBe(false);
  });
});

describe("lineOf", () => {
  const parsed = ok(parseScenario(bundled("checkpoint-vs-reads")));
  const lines = parsed.text.split("\n");

  test.for([
    { path: ["storage", "lustre", "preset"], line: "    preset: fsx-lustre" },
    { path: ["jobs", 2, "checkpoint", "priority"], line: "      priority: 0.2" },
    { path: ["jobs", 0, "data", "sampleSize"], line: "      sampleSize: 40MB" },
  ])("$path is on the line that writes it", ({ path, line }) => {
    expect(lines[lineOf(parsed, path)! - 1]).toBe(line);
  });

  test("an inherited value points at its job", () => {
    expect(lines[lineOf(parsed, ["jobs", 1, "gpus"])! - 1]).toBe("  - <<: *job");
  });
});
