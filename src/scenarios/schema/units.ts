/**
 * Zod schemas for human units (STYLE.md §9). Each accepts `number | string` (`z.input`) and outputs the
 * canonical number (`z.output`): bytes, bytes/s, integer µs (`SimTime`), a fraction, USD or a count. A bad
 * value becomes one issue with code `custom` at the field's path, whose message is the parser's:
 * `invalid size "40 GX": unknown unit "GX" (use B, KB, …)`. A missing field or a value of another type
 * reads `required: a size such as "40GB" or a number of bytes` / `expected a size such as …, got boolean`.
 *
 * Composition:
 * - bounds after the conversion: `zBytes.pipe(z.number().max(2 ** 40, { error: "at most 1 TiB" }))`; the
 *   issue keeps the field's path, but the bound is in canonical units, so give it a message in human ones;
 * - defaults: `.prefault("2h")` parses the human default; `.default(hours(2))` takes the canonical value;
 * - the `zPositive*` variants reject 0 with the original text in the message.
 * JSON Schema (`z.toJSONSchema(s, { io: "input" })`) shows `{ "type": ["number", "string"] }` with a description.
 */
import { z } from "zod";
import type { SimTime } from "../../sim/time.ts";
import {
  parseBytes,
  parseCount,
  parseDuration,
  parseFraction,
  parseRate,
  parseUsd,
  type UnitInput,
  type UnitParser,
} from "../units.ts";

/** How a unit schema names its values in messages and docs. */
export interface UnitSchemaOptions {
  /** Noun used in messages, as the parser uses it: `size`, `rate`, `duration`… */
  readonly kind: string;
  /** What a valid value looks like, after "a size such as": `"40GB" or a number of bytes`. */
  readonly expected: string;
  /** Reject 0 (negative values are rejected by every parser). */
  readonly positive?: boolean;
}

const describeType = (input: unknown): string =>
  input === null ? "null" : Array.isArray(input) ? "array" : Number.isNaN(input) ? "NaN" : typeof input;

/**
 * A Zod schema from a unit parser: `number | string` in, `T` out, parser failures as `custom` issues.
 * Use it for unit types not covered below.
 */
export function unitSchema<T extends number>(parse: UnitParser<T>, options: UnitSchemaOptions) {
  const { kind, expected, positive = false } = options;
  return z
    .union([z.number(), z.string()], {
      error: (iss) =>
        iss.input === undefined
          ? `required: a ${kind} such as ${expected}`
          : `expected a ${kind} such as ${expected}, got ${describeType(iss.input)}`,
    })
    .describe(`a ${kind} such as ${expected}`)
    .transform((input: UnitInput, ctx): T => {
      const result = parse(input);
      if (!result.ok) {
        ctx.issues.push({ code: "custom", message: result.message, input });
        return z.NEVER;
      }
      if (positive && result.value <= 0) {
        const shown = typeof input === "string" ? JSON.stringify(input) : String(input);
        ctx.issues.push({ code: "custom", message: `invalid ${kind} ${shown}: must be greater than 0`, input });
        return z.NEVER;
      }
      return result.value;
    });
}

const BYTES = { kind: "size", expected: '"40GB" or a number of bytes' } as const;
const RATE = { kind: "rate", expected: '"1.5GB/s", "10Gbps" or a number of bytes/s' } as const;
const DURATION = { kind: "duration", expected: '"90s", "2h", "1h30m" or a number of seconds' } as const;
const COUNT = { kind: "count", expected: '"70B", "1.5M" or a whole number' } as const;

/** Size → integer bytes (see `parseBytes`); 0 allowed. */
export const zBytes = unitSchema(parseBytes, BYTES);
/** Size → integer bytes, greater than 0. */
export const zPositiveBytes = unitSchema(parseBytes, { ...BYTES, positive: true });
/** Rate → bytes/s (see `parseRate`); 0 allowed. */
export const zRate = unitSchema(parseRate, RATE);
/** Rate → bytes/s, greater than 0. */
export const zPositiveRate = unitSchema(parseRate, { ...RATE, positive: true });
/** Duration → integer µs `SimTime` (numbers are seconds; see `parseDuration`); 0 allowed. */
export const zDuration = unitSchema<SimTime>(parseDuration, DURATION);
/** Duration → integer µs `SimTime`, greater than 0. */
export const zPositiveDuration = unitSchema<SimTime>(parseDuration, { ...DURATION, positive: true });
/** Fraction in [0, 1] from `0.9` or `"90%"` (see `parseFraction`). */
export const zFraction = unitSchema(parseFraction, { kind: "fraction", expected: '"90%" or a number from 0 to 1' });
/** Money → USD from `2.5` or `"$2.50"` (see `parseUsd`); 0 allowed. */
export const zUsd = unitSchema(parseUsd, { kind: "amount", expected: '"$2.50" or a number of USD' });
/** Count → non-negative integer from `70e9`, `"70B"`, `"16k"` (see `parseCount`); 0 allowed. */
export const zCount = unitSchema(parseCount, COUNT);
/** Count → integer greater than 0. */
export const zPositiveCount = unitSchema(parseCount, { ...COUNT, positive: true });
