/**
 * JSON for model data: `Infinity` means "unlimited" in the models, and JSON has no Infinity, so non-finite
 * numbers become `null` (as profile files and `stallsim list --json` write them).
 */

/** A deep copy of `value` with every non-finite number replaced by null. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v)),
  );
}
