/**
 * Setting a value at a path in plain scenario data without changing the original: the objects and arrays
 * along the path are copied, everything else is shared. Keys keep their place (a new key goes last); a
 * missing or non-object container along the path becomes a new object, so `jobs[0].failures.gpuMtbf` on a
 * job without `failures` adds `failures: { gpuMtbf }` (and with it, failures).
 */
import { formatPath } from "../../scenarios/errors.ts";
import type { PlainValue } from "../../scenarios/parse-text.ts";

const isObject = (v: unknown): v is { [key: string]: PlainValue } =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * `document` with `value` at `path`; `document` itself is not modified.
 * @throws RangeError when a numeric segment meets something other than an array with that index (paths
 *   are checked against the document first, see schema-path.ts), or a string segment meets an array.
 */
export function setPath(document: PlainValue, path: readonly (string | number)[], value: PlainValue): PlainValue {
  const go = (node: PlainValue | undefined, depth: number): PlainValue => {
    if (depth === path.length) return value;
    const seg = path[depth]!;
    if (typeof seg === "number") {
      if (!Array.isArray(node) || !(seg >= 0 && seg < node.length)) {
        throw new RangeError(`cannot set ${formatPath(path)}: ${formatPath(path.slice(0, depth + 1))} does not exist`);
      }
      const copy = node.slice();
      copy[seg] = go(node[seg], depth + 1);
      return copy;
    }
    if (Array.isArray(node)) {
      throw new RangeError(`cannot set ${formatPath(path)}: ${formatPath(path.slice(0, depth))} is a list`);
    }
    const base = isObject(node) ? node : {};
    // A computed key defines an own property, even for "__proto__".
    return { ...base, [seg]: go(Object.hasOwn(base, seg) ? base[seg] : undefined, depth + 1) };
  };
  return go(document, 0);
}
