/**
 * Scenario text to plain data: format detection, JSON and YAML syntax errors with line:column, duplicate
 * keys in both, multi-document and empty YAML, aliases expanded into a tree, and a differential test of
 * our JSON parser against JSON.parse on valid and invalid inputs.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { isScenarioError, type ScenarioError } from "../../src/scenarios/errors.ts";
import { MAX_NESTING, parseScenarioText, type ParseTextOptions } from "../../src/scenarios/parse-text.ts";

/** The error thrown by parsing `text`; fails the test when parsing succeeds or throws something else. */
function parseError(text: string, options: ParseTextOptions = {}): ScenarioError {
  try {
    parseScenarioText(text, options);
  } catch (e) {
    if (isScenarioError(e)) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

/** The messages of the issues of the error thrown by parsing `text` as `scenario.<format>`. */
const messages = (text: string, format?: "json" | "yaml") =>
  parseError(text, { source: `scenario.${format ?? "txt"}`, format }).issues.map((i) => i.message);

const SCENARIO = { name: "llama", jobs: [{ gpus: 8, dataset: { sampleSize: "40GB" } }], spot: false, note: null };

describe("format detection", () => {
  test.for([
    { name: "JSON object", text: JSON.stringify(SCENARIO) },
    { name: "JSON with leading whitespace", text: `\n  ${JSON.stringify(SCENARIO, null, 2)}\n` },
    { name: "JSON with a byte-order mark", text: `\uFEFF${JSON.stringify(SCENARIO)}` },
    {
      name: "YAML block style",
      text: "name: llama\njobs:\n  - gpus: 8\n    dataset:\n      sampleSize: 40GB\nspot: false\nnote: ~\n",
    },
    {
      name: "YAML with a document marker and comments",
      text: "--- # a scenario\nname: llama # the model\njobs: [{gpus: 8, dataset: {sampleSize: 40GB}}]\nspot: false\nnote: null\n",
    },
  ] as const)("$name parses to the same plain data", ({ text }) => {
    expect(parseScenarioText(text)).toEqual(SCENARIO);
  });

  test("an explicit format overrides detection", () => {
    expect(parseScenarioText('{"a": 1}', { format: "yaml" })).toEqual({ a: 1 });
    expect(messages("a: 1", "json")).toMatchInlineSnapshot(`
      [
        "scenario.json:1:1: unexpected word "a" (strings need double quotes)",
      ]
    `);
  });

  test("YAML 1.2 core schema: yes/no and 1_000 stay strings, 0x1F is a number, dates are not parsed", () => {
    expect(parseScenarioText("a: yes\nb: 1_000\nc: 0x1F\nd: 2024-01-01\ne: 40GB\nf: '90%'\n")).toEqual({
      a: "yes",
      b: "1_000",
      c: 31,
      d: "2024-01-01",
      e: "40GB",
      f: "90%",
    });
  });
});

describe("JSON syntax errors give line:column", () => {
  test.for([
    { name: "missing value", text: '{\n  "a": \n}' },
    { name: "trailing comma in an object", text: '{\n  "a": 1,\n}' },
    { name: "trailing comma in an array", text: '{"a": [1, 2,]}' },
    { name: "single quotes", text: "{'a': 1}" },
    { name: "unquoted key", text: "{a: 1}" },
    { name: "comment", text: '{\n  // size\n  "a": 1\n}' },
    { name: "bad literal", text: '{"a": tru}' },
    { name: "leading zero", text: '{"a": 01}' },
    { name: "bare minus", text: "[-]" },
    { name: "unterminated string", text: '{"a": "abc' },
    { name: "line break in a string", text: '{"a": "ab\nc"}' },
    { name: "bad escape", text: '["\\q"]' },
    { name: "bad unicode escape", text: '["\\u12G4"]' },
    { name: "missing colon", text: '{"a" 1}' },
    { name: "missing comma", text: "[1 2]" },
    { name: "unclosed object", text: '{"a": 1' },
    { name: "text after the value", text: '{"a": 1}\n{"b": 2}' },
  ] as const)("$name", ({ text }) => {
    const e = parseError(text, { source: "scenario.json" });
    expect(e.code).toBe("SCN_ERR_PARSE");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toEqual([]);
    expect(e.issues[0]!.message).toMatch(/^scenario\.json:\d+:\d+: /);
  });

  test("messages pinned", () => {
    const cases = [
      '{\n  "a": \n}',
      '{\n  "a": 1,\n}',
      "{'a': 1}",
      "{a: 1}",
      '{\n  // size\n  "a": 1\n}',
      '{"a": tru}',
      '{"a": 01}',
      '{"a": "abc',
      '{"a": "ab\nc"}',
      '["\\q"]',
      '{"a" 1}',
      "[1 2]",
      '{"a": 1',
      '{"a": 1}\n{"b": 2}',
    ];
    expect(cases.map((t) => messages(t, "json")[0])).toMatchInlineSnapshot(`
      [
        "scenario.json:3:1: expected a value, found "}"",
        "scenario.json:3:1: trailing comma is not allowed in JSON",
        "scenario.json:1:2: strings must use double quotes in JSON",
        "scenario.json:1:2: expected a key in double quotes, found "a"",
        "scenario.json:2:3: comments are not allowed in JSON",
        "scenario.json:1:7: unexpected word "tru" (strings need double quotes)",
        "scenario.json:1:7: invalid number "01"",
        "scenario.json:1:7: unterminated string",
        "scenario.json:1:10: unterminated string (line break inside a string)",
        "scenario.json:1:3: invalid escape "\\\\q" in string",
        "scenario.json:1:6: expected ":" after a key, found "1"",
        "scenario.json:1:4: expected "," or "]" after a value in an array, found "2"",
        "scenario.json:1:8: expected "," or "}" after a value in an object, found end of input",
        "scenario.json:2:1: unexpected "{" after the end of the JSON value",
      ]
    `);
  });

  test("the issue carries line and column; without a source the label is <input>", () => {
    expect(parseError('{\n  "a": [1,\n    ]\n}').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "syntax_error",
          "column": 5,
          "line": 3,
          "message": "<input>:3:5: trailing comma is not allowed in JSON",
          "path": [],
        },
      ]
    `);
  });
});

describe("duplicate keys are errors", () => {
  test("in JSON, at any depth, pointing at the second key", () => {
    expect(messages('{"a": 1, "a": 2}', "json")).toMatchInlineSnapshot(`
      [
        "scenario.json:1:10: duplicate key "a" at the top level",
      ]
    `);
    expect(messages('{"jobs": [{"dataset": {"size": 1,\n "size": 2}}]}', "json")).toMatchInlineSnapshot(`
      [
        "scenario.json:2:2: duplicate key "size" in jobs[0].dataset",
      ]
    `);
    expect(parseError('{"a": 1, "a": 2}').issues[0]!.code).toBe("duplicate_key");
  });

  test("in YAML, pointing at the second key", () => {
    expect(messages("jobs:\n  - dataset:\n      size: 1\n      size: 2\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:4:7: duplicate key "size"",
      ]
    `);
    expect(messages("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:5:3: duplicate key "<<" (to merge several anchors write <<: [*a, *b])",
      ]
    `);
    expect(messages("'a': 1\n\"a\": 2\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:2:1: duplicate key "a"",
      ]
    `);
  });

  test("equal keys in different objects are fine", () => {
    expect(parseScenarioText('{"a": {"x": 1}, "b": {"x": 2}}')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });
});

describe("YAML errors", () => {
  test("syntax errors give line:column, all of them, in order", () => {
    expect(messages("a: [1, 2\nb: 3\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:2:1: flow sequence in block collection must be sufficiently indented and end with a ]",
      ]
    `);
    expect(messages("a:\n\tb: 1\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:2:1: tabs are not allowed as indentation",
      ]
    `);
    expect(messages("a: 'x\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:2:1: missing closing 'quote",
      ]
    `);
  });

  test("more than one document is rejected, pointing at the second", () => {
    expect(parseError("a: 1\n---\nb: 2\n", { source: "s.yaml" }).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "multiple_documents",
          "column": 1,
          "line": 2,
          "message": "s.yaml:2:1: a second YAML document starts here; a scenario file holds exactly one",
          "path": [],
        },
      ]
    `);
  });

  test("an empty or comment-only document is rejected", () => {
    expect(messages("", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:1: empty document (expected a scenario)",
      ]
    `);
    expect(messages("# nothing here\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:1: empty document (expected a scenario)",
      ]
    `);
    expect(messages("---\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:1: empty document (expected a scenario)",
      ]
    `);
    expect(messages("   \n")).toMatchInlineSnapshot(`
      [
        "scenario.txt:1:1: empty document (expected a scenario)",
      ]
    `);
  });

  test("tags are not resolved into non-JSON values: unknown and YAML 1.1 tags are errors", () => {
    expect(messages("a: !!timestamp 2001-12-14\nb: !!binary aGk=\nc: !custom x\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:4: unsupported tag !!timestamp (scenario files use plain values)",
        "scenario.yaml:2:4: unsupported tag !!binary (scenario files use plain values)",
        "scenario.yaml:3:4: unsupported tag !custom (scenario files use plain values)",
      ]
    `);
  });

  test("non-scalar keys are errors", () => {
    expect(messages("? [a, b]\n: 1\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:3: keys must be strings, not lists or maps",
      ]
    `);
  });

  test("an alias to an unknown anchor is an error pointing at the alias", () => {
    expect(messages("a: 1\nb: *nope\n", "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:2:4: unresolved alias (the anchor must be set before the alias): nope",
      ]
    `);
  });

  test("after 20 errors the rest are summarised", () => {
    const issues = messages("a: 1\n".repeat(30), "yaml");
    expect(issues).toHaveLength(21);
    expect(issues.slice(19)).toMatchInlineSnapshot(`
      [
        "scenario.yaml:21:1: duplicate key "a"",
        "scenario.yaml:22:1: duplicate key "a" (and 8 more errors)",
      ]
    `);
  });

  test("an alias bomb is stopped", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, cur] of ["ab", "bc", "cd", "de", "ef", "fg"])
      lines.push(`${cur}: &${cur} [${`*${prev},`.repeat(9)}]`);
    expect(messages(lines.join("\n"), "yaml")).toMatchInlineSnapshot(`
      [
        "scenario.yaml:1:1: excessive alias count indicates a resource exhaustion attack",
      ]
    `);
  });
});

describe("plain data out", () => {
  test("anchors, aliases and merge keys are expanded into a tree without shared objects", () => {
    const data = parseScenarioText(
      "defaults: &d {gpus: 8, storage: ebs-gp3}\njobs:\n  - <<: *d\n    name: a\n  - <<: *d\n    gpus: 4\n    name: b\nalso: *d\n",
    ) as { defaults: object; also: object; jobs: object[] };
    expect(data).toEqual({
      defaults: { gpus: 8, storage: "ebs-gp3" },
      jobs: [
        { gpus: 8, storage: "ebs-gp3", name: "a" },
        { gpus: 4, storage: "ebs-gp3", name: "b" },
      ],
      also: { gpus: 8, storage: "ebs-gp3" },
    });
    expect(data.also).not.toBe(data.defaults);
  });

  test("objects are plain and a __proto__ key is data, not a prototype", () => {
    for (const text of ['{"__proto__": {"polluted": true}}', "__proto__: {polluted: true}\n"]) {
      const data = parseScenarioText(text) as Record<string, unknown>;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.keys(data)).toEqual(["__proto__"]);
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    }
  });

  test("scalars and arrays at the top level are returned as they are", () => {
    expect(parseScenarioText("[1, 2]")).toEqual([1, 2]);
    expect(parseScenarioText("- a\n- b\n")).toEqual(["a", "b"]);
    expect(parseScenarioText("hello")).toBe("hello");
  });

  test(`nesting deeper than ${MAX_NESTING} levels is rejected before it can overflow the stack`, () => {
    // A million levels (2 MB, under the file limit) once aborted the process inside yaml's recursive composer;
    // 100k levels are enough to take the same path (and far more than the stack holds) in a tenth of the time.
    const n = 100_000;
    const deep = {
      json: "[".repeat(n) + "]".repeat(n),
      flow: "[".repeat(n) + "]".repeat(n),
      compact: "- ".repeat(n) + "x",
      block: "a:\n" + Array.from({ length: 300 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n") + "x",
      aliases: "a: &a " + "[".repeat(200) + "]".repeat(200) + "\nb: &b " + "[*a, ".repeat(100) + "]".repeat(100) + "\n",
    };
    expect({
      json: messages(deep.json, "json"),
      flow: messages(deep.flow, "yaml"),
      compact: messages(deep.compact, "yaml"),
      block: messages(deep.block, "yaml"),
      aliases: messages(deep.aliases, "yaml"),
    }).toMatchInlineSnapshot(`
      {
        "aliases": [
          "scenario.yaml:1:1: nesting deeper than 256 levels after expanding aliases",
        ],
        "block": [
          "scenario.yaml:258:258: nesting deeper than 256 levels",
        ],
        "compact": [
          "scenario.yaml:1:515: nesting deeper than 256 levels",
        ],
        "flow": [
          "scenario.yaml:1:258: nesting deeper than 256 levels",
        ],
        "json": [
          "scenario.json:1:258: nesting deeper than 256 levels",
        ],
      }
    `);
    const ok = "[".repeat(MAX_NESTING) + "]".repeat(MAX_NESTING);
    expect(parseScenarioText(ok)).toEqual(parseScenarioText(ok, { format: "yaml" }));
  });
});

describe("our JSON parser agrees with JSON.parse", () => {
  propTest.prop([fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2)], { seed: 11, numRuns: 500 })(
    "on valid JSON, with and without indentation",
    (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      expect(parseScenarioText(text, { format: "json" })).toEqual(JSON.parse(text));
    },
  );

  propTest.prop([fc.string({ unit: fc.constantFrom(..."{}[]:,\"\\ 01-.eE+tfnrulsa\n\t/'"), maxLength: 30 })], {
    seed: 12,
    numRuns: 3000,
  })("on arbitrary text: it fails exactly when JSON.parse fails or a key is duplicated", (text) => {
    let expected: "ok" | "error";
    try {
      JSON.parse(text);
      expected = "ok";
    } catch {
      expected = "error";
    }
    let actual: "ok" | "error" | "duplicate";
    try {
      const value = parseScenarioText(text, { format: "json" });
      expect(value).toEqual(JSON.parse(text));
      actual = "ok";
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      actual = e.issues[0]!.code === "duplicate_key" ? "duplicate" : "error";
    }
    // A duplicate key is valid for JSON.parse (the last one wins) and an error for us.
    expect(actual === "duplicate" ? "ok" : actual).toBe(expected);
  });
});
