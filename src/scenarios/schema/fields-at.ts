/**
 * The field names the scenario schema allows at a path of a document (`["jobs", 0, "data"]` → the data
 * pipeline's fields), looking through optional/default wrappers, unit pipes and unions, into arrays' elements and
 * records' values. For "did you mean" on unknown keys.
 */
import type { z } from "zod";
import { Scenario } from "./scenario.ts";

type Schema = z.core.$ZodType;
type Def = { type: string } & Record<string, unknown>;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas `s` stands for once wrappers and pipes are looked through and unions are opened. */
export function members(s: Schema): Schema[] {
  const d = defOf(s);
  if (WRAPPERS.has(d.type)) return members(d.innerType as Schema);
  if (d.type === "pipe") return members(d.in as Schema);
  if (d.type === "lazy") return members((d.getter as () => Schema)());
  if (d.type === "union") return (d.options as Schema[]).flatMap(members);
  return [s];
}

/** The fields an object at `path` may have (empty when the path leads to no object). */
export function fieldsAt(path: readonly (string | number)[], schema: Schema = Scenario as unknown as Schema): string[] {
  let here = members(schema);
  for (const seg of path) {
    const next: Schema[] = [];
    for (const s of here) {
      const d = defOf(s);
      if (d.type === "object" && typeof seg === "string") {
        const shape = d.shape as Record<string, Schema>;
        if (Object.hasOwn(shape, seg)) next.push(...members(shape[seg]!));
      } else if (d.type === "record") next.push(...members(d.valueType as Schema));
      else if (d.type === "array" && typeof seg === "number") next.push(...members(d.element as Schema));
    }
    here = next;
  }
  const out = new Set<string>();
  for (const s of here) {
    const d = defOf(s);
    if (d.type === "object") for (const k of Object.keys(d.shape as object)) out.add(k);
  }
  return [...out];
}
