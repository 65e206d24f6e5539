/**
 * How the planner writes numbers in labels and reasons: percentages, hours, money, rates and sizes, with
 * thousands separators (en-US) and units people read (MB/s, MiB/s where exact, GB, TiB where exact).
 */

const num = (x: number, digits: number): string => x.toLocaleString("en-US", { maximumFractionDigits: digits });
const fixed1 = (x: number): string => x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 0.9123 → `91.2%`; 0.87 → `87.0%`. */
export const pct = (fraction: number): string => `${fixed1(100 * fraction)}%`;

/** A difference of fractions in percentage points: 0.027 → `2.7 points`. */
export const points = (fraction: number): string => `${fixed1(100 * fraction)} points`;

/** Hours: `71.3 h`. */
export const hoursText = (h: number): string => `${num(h, 2)} h`;

/** USD: `$1,234` (cents below $100). */
export const usd = (x: number): string => `${x < 0 ? "-" : ""}$${num(Math.abs(x), Math.abs(x) < 100 ? 2 : 0)}`;

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const TiB = 2 ** 40;

/** Bytes/s: `500 MiB/s` when a whole number of MiB/s, else `524.3 MB/s`. */
export function rateText(bytesPerSecond: number): string {
  if (bytesPerSecond >= MiB && Number.isInteger(bytesPerSecond / MiB)) return `${num(bytesPerSecond / MiB, 0)} MiB/s`;
  return `${num(bytesPerSecond / 1e6, 1)} MB/s`;
}

/** Bytes: `1.2 TiB` / `64 GiB` when exact to 0.1, else `62 GB`. */
export function bytesText(bytes: number): string {
  if (bytes === 0) return "0";
  for (const [unit, size] of [
    ["TiB", TiB],
    ["GiB", GiB],
  ] as const) {
    const x = bytes / size;
    if (x >= 1 && Math.abs(x * 10 - Math.round(x * 10)) < 1e-9) return `${num(x, 1)} ${unit}`;
  }
  return bytes >= 1e12 ? `${num(bytes / 1e12, 2)} TB` : `${num(bytes / 1e9, 1)} GB`;
}

/** A count: `16,000`. */
export const countText = (n: number): string => num(n, 0);

/** µs → `30m`, `1h`, `1h30m`, `45s`. */
export function durationText(us: number): string {
  const s = Math.round(us / 1e6);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = [h ? `${h}h` : "", m ? `${m}m` : "", sec || s === 0 ? `${sec}s` : ""];
  return parts.join("");
}
