/**
 * Number formatting for the UI, fixed to en-US so screenshots and tests read the same everywhere.
 * Money in USD, hours as given, fractions as percentages, bytes per second in decimal units (MB/s, GB/s).
 */
const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usdTick = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

/** `$1,234` (or `$12.34` under $100; `$1.2M` from a million). */
export function formatUsd(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (Math.abs(x) >= 1e6) return `$${compact.format(x)}`;
  return Math.abs(x) < 100 ? usd2.format(x) : usd0.format(x);
}

/**
 * Axis ticks in USD: `$0`, `$0.5`, `$900`, `$20K`, `$1.2M`; no trailing zeros, and compact from $10,000 so that
 * ticks stay short enough not to overlap.
 */
export const formatUsdTick = (x: number): string => (Math.abs(x) >= 1e4 ? `$${compact.format(x)}` : usdTick.format(x));

/** A tick format for a USD axis reaching `max`: compact on every tick when it reaches $10,000, so they all match. */
export const usdTickFormat =
  (max: number) =>
  (x: number): string =>
    max >= 1e4 ? `$${compact.format(x)}` : usdTick.format(x);

/** How many ticks a USD axis of `pixels` can hold without its labels overlapping (about 70 px each). */
export const usdTicks = (pixels: number): number => Math.max(2, Math.floor(pixels / 70));

/** A latency in ms as people read it: `420 ms`, `2.4 s`, `3.1 min`. */
export function latencyText(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** `28.2%` from a 0–1 fraction. */
export const formatPercent = (fraction: number, digits = 1): string =>
  Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : "—";

/** Hours with a sensible precision: `0.16 h`, `12.4 h`, `168 h` (and days from 72 h: `7.0 d`). */
export function formatHours(h: number): string {
  if (!Number.isFinite(h)) return "—";
  if (h >= 72) return `${(h / 24).toFixed(1)} d`;
  if (h >= 10) return `${h.toFixed(1)} h`;
  if (h >= 1) return `${h.toFixed(2)} h`;
  return `${(h * 60).toFixed(1)} min`;
}

/** A plain number with thousands separators and at most `digits` decimals. */
export const formatNumber = (x: number, digits = 1): string =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: digits }) : "—";

/** The unit to draw a throughput series in: MB/s up to 2 GB/s at the peak, GB/s above. */
export function throughputUnit(maxBytesPerSecond: number): { label: "MB/s" | "GB/s"; divisor: number } {
  return maxBytesPerSecond >= 2e9 ? { label: "GB/s", divisor: 1e9 } : { label: "MB/s", divisor: 1e6 };
}

/** `2024-05-01 12:34` (UTC) from an ISO time, for the run history. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace("T", " ");
}
