/**
 * Scenario files: format from the extension, missing paths and directories as SCN_ERR_NOT_FOUND, the
 * 5 MiB limit, strict UTF-8, and the path as the source of every message. Uses a fresh temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isScenarioError, type ScenarioError } from "../../src/scenarios/errors.ts";
import { loadScenarioFile, MAX_SCENARIO_FILE_BYTES } from "../../src/scenarios/load-file.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "stallsim-scenarios-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `content` to `name` in the temporary folder and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The ScenarioError that loading `path` rejects with. */
async function loadError(path: string): Promise<ScenarioError> {
  const e: unknown = await loadScenarioFile(path).then(
    () => new Error(`expected ${path} to fail`),
    (err: unknown) => err,
  );
  if (!isScenarioError(e)) throw e;
  return e;
}

/** Replaces the temporary folder in messages so snapshots are stable. */
const stable = (s: string) => s.replaceAll(dir, "<tmp>");

describe("loadScenarioFile", () => {
  test.for([
    { name: "scenario.json", content: '{"name": "a", "gpus": 8}' },
    { name: "scenario.yaml", content: "name: a\ngpus: 8\n" },
    { name: "scenario.yml", content: "name: a\ngpus: 8\n" },
    { name: "SCENARIO.YAML", content: "name: a\ngpus: 8\n" },
    { name: "scenario.txt", content: "name: a\ngpus: 8\n" },
    { name: "scenario", content: '{"name": "a", "gpus": 8}' },
    { name: "bom.yaml", content: "\uFEFFname: a\ngpus: 8\n" },
  ] as const)("reads $name", async ({ name, content }) => {
    await expect(loadScenarioFile(file(name, content))).resolves.toEqual({ name: "a", gpus: 8 });
  });

  test("the extension decides the format: YAML text in a .json file is a JSON error", async () => {
    const e = await loadError(file("wrong.json", "name: a\n"));
    expect(e.code).toBe("SCN_ERR_PARSE");
    expect(stable(e.message)).toMatchInlineSnapshot(
      `"<tmp>/wrong.json:1:1: unexpected word "name" (strings need double quotes)"`,
    );
  });

  test("syntax errors name the file, line and column", async () => {
    const e = await loadError(file("broken.yaml", "name: a\njobs:\n  - gpus: 8\n    gpus: 4\n"));
    expect(e.source).toBe(join(dir, "broken.yaml"));
    expect(stable(e.message)).toMatchInlineSnapshot(`"<tmp>/broken.yaml:4:5: duplicate key "gpus""`);
  });

  test("a missing file is SCN_ERR_NOT_FOUND with the path", async () => {
    const e = await loadError(join(dir, "nope.yaml"));
    expect(e.code).toBe("SCN_ERR_NOT_FOUND");
    expect(stable(e.message)).toMatchInlineSnapshot(`"no such scenario file: "<tmp>/nope.yaml""`);
    expect((await loadError(join(dir, "scenario.json", "x.yaml"))).code).toBe("SCN_ERR_NOT_FOUND");
  });

  test("a directory is SCN_ERR_NOT_FOUND", async () => {
    mkdirSync(join(dir, "folder.yaml"));
    const e = await loadError(join(dir, "folder.yaml"));
    expect(e.code).toBe("SCN_ERR_NOT_FOUND");
    expect(stable(e.message)).toMatchInlineSnapshot(`"not a regular file: "<tmp>/folder.yaml""`);
  });

  test("a file over 5 MiB is refused before parsing", async () => {
    const e = await loadError(file("big.yaml", `a: "${"x".repeat(MAX_SCENARIO_FILE_BYTES)}"\n`));
    expect(e.code).toBe("SCN_ERR_PARSE");
    expect(stable(e.message)).toMatchInlineSnapshot(
      `"<tmp>/big.yaml: file is too large (5242886 bytes; the limit is 5 MiB)"`,
    );
    await expect(
      loadScenarioFile(file("fits.json", `"${"x".repeat(MAX_SCENARIO_FILE_BYTES - 2)}"`)),
    ).resolves.toHaveLength(MAX_SCENARIO_FILE_BYTES - 2);
  });

  test("text that is not UTF-8 is refused", async () => {
    const e = await loadError(file("latin1.yaml", Uint8Array.from([0x61, 0x3a, 0x20, 0xe9, 0x0a])));
    expect(e.code).toBe("SCN_ERR_PARSE");
    expect(stable(e.message)).toMatchInlineSnapshot(`"<tmp>/latin1.yaml: not valid UTF-8 text"`);
  });
});
