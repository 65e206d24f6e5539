/**
 * Checking a `--param` path against the scenario schema (src/scenarios/schema) and the document being swept,
 * before any point is built, so a misspelt field is an error with a "did you mean" instead of a sweep whose
 * parameter silently does nothing. Rules, walking the Zod schema:
 * - an object's field must be one of its fields (the suggestion comes from those);
 * - a record's key (a storage binding) must exist in the document: a new binding would not be used;
 * - an array's index must be an integer that exists in the document (`jobs[2]` of three jobs);
 * - a union continues into whichever member accepts the segment (`checkpoint.interval.steps`);
 * - nothing continues below a value (`data.workers.x`).
 * Optional, default and prefault wrappers and unit pipes are looked through.
 */
import type { z } from "zod";
import { formatPath } from "../../scenarios/errors.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";
import { members } from "../../scenarios/schema/fields-at.ts";
import { Scenario } from "../../scenarios/schema/scenario.ts";
import { unknownNameMessage } from "../../scenarios/suggest.ts";
import { SweepError } from "./errors.ts";
import type { PathSegments } from "./path.ts";

type Schema = z.core.$ZodType;
type Def = { type: string } & Record<string, unknown>;

const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const isRecord = (v: unknown): v is Record<string, PlainValue> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Checks `segments` against `schema` (default: the scenario schema) and `document`; returns the canonical
 * path, with array indices as numbers (`["jobs", 0, "data", "workers"]`).
 * @throws SweepError (`SWP_ERR_PARAM`) naming the path and the first segment that fails, with a "did you
 *   mean" for a misspelt field or storage binding.
 */
export function checkSchemaPath(
  segments: PathSegments,
  document: PlainValue,
  schema: Schema = Scenario as unknown as Schema,
): (string | number)[] {
  const out: (string | number)[] = [];
  let candidates = members(schema);
  let doc: PlainValue | undefined = document;
  const fail = (why: string): never => {
    const shown = segments.map((seg) => (typeof seg === "string" && /^\d+$/.test(seg) ? Number(seg) : seg));
    throw new SweepError("SWP_ERR_PARAM", `${formatPath(shown)}: ${why}`);
  };
  for (const seg of segments) {
    const here = out.length === 0 ? "the scenario" : formatPath(out);
    const next: Schema[] = [];
    const fields: string[] = [];
    let key: string | number | undefined;
    let arrayAt = false;
    let recordAt = false;
    for (const c of candidates) {
      const d = defOf(c);
      if (d.type === "object") {
        const shape = d.shape as Record<string, Schema>;
        fields.push(...Object.keys(shape));
        if (typeof seg === "string" && Object.hasOwn(shape, seg)) {
          next.push(...members(shape[seg]!));
          key = seg;
        }
      } else if (d.type === "record") {
        recordAt = true;
        if (typeof seg === "string" && isRecord(doc) && Object.hasOwn(doc, seg)) {
          next.push(...members(d.valueType as Schema));
          key = seg;
        }
      } else if (d.type === "array") {
        arrayAt = true;
        const index = typeof seg === "number" ? seg : /^\d+$/.test(seg) ? Number(seg) : undefined;
        if (index !== undefined && Array.isArray(doc) && index < doc.length) {
          next.push(...members(d.element as Schema));
          key = index;
        }
      }
    }
    if (key === undefined) {
      const name = String(seg);
      if (fields.length > 0) fail(unknownNameMessage("field", name, fields));
      if (recordAt) fail(unknownNameMessage(`${here} entry`, name, isRecord(doc) ? Object.keys(doc) : []));
      if (arrayAt) {
        const n = Array.isArray(doc) ? doc.length : 0;
        fail(
          `${here} has ${n} entr${n === 1 ? "y" : "ies"}; ${JSON.stringify(name)} is not an index from 0 to ${n - 1}`,
        );
      }
      fail(`${here} is a value, not an object`);
    }
    out.push(key!);
    doc = Array.isArray(doc) && typeof key === "number" ? doc[key] : isRecord(doc) ? doc[key as string] : undefined;
    candidates = next;
  }
  return out;
}
