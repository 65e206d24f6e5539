/**
 * Per-request arithmetic for a storage profile: how many requests an object needs, what one request stream
 * can reach, and an IOPS ceiling expressed as bandwidth for a given request size. Pure functions.
 *
 * The latency model: a stream of back-to-back requests of `r` bytes each pays `baseLatencyUs` per request
 * plus transfer at `perStreamBytesPerSecond`, so one stream moves an object of `b` bytes in
 * `n·L0 + b/S` with `n = ⌈b/r⌉`. Used as a per-flow rate cap in the fluid model, this reproduces a
 * throughput-vs-queue-depth curve with a saturation knee: k concurrent streams reach k·b/(n·L0 + b/S)
 * until a shared ceiling (volume, node, backend) saturates (Little's law: latency grows past the knee).
 */
import type { IoLimits, RequestLatency } from "./profile.ts";

/** Requests needed for an object of `bytes` split at `maxRequestBytes` (Infinity: one request). */
export function requestCount(bytes: number, maxRequestBytes: number): number {
  if (!(bytes >= 0)) throw new RangeError(`invalid object size: ${bytes} bytes`);
  if (!(maxRequestBytes > 0)) throw new RangeError(`invalid max request size: ${maxRequestBytes} bytes`);
  return Math.max(1, Math.ceil(bytes / maxRequestBytes));
}

/** Seconds one stream takes for an object of `bytes` in requests of at most `maxRequestBytes`, uncontended. */
export function streamSeconds(lat: RequestLatency, bytes: number, maxRequestBytes: number): number {
  return (requestCount(bytes, maxRequestBytes) * lat.baseLatencyUs) / 1e6 + bytes / lat.perStreamBytesPerSecond;
}

/** The rate cap (bytes/s) of one stream reading or writing objects of `bytes`: bytes / streamSeconds. */
export function streamCap(lat: RequestLatency, bytes: number, maxRequestBytes: number): number {
  const t = streamSeconds(lat, bytes, maxRequestBytes);
  return t > 0 ? bytes / t : Infinity;
}

/** A scope's ceiling as bandwidth for requests of `requestBytes`: min(bytes/s, IOPS × request size). */
export function effectiveBandwidth(limits: IoLimits, requestBytes: number): number {
  return Math.min(limits.bytesPerSecond, limits.iops * requestBytes);
}
