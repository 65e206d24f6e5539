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
import { requestSeconds } from "./concurrency-curve.ts";
import type { IoLimits, RequestLatency } from "./profile.ts";

/** Requests needed for an object of `bytes` split at `maxRequestBytes` (Infinity: one request). */
export function requestCount(bytes: number, maxRequestBytes: number): number {
  if (!(bytes >= 0)) throw new RangeError(`invalid object size: ${bytes} bytes`);
  if (!(maxRequestBytes > 0)) throw new RangeError(`invalid max request size: ${maxRequestBytes} bytes`);
  return Math.max(1, Math.ceil(bytes / maxRequestBytes));
}

/**
 * Seconds one stream takes for an object of `bytes` in requests of at most `maxRequestBytes`, while
 * `outstanding` requests (this stream's and others') are in flight on the same volume (default 1). With
 * measured curves (`lat.curves`) each request takes the curve's time at that concurrency; otherwise
 * `n·L0 + bytes/S`, which does not depend on `outstanding` (contention is left to the shared ceilings).
 */
export function streamSeconds(lat: RequestLatency, bytes: number, maxRequestBytes: number, outstanding = 1): number {
  if (lat.curves !== undefined && lat.curves.length > 0) {
    const n = requestCount(bytes, maxRequestBytes);
    if (n === 1) return requestSeconds(lat.curves, bytes, outstanding);
    const rest = bytes - (n - 1) * maxRequestBytes;
    return (
      (n - 1) * requestSeconds(lat.curves, maxRequestBytes, outstanding) + requestSeconds(lat.curves, rest, outstanding)
    );
  }
  return (requestCount(bytes, maxRequestBytes) * lat.baseLatencyUs) / 1e6 + bytes / lat.perStreamBytesPerSecond;
}

/** The rate cap (bytes/s) of one stream reading or writing objects of `bytes`: bytes / streamSeconds. */
export function streamCap(lat: RequestLatency, bytes: number, maxRequestBytes: number, outstanding = 1): number {
  const t = streamSeconds(lat, bytes, maxRequestBytes, outstanding);
  return t > 0 ? bytes / t : Infinity;
}

/** A scope's ceiling as bandwidth for requests of `requestBytes`: min(bytes/s, IOPS × request size). */
export function effectiveBandwidth(limits: IoLimits, requestBytes: number): number {
  return Math.min(limits.bytesPerSecond, limits.iops * requestBytes);
}
