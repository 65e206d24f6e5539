/**
 * Validation issues land next to the field with their exact path, else at the job or storage binding
 * they are under, else by the text editor.
 */
import { describe, expect, test } from "vitest";
import { formSections, parseFieldInput } from "../../web/form-fields.ts";
import { formatPath, placeIssues } from "../../web/issues.ts";

const data = {
  name: "x",
  cluster: { nodeType: "p5.48xlarge" },
  storage: { d: { preset: "ebs-gp3" } },
  jobs: [{ name: "j", gpus: 8, steps: 1, data: { storage: "d" }, checkpoint: { storage: "d" } }],
};
const sections = formSections(data, { storagePresets: ["ebs-gp3"], nodeTypes: ["p5.48xlarge"] });
const issue = (path: (string | number)[]) => ({ code: "custom", path, message: `bad ${path.join(".")}` });

describe("placeIssues", () => {
  test.for([
    { path: ["jobs", 0, "gpus"], where: "field", key: "jobs.0.gpus" },
    { path: ["storage", "d", "preset"], where: "field", key: "storage.d.preset" },
    { path: ["cluster", "nodeType"], where: "field", key: "cluster.nodeType" },
    { path: ["jobs", 0, "compute"], where: "section", key: "jobs.0" },
    { path: ["storage", "d", "overrides", "readLatency"], where: "section", key: "storage.d" },
    { path: ["description"], where: "editor", key: "" },
    { path: [], where: "editor", key: "" },
  ] as const)("$path goes to the $where", ({ path, where, key }) => {
    const placed = placeIssues([issue([...path])], sections);
    if (where === "field") expect([...placed.byField.keys()]).toEqual([key]);
    if (where === "section") expect([...placed.bySection.keys()]).toEqual([key]);
    if (where === "editor") expect(placed.editor).toHaveLength(1);
  });
});

describe("formSections", () => {
  test("has the scenario, each binding and each job, checkpoint fields only where the job checkpoints", () => {
    expect(sections.map((s) => s.title)).toEqual(["Scenario", "Storage · d", "Job · j"]);
    const job = sections[2]!.fields.map((f) => f.path.slice(2).join("."));
    expect(job).toContain("checkpoint.interval");
    expect(job).not.toContain("failures.gpuMtbf");
  });
});

test.for([
  { kind: "count", text: "8", value: 8 },
  { kind: "count", text: "-1", value: -1 },
  { kind: "count", text: "1,024", value: "1,024" },
  { kind: "unit", text: " 40MB ", value: "40MB" },
  { kind: "unit", text: "1e9", value: 1e9 },
  { kind: "select", text: "42", value: "42" },
  { kind: "unit", text: "  ", value: undefined },
] as const)("parseFieldInput($kind, $text) is $value", ({ kind, text, value }) => {
  expect(parseFieldInput(kind, text)).toBe(value);
});

test("formatPath", () => {
  expect(formatPath(["jobs", 0, "data", "sampleSize"])).toBe("jobs[0].data.sampleSize");
  expect(formatPath([])).toBe("(document)");
});
