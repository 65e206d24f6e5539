/**
 * Human units in scenario files. Each parser takes what a person writes (`"40GB"`, `"10Gbps"`, `"1h30m"`,
 * `"90%"`, `"$2.50"`, `"70B"`) or a plain number, and returns the canonical value: bytes, bytes/s, integer
 * microseconds (`SimTime`), a fraction in [0, 1], USD, or a count. Parsers never throw; they return a
 * `UnitResult` whose failure message names the input and what was wrong, e.g.
 * `invalid size "40 GX": unknown unit "GX" (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)`.
 * The Zod schemas in `schema/units.ts` turn these messages into issues.
 *
 * Common rules: surrounding whitespace and a space between number and unit are allowed; a numeric string
 * (`"4096"`) means the same as the number; decimal exponents (`"1e9"`) are allowed; negative values and
 * non-finite numbers are rejected. Decimal scaling is exact (`"1.1k"` is 1100, not 1100.0000000000002).
 */
import { days, hours, minutes, ms, s, us, type SimTime } from "../sim/time.ts";

/** The outcome of parsing one value: the canonical number, or a lower-case message naming the input. */
export type UnitResult<T extends number = number> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** What every parser accepts. */
export type UnitInput = number | string;

/** A parser from human units to a canonical number. */
export type UnitParser<T extends number = number> = (input: UnitInput) => UnitResult<T>;

/** Unsigned decimal number with an optional exponent; groups: mantissa, exponent. */
const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?`;
/** A whole value: optional sign, number, optional unit; groups: sign, mantissa, exponent, unit. */
const VALUE = new RegExp(String.raw`^([+-]?)\s*${NUMBER}\s*(.*)$`, "s");

const SIZE_UNITS = "B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB";
const RATE_UNITS = "B/s, KB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s, TiB/s, or bits: Mb/s, Gb/s, Gbps, Gbit/s";
const DURATION_UNITS = "us, ms, s, m or min, h, d";
const PREFIX_POWER: Readonly<Record<string, number>> = { "": 0, K: 1, M: 2, G: 3, T: 4, P: 5 };

const ok = <T extends number>(value: T): UnitResult<T> => ({ ok: true, value });
const show = (input: UnitInput): string => (typeof input === "string" ? JSON.stringify(input) : String(input));
const fail = (kind: string, input: UnitInput, reason: string): UnitResult<never> => ({
  ok: false,
  message: `invalid ${kind} ${show(input)}: ${reason}`,
});

/** `mantissa × 10^(exponent + shift)`, correctly rounded (no binary multiplication error). */
const decimal = (mantissa: string, exponent: string | undefined, shift = 0): number =>
  Number(`${mantissa}e${Number(exponent ?? 0) + shift}`);

interface Split {
  readonly negative: boolean;
  readonly mantissa: string;
  readonly exponent: string | undefined;
  readonly unit: string;
}

/** Splits `" -1.5e3 GiB "` into sign, number and unit; `undefined` when it does not start with a number. */
function split(text: string): Split | undefined {
  const m = VALUE.exec(text.trim());
  if (!m) return undefined;
  return { negative: m[1] === "-", mantissa: m[2]!, exponent: m[3], unit: m[4]! };
}

/** Checks a plain number input: finite and not negative. */
function checkNumber(kind: string, input: number): UnitResult<never> | undefined {
  if (!Number.isFinite(input)) return fail(kind, input, "not a finite number");
  if (input < 0) return fail(kind, input, "must not be negative");
  return undefined;
}

/**
 * Checks a string input and splits it; a failure result when empty, not numeric or negative.
 * `expected` completes "expected …", e.g. `a number and a unit, e.g. "40GB"`.
 */
function splitChecked(kind: string, input: string, expected: string): Split | UnitResult<never> {
  if (input.trim() === "") return fail(kind, input, `empty (expected ${expected})`);
  const parts = split(input);
  if (!parts) return fail(kind, input, `expected ${expected}`);
  if (parts.negative) return fail(kind, input, "must not be negative");
  return parts;
}

interface SizeUnit {
  /** Upper-case SI prefix letter, or "" for none. */
  readonly prefix: string;
  readonly binary: boolean;
  /** "bytes", "bits", or "none" for a bare prefix such as `"4Gi"`. */
  readonly base: "bytes" | "bits" | "none";
}

/** Reads `GB`, `GiB`, `Gb`, `Gbit`, `G`, `Gi`, `B`, `bytes`… Prefixes are case-insensitive; `b` is bits. */
function sizeUnit(unit: string): SizeUnit | undefined {
  const m = /^(?:([kmgtp])(i)?)?(b|bits?|bytes?)?$/i.exec(unit);
  if (!m) return undefined;
  const base = m[3];
  return {
    prefix: (m[1] ?? "").toUpperCase(),
    binary: m[2] !== undefined,
    base: base === undefined ? "none" : base === "b" || /^bits?$/i.test(base) ? "bits" : "bytes",
  };
}

/** The byte-form spelling of a unit, for "did you mean" hints: `Gib` → `GiB`. */
const byteSpelling = (u: SizeUnit): string => `${u.prefix}${u.binary ? "i" : ""}B`;

/** The value of `parts` in units of `u` (bytes or bits, whichever `u` names). */
function scaled(parts: Split, u: SizeUnit): number {
  const power = PREFIX_POWER[u.prefix] ?? 0;
  return u.binary
    ? decimal(parts.mantissa, parts.exponent) * 2 ** (10 * power)
    : decimal(parts.mantissa, parts.exponent, 3 * power);
}

/**
 * Parses a size to integer bytes (rounded to nearest). Accepts a number of bytes, `"4096"`, decimal units
 * `B KB MB GB TB PB` (powers of 10), binary units `KiB MiB GiB TiB PiB` (powers of 2), and Kubernetes-style
 * bare prefixes (`"4k"` = 4000, `"40Gi"` = 40 GiB; unlike Kubernetes, `m` is mega, never milli).
 * Prefixes are case-insensitive; a lower-case `b` means bits and is rejected with a hint. Fails on negative values and sizes above 2^53 bytes (8 PiB).
 */
export function parseBytes(input: UnitInput): UnitResult {
  const kind = "size";
  let value: number;
  if (typeof input === "number") {
    const bad = checkNumber(kind, input);
    if (bad) return bad;
    value = input;
  } else {
    const parts = splitChecked(kind, input, 'a number and a unit, e.g. "40GB"');
    if ("ok" in parts) return parts;
    const u = sizeUnit(parts.unit);
    if (!u) return fail(kind, input, `unknown unit ${JSON.stringify(parts.unit)} (use ${SIZE_UNITS})`);
    if (u.base === "bits") return fail(kind, input, `did you mean ${byteSpelling(u)}? (b is bits)`);
    value = scaled(parts, u);
  }
  const bytes = Math.round(value);
  if (!Number.isSafeInteger(bytes)) return fail(kind, input, "too large (max 8 PiB)");
  return ok(bytes);
}

/**
 * Parses a data rate to bytes per second (not rounded). Accepts a number of bytes/s, any size unit
 * followed by `/s` (`"1.5GB/s"`, `"125MiB/s"`), bit rates divided by 8 (`"10Gbps"`, `"10 Gb/s"`,
 * `"400Gbit/s"`) and `Bps` forms (`"100MBps"`). A bare prefix (`"10G/s"`) is rejected as ambiguous
 * between bits and bytes; a size without `/s` is rejected as missing the time unit.
 */
export function parseRate(input: UnitInput): UnitResult {
  const kind = "rate";
  if (typeof input === "number") return checkNumber(kind, input) ?? ok(input);
  const parts = splitChecked(kind, input, 'a number and a unit, e.g. "1.5GB/s" or "10Gbps"');
  if ("ok" in parts) return parts;
  if (parts.unit === "") return ok(decimal(parts.mantissa, parts.exponent));
  const perSecond = /^(.*?)\s*\/\s*(?:s|sec|second)$/i.exec(parts.unit) ?? /^(.*[bB])ps$/.exec(parts.unit);
  if (!perSecond) {
    const u = sizeUnit(parts.unit);
    if (!u) return fail(kind, input, `unknown unit ${JSON.stringify(parts.unit)} (use ${RATE_UNITS})`);
    if (u.base !== "none") return fail(kind, input, `missing "/s" (e.g. "${input.trim()}/s")`);
  }
  const u = sizeUnit(perSecond ? perSecond[1]! : parts.unit);
  if (!u) return fail(kind, input, `unknown unit ${JSON.stringify(parts.unit)} (use ${RATE_UNITS})`);
  if (u.base === "none") {
    const p = `${u.prefix}${u.binary ? "i" : ""}`;
    return fail(
      kind,
      input,
      `ambiguous unit ${JSON.stringify(parts.unit)} (write ${p}B/s for bytes or ${p}b/s for bits)`,
    );
  }
  const value = scaled(parts, u) / (u.base === "bits" ? 8 : 1);
  return Number.isFinite(value) ? ok(value) : fail(kind, input, "too large");
}

/** Duration units, lower-case, to the `SimTime` helper that converts them. */
const DURATION: Readonly<Record<string, { rank: number; toUs: (n: number) => SimTime }>> = (() => {
  const table: Record<string, { rank: number; toUs: (n: number) => SimTime }> = {};
  const add = (names: string[], rank: number, toUs: (n: number) => SimTime) => {
    for (const n of names) table[n] = { rank, toUs };
  };
  add(["d", "day", "days"], 6, days);
  add(["h", "hr", "hrs", "hour", "hours"], 5, hours);
  add(["m", "min", "mins", "minute", "minutes"], 4, minutes);
  add(["s", "sec", "secs", "second", "seconds"], 3, s);
  add(["ms", "msec", "msecs"], 2, ms);
  add(["us", "µs", "μs", "usec", "usecs"], 1, us);
  return table;
})();
const DURATION_PART = new RegExp(String.raw`\s*${NUMBER}\s*([a-zµμ]*)\s*`, "iy");

/**
 * Parses a duration to integer microseconds (`SimTime`, rounded to nearest µs through `src/sim/time.ts`).
 * **A plain number (or numeric string) is seconds.** Strings take units `us`/`µs`, `ms`, `s`/`sec`,
 * `m`/`min`, `h`/`hr`, `d`/`day` (case-insensitive), and may be compound with the largest unit first:
 * `"1h30m"`, `"2d 12h"`, `"1m30.5s"`. Fails on unknown units, repeated or out-of-order units, negative
 * values, and durations beyond `MAX_TIME` (about 285 years).
 */
export function parseDuration(input: UnitInput): UnitResult<SimTime> {
  const kind = "duration";
  const example = '"90s", "2h" or "1h30m"';
  try {
    if (typeof input === "number") return checkNumber(kind, input) ?? ok(s(input));
    const parts = splitChecked(kind, input, `a number and a unit, e.g. ${example}`);
    if ("ok" in parts) return parts;
    if (parts.unit === "") return ok(s(decimal(parts.mantissa, parts.exponent)));
    const text = input.trim().replace(/^\+/, "");
    let total = 0;
    let lastRank = Infinity;
    DURATION_PART.lastIndex = 0;
    while (DURATION_PART.lastIndex < text.length) {
      const start = DURATION_PART.lastIndex;
      const m = DURATION_PART.exec(text);
      if (!m) return fail(kind, input, `unexpected ${JSON.stringify(text.slice(start))} (e.g. ${example})`);
      const name = m[3]!;
      if (name === "") return fail(kind, input, `missing unit after ${JSON.stringify(m[1])} (e.g. "1h30m")`);
      const unit = DURATION[name.toLowerCase()];
      if (!unit) return fail(kind, input, `unknown unit ${JSON.stringify(name)} (use ${DURATION_UNITS})`);
      if (unit.rank >= lastRank) return fail(kind, input, `units must go from largest to smallest, each once`);
      lastRank = unit.rank;
      total += unit.toUs(decimal(m[1]!, m[2]));
    }
    return ok(us(total));
  } catch (e) {
    if (e instanceof RangeError) return fail(kind, input, "too large (max about 285 years)");
    throw e;
  }
}

/**
 * Parses a fraction in [0, 1]. Accepts a number or numeric string in [0, 1], or a percentage `"90%"`
 * (→ 0.9, exact decimal scaling). A number above 1 is rejected with a hint to write a percentage.
 */
export function parseFraction(input: UnitInput): UnitResult {
  const kind = "fraction";
  if (typeof input === "number") {
    const bad = checkNumber(kind, input);
    if (bad) return bad;
    return input <= 1 ? ok(input) : fail(kind, input, `must be between 0 and 1 (for a percentage write "${input}%")`);
  }
  const parts = splitChecked(kind, input, 'a number from 0 to 1 or a percentage, e.g. 0.9 or "90%"');
  if ("ok" in parts) return parts;
  if (parts.unit === "%") {
    const value = decimal(parts.mantissa, parts.exponent, -2);
    return value <= 1 ? ok(value) : fail(kind, input, "must be at most 100%");
  }
  if (parts.unit !== "")
    return fail(kind, input, `unknown unit ${JSON.stringify(parts.unit)} (use % or a number from 0 to 1)`);
  const value = decimal(parts.mantissa, parts.exponent);
  return value <= 1 ? ok(value) : fail(kind, input, `must be between 0 and 1 (for a percentage write "${value}%")`);
}

/**
 * Parses an amount of money to USD (not rounded, so unit prices such as `"$0.000012"` survive). Accepts a
 * number, `"2.50"`, `"$2.50"`, `"$1,200"` (comma thousands separators) and an optional `USD` suffix.
 * Other currencies and negative amounts are rejected.
 */
export function parseUsd(input: UnitInput): UnitResult {
  const kind = "amount";
  if (typeof input === "number") return checkNumber(kind, input) ?? ok(input);
  const text = input.trim();
  const m =
    /^(-?)\s*(\$?)\s*(-?)\s*(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(usd)?$/i.exec(
      text,
    );
  if (m) {
    if (m[1] === "-" || m[3] === "-") return fail(kind, input, "must not be negative");
    return ok(decimal(m[4]!.replaceAll(",", ""), m[5]));
  }
  if (/^[€£¥₹]|\b(?:eur|gbp|jpy|cny|inr)\b/i.test(text)) return fail(kind, input, "only USD amounts are supported");
  return fail(kind, input, 'expected a USD amount such as "$2.50" or 2.5');
}

const COUNT_POWER: Readonly<Record<string, number>> = { "": 0, k: 3, m: 6, b: 9, g: 9, t: 12 };

/**
 * Parses a count (e.g. model parameters, samples) to a non-negative safe integer. Accepts integers,
 * numeric strings and SI suffixes, case-insensitive: `k` = 10^3, `M` = 10^6, `B` or `G` = 10^9,
 * `T` = 10^12 (`"70B"` → 7e10, `"1.5M"` → 1,500,000). Fails when the result is not a whole number.
 * Use this only for counts: in a size field `B` means bytes (see `parseBytes`).
 */
export function parseCount(input: UnitInput): UnitResult {
  const kind = "count";
  let value: number;
  if (typeof input === "number") {
    const bad = checkNumber(kind, input);
    if (bad) return bad;
    value = input;
  } else {
    const parts = splitChecked(kind, input, 'a number, optionally with k, M, B or T, e.g. "16k" or "70B"');
    if ("ok" in parts) return parts;
    const power = COUNT_POWER[parts.unit.toLowerCase()];
    if (power === undefined)
      return fail(kind, input, `unknown suffix ${JSON.stringify(parts.unit)} (use k, M, B or G, T)`);
    value = decimal(parts.mantissa, parts.exponent, power);
  }
  if (!Number.isInteger(value)) return fail(kind, input, "must be a whole number");
  if (!Number.isSafeInteger(value)) return fail(kind, input, "too large (max 2^53 - 1)");
  return ok(value);
}

/** The value of a successful result; throws `RangeError` with the result's message otherwise. For code and tests. */
export function unwrapUnit<T extends number>(result: UnitResult<T>): T {
  if (!result.ok) throw new RangeError(result.message);
  return result.value;
}
