/**
 * Simulated time. Every instant and duration in stallsim is an integer number of microseconds held in a
 * branded `number` (`SimTime`). Integer µs stay exact in a float64 up to 2^53 µs ≈ 285 years, whereas
 * integer ns would stop being exact after ≈ 104 days (see docs/time-and-ordering.md).
 *
 * Convert only through the helpers below. Each rounds to the nearest microsecond (half away from zero,
 * like ns-3's `llround`) and throws a `RangeError` when the result is not a safe integer.
 */

/** An instant or a duration in integer microseconds. */
export type SimTime = number & { readonly __unit: "us" };

/** Microseconds per unit. */
export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;
export const US_PER_MIN = 60 * US_PER_S;
export const US_PER_HOUR = 60 * US_PER_MIN;
export const US_PER_DAY = 24 * US_PER_HOUR;

/** The largest representable simulated time (2^53 − 1 µs, about 285 years). */
export const MAX_TIME = Number.MAX_SAFE_INTEGER as SimTime;

function roundUs(value: number, unit: string): SimTime {
  const r = Math.sign(value) * Math.round(Math.abs(value));
  if (!Number.isSafeInteger(r)) throw new RangeError(`invalid time: ${value} ${unit} is not representable in µs`);
  return (r === 0 ? 0 : r) as SimTime;
}

/** `n` microseconds, rounded to an integer. Throws `RangeError` if not finite or out of range. */
export const us = (n: number): SimTime => roundUs(n, "us");
/** `n` milliseconds as `SimTime`. */
export const ms = (n: number): SimTime => roundUs(n * US_PER_MS, "ms");
/** `n` seconds as `SimTime`. */
export const s = (n: number): SimTime => roundUs(n * US_PER_S, "s");
/** `n` minutes as `SimTime`. */
export const minutes = (n: number): SimTime => roundUs(n * US_PER_MIN, "min");
/** `n` hours as `SimTime`. */
export const hours = (n: number): SimTime => roundUs(n * US_PER_HOUR, "h");
/** `n` days as `SimTime`. */
export const days = (n: number): SimTime => roundUs(n * US_PER_DAY, "d");

/** `t` in seconds (a float; no rounding). */
export const toSeconds = (t: SimTime): number => t / US_PER_S;
/** `t` in milliseconds (a float; no rounding). */
export const toMs = (t: SimTime): number => t / US_PER_MS;
/** `t` in hours (a float; no rounding). */
export const toHours = (t: SimTime): number => t / US_PER_HOUR;

/** True when `t` is a valid `SimTime` value: a safe integer. */
export const isSimTime = (t: number): t is SimTime => Number.isSafeInteger(t);

/**
 * Human-readable rendering of a time, e.g. `1h 2m 3.5s`, `250ms`, `12us`. For messages, not for parsing.
 */
export function formatTime(t: SimTime): string {
  const neg = t < 0;
  let rest = Math.abs(t);
  if (rest < US_PER_MS) return `${neg ? "-" : ""}${rest}us`;
  if (rest < US_PER_S) return `${neg ? "-" : ""}${+(rest / US_PER_MS).toFixed(3)}ms`;
  const parts: string[] = [];
  const d = Math.floor(rest / US_PER_DAY);
  rest -= d * US_PER_DAY;
  const h = Math.floor(rest / US_PER_HOUR);
  rest -= h * US_PER_HOUR;
  const m = Math.floor(rest / US_PER_MIN);
  rest -= m * US_PER_MIN;
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (rest) parts.push(`${+(rest / US_PER_S).toFixed(6)}s`);
  return (neg ? "-" : "") + parts.join(" ");
}
