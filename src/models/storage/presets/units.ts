/**
 * Byte and bit-rate units used to write the storage presets in the vendor's own unit, so that
 * `125 * MiB` (AWS, GCP quote MiB/s) and `125 * MB` (Azure quotes MB/s) stay visibly different.
 * All values are in bytes (or bytes/s for {@link Gbps}); multiply, never divide, to convert into canonical units.
 */

/** 2^10 bytes. */
export const KiB = 1024;
/** 2^20 bytes. */
export const MiB = 1024 * KiB;
/** 2^30 bytes. */
export const GiB = 1024 * MiB;
/** 2^40 bytes. */
export const TiB = 1024 * GiB;

/** 10^3 bytes. */
export const KB = 1e3;
/** 10^6 bytes. */
export const MB = 1e6;
/** 10^9 bytes. */
export const GB = 1e9;
/** 10^12 bytes. */
export const TB = 1e12;

/** One gigabit per second in bytes/s: 10^9 / 8 = 125,000,000 B/s. */
export const Gbps = 1e9 / 8;
