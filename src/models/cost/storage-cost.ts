/**
 * Storage cost: the performance a storage profile delivers at a given size and purchase, and what that costs per
 * month. Units: bytes, bytes/s, operations/s, USD per 730-hour month (see ./billing-period.ts). Prices follow
 * {@link StoragePrice}: GB = 10^9 bytes, MB/s = 10^6 bytes/s, IOPS and MB/s billed above the free baseline.
 */
import { GB, GiB, MB, TiB } from "../storage/presets/units.ts";
import type { StorageProfile } from "../storage/profile.ts";

export { HOURS_PER_MONTH, HOURS_PER_YEAR } from "./billing-period.ts";

/** What the user asks to buy on a `provisioned` profile; omitted fields take the profile's own provisioned point. */
export interface PerformanceRequest {
  /** IOPS to provision, operations/s. */
  readonly iops?: number;
  /** Throughput to provision, bytes/s. */
  readonly bytesPerSecond?: number;
}

/** Why a value in effect differs from the one asked for (or from the profile's default). */
export type AdjustmentReason =
  | "minimum-capacity" // capacity raised to the profile's minimum (per-capacity scaling)
  | "baseline" // raised to the free baseline, which cannot be bought down
  | "iops-per-gib" // lowered to maxIopsPerGiB × capacity GiB
  | "bytes-per-second-per-iops"; // lowered to maxBytesPerSecondPerIops × IOPS

/** One value {@link provisionedPerformance} changed, with the rule that changed it. */
export interface PerformanceAdjustment {
  readonly field: "capacityBytes" | "iops" | "bytesPerSecond";
  readonly from: number;
  readonly to: number;
  readonly reason: AdjustmentReason;
}

/** The performance and size in effect for one volume (or one shared file system). */
export interface ProvisionedPerformance {
  /** Capacity in effect, bytes (raised to the minimum for per-capacity profiles). */
  readonly capacityBytes: number;
  /** Read ceiling, operations/s; for `provisioned` profiles the IOPS bought, shared by reads and writes. */
  readonly iops: number;
  /** Read ceiling, bytes/s; for `provisioned` profiles the throughput bought, shared by reads and writes. */
  readonly bytesPerSecond: number;
  /** Write ceiling, operations/s (equal to {@link iops} for `provisioned` profiles). */
  readonly writeIops: number;
  /** Write ceiling, bytes/s (equal to {@link bytesPerSecond} for `provisioned` profiles). */
  readonly writeBytesPerSecond: number;
  /** True when the capacity asked for was below the profile's minimum and was raised to it. */
  readonly capacityRaised: boolean;
  /** Every value that differs from what was asked for, in the order applied; empty when none. */
  readonly adjustments: readonly PerformanceAdjustment[];
}

/**
 * The performance in effect for a volume of `capacityBytes` on `profile`, after `profile.scaling`:
 *
 * - `fixed`: the profile's read and write ceilings, each the smaller of the volume and aggregate ceilings (so a
 *   shared file system whose volume ceiling is Infinity gets its aggregate). A request cannot buy less.
 * - `provisioned`: the requested IOPS and bytes/s, defaulting to the profile's own provisioned point
 *   (`profile.volume.read`, which is the free baseline for the "(baseline)" presets gp3, Premium SSD v2 and
 *   Hyperdisk Balanced, and the preset's chosen point for io2 and Hyperdisk ML). Values below the baseline are
 *   raised to it; values above maxIopsPerGiB × capacity GiB (IOPS, floored) or maxBytesPerSecondPerIops × IOPS
 *   (bytes/s) are lowered to those rules, but never below the baseline, which every size gets. Reads and writes
 *   share the budget.
 * - `per-capacity`: capacity is raised to minCapacityBytes, then read and write bytes/s = per-TiB rate × TiB.
 *   IOPS are the profile's ceilings (usually Infinity).
 *
 * Every change is listed in `adjustments`.
 * @throws RangeError `invalid capacity: -1 bytes`, `invalid iops request: NaN` (negative or not finite), or, when
 *   a request exceeds a hard maximum (a provisioned profile's maxIops / maxBytesPerSecond, or what a fixed or
 *   per-capacity profile delivers), `requested 20000 IOPS exceeds the maximum 16000 of ebs-gp3`; such requests
 *   are never clamped, since that would hide a user error.
 */
export function provisionedPerformance(
  profile: StorageProfile,
  capacityBytes: number,
  request: PerformanceRequest = {},
): ProvisionedPerformance {
  if (!(Number.isFinite(capacityBytes) && capacityBytes >= 0)) {
    throw new RangeError(`invalid capacity: ${capacityBytes} bytes`);
  }
  checkRequest("iops", request.iops);
  checkRequest("bytes per second", request.bytesPerSecond);
  const adjustments: PerformanceAdjustment[] = [];
  const scaling = profile.scaling;

  switch (scaling.kind) {
    case "fixed": {
      const read = ceilings(profile, "read");
      const write = ceilings(profile, "write");
      checkMax(profile.name, "IOPS", request.iops, read.iops);
      checkMax(profile.name, "bytes/s", request.bytesPerSecond, read.bytesPerSecond);
      return {
        capacityBytes,
        iops: read.iops,
        bytesPerSecond: read.bytesPerSecond,
        writeIops: write.iops,
        writeBytesPerSecond: write.bytesPerSecond,
        capacityRaised: false,
        adjustments,
      };
    }
    case "provisioned": {
      checkMax(profile.name, "IOPS", request.iops, scaling.maxIops);
      checkMax(profile.name, "bytes/s", request.bytesPerSecond, scaling.maxBytesPerSecond);
      const iopsRule = Math.floor(scaling.maxIopsPerGiB * (capacityBytes / GiB));
      const iops = bound(
        "iops",
        request.iops ?? profile.volume.read.iops,
        scaling.baselineIops,
        Math.min(scaling.maxIops, iopsRule),
        "iops-per-gib",
        adjustments,
      );
      // Infinity × 0 is NaN: a profile without a per-IOPS rule has no throughput limit from it, even at 0 IOPS.
      const bpsRule =
        scaling.maxBytesPerSecondPerIops === Infinity ? Infinity : scaling.maxBytesPerSecondPerIops * iops;
      const unrequested =
        scaling.throughputFollowsIops === true
          ? Math.min(scaling.maxBytesPerSecond, bpsRule)
          : profile.volume.read.bytesPerSecond;
      const bytesPerSecond = bound(
        "bytesPerSecond",
        request.bytesPerSecond ?? unrequested,
        scaling.baselineBytesPerSecond,
        Math.min(scaling.maxBytesPerSecond, bpsRule),
        "bytes-per-second-per-iops",
        adjustments,
      );
      return {
        capacityBytes,
        iops,
        bytesPerSecond,
        writeIops: iops,
        writeBytesPerSecond: bytesPerSecond,
        capacityRaised: false,
        adjustments,
      };
    }
    case "per-capacity": {
      const capacityRaised = capacityBytes < scaling.minCapacityBytes;
      const capacity = capacityRaised ? scaling.minCapacityBytes : capacityBytes;
      if (capacityRaised) {
        adjustments.push({ field: "capacityBytes", from: capacityBytes, to: capacity, reason: "minimum-capacity" });
      }
      const tib = capacity / TiB;
      const read = ceilings(profile, "read");
      const write = ceilings(profile, "write");
      const bytesPerSecond = scaling.readBytesPerSecondPerTiB * tib;
      checkMax(profile.name, "IOPS", request.iops, read.iops);
      checkMax(
        profile.name,
        "bytes/s",
        request.bytesPerSecond,
        bytesPerSecond,
        capacity,
        scaling.readBytesPerSecondPerTiB,
      );
      return {
        capacityBytes: capacity,
        iops: read.iops,
        bytesPerSecond,
        writeIops: write.iops,
        writeBytesPerSecond: scaling.writeBytesPerSecondPerTiB * tib,
        capacityRaised,
        adjustments,
      };
    }
  }
}

/** Input of {@link storageMonthlyUsd}: the size and purchase of each volume, and how many such volumes. */
export interface StorageUsage {
  /** Capacity of one volume, bytes. */
  readonly capacityBytes: number;
  /** Identical volumes (a non-negative integer; 1 for a shared file system). */
  readonly volumes: number;
  /** Provisioned IOPS of one volume, operations/s. */
  readonly iops: number;
  /** Provisioned throughput of one volume, bytes/s. */
  readonly bytesPerSecond: number;
}

/** Monthly storage bill, USD per 730-hour month. */
export interface StorageMonthlyCost {
  /** capacity GB × perGbMonth × volumes. */
  readonly capacityUsd: number;
  /** IOPS above the free baseline × perIopsMonth × volumes. */
  readonly iopsUsd: number;
  /** MB/s above the free baseline × perMBpsMonth × volumes. */
  readonly throughputUsd: number;
  /** The sum of the three. */
  readonly totalUsd: number;
}

/**
 * The monthly bill of `usage.volumes` volumes of `profile`, USD per 730-hour month. The free baseline is the
 * `provisioned` scaling's baselineIops and baselineBytesPerSecond, and 0 for other scalings (whose IOPS and
 * throughput prices are normally 0). A 0 price charges nothing even for an Infinity quantity, so the output of
 * {@link provisionedPerformance} for a fixed profile can be passed as it is.
 * @throws RangeError `invalid volumes: 1.5` (not a non-negative integer), `invalid capacity: -1 bytes`,
 *   `invalid iops: NaN`, `invalid bytes per second: -1` (negative or NaN), or
 *   `cannot price Infinity IOPS of ebs-io2 at 0.037875 USD per IOPS-month` (an unbounded quantity with a price).
 */
export function storageMonthlyUsd(profile: StorageProfile, usage: StorageUsage): StorageMonthlyCost {
  const { capacityBytes, volumes, iops, bytesPerSecond } = usage;
  if (!(Number.isInteger(volumes) && volumes >= 0)) throw new RangeError(`invalid volumes: ${volumes}`);
  if (!(Number.isFinite(capacityBytes) && capacityBytes >= 0)) {
    throw new RangeError(`invalid capacity: ${capacityBytes} bytes`);
  }
  if (!(iops >= 0)) throw new RangeError(`invalid iops: ${iops}`);
  if (!(bytesPerSecond >= 0)) throw new RangeError(`invalid bytes per second: ${bytesPerSecond}`);
  const { price, scaling } = profile;
  const freeIops = scaling.kind === "provisioned" ? scaling.baselineIops : 0;
  const freeBytesPerSecond = scaling.kind === "provisioned" ? scaling.baselineBytesPerSecond : 0;

  const capacityUsd = (capacityBytes / GB) * price.perGbMonth * volumes;
  const iopsUsd =
    (price.iopsTiers === undefined
      ? charge(profile.name, Math.max(0, iops - freeIops), price.perIopsMonth, "IOPS")
      : tiered(profile.name, Math.max(0, iops - freeIops), price.iopsTiers)) * volumes;
  const mbps = Math.max(0, bytesPerSecond - freeBytesPerSecond) / MB;
  const throughputUsd = charge(profile.name, mbps, price.perMBpsMonth, "MB/s") * volumes;
  return { capacityUsd, iopsUsd, throughputUsd, totalUsd: capacityUsd + iopsUsd + throughputUsd };
}

/** The smaller of the volume and aggregate ceilings of one direction. */
function ceilings(profile: StorageProfile, direction: "read" | "write"): { iops: number; bytesPerSecond: number } {
  const volume = profile.volume[direction];
  const aggregate = profile.aggregate[direction];
  return {
    iops: Math.min(volume.iops, aggregate.iops),
    bytesPerSecond: Math.min(volume.bytesPerSecond, aggregate.bytesPerSecond),
  };
}

function checkRequest(what: string, x: number | undefined): void {
  if (x !== undefined && !(Number.isFinite(x) && x >= 0)) throw new RangeError(`invalid ${what} request: ${x}`);
}

/**
 * A request for more IOPS or throughput than a preset gives: a user's provisioning error, with what was asked,
 * the most the preset gives (at `capacityBytes` for a per-capacity preset) and, for a per-capacity preset, the
 * capacity that would give it.
 */
export class ProvisioningError extends RangeError {
  constructor(
    readonly profile: string,
    readonly quantity: "iops" | "bytesPerSecond",
    readonly requested: number,
    readonly max: number,
    readonly capacityBytes?: number,
    /** For a per-capacity preset: the capacity that would give `requested`, bytes. */
    readonly capacityNeededBytes?: number,
  ) {
    const unit = quantity === "iops" ? "IOPS" : "bytes/s";
    const at = capacityBytes === undefined ? "" : ` at ${capacityBytes} bytes`;
    super(`requested ${requested} ${unit} exceeds the maximum ${max} of ${profile}${at}`);
    this.name = "ProvisioningError";
  }
}

function checkMax(
  name: string,
  unit: string,
  requested: number | undefined,
  max: number,
  capacityBytes?: number,
  perTiB?: number,
) {
  if (requested === undefined || requested <= max) return;
  const quantity = unit === "IOPS" ? "iops" : "bytesPerSecond";
  const needed = perTiB !== undefined && perTiB > 0 ? (requested / perTiB) * TiB : undefined;
  throw new ProvisioningError(name, quantity, requested, max, capacityBytes, needed);
}

/** `value` raised to `low`, then lowered to `high` but not below `low`; each change recorded. */
function bound(
  field: "iops" | "bytesPerSecond",
  value: number,
  low: number,
  high: number,
  highReason: AdjustmentReason,
  adjustments: PerformanceAdjustment[],
): number {
  const ceiling = Math.max(low, high);
  if (value < low) {
    adjustments.push({ field, from: value, to: low, reason: "baseline" });
    return low;
  }
  if (value > ceiling) {
    adjustments.push({ field, from: value, to: ceiling, reason: highReason });
    return ceiling;
  }
  return value;
}

/** `quantity` IOPS priced tier by tier (each tier's rate on the IOPS between the previous bound and its own). */
function tiered(name: string, quantity: number, tiers: NonNullable<StorageProfile["price"]["iopsTiers"]>): number {
  if (!Number.isFinite(quantity)) return charge(name, quantity, tiers[0]?.usdPerIopsMonth ?? 0, "IOPS");
  let usd = 0;
  let from = 0;
  for (const t of tiers) {
    const upTo = Math.min(quantity, t.upToIops);
    if (upTo > from) usd += charge(name, upTo - from, t.usdPerIopsMonth, "IOPS");
    from = Math.max(from, t.upToIops);
    if (from >= quantity) break;
  }
  return usd;
}

function charge(name: string, quantity: number, rate: number, unit: string): number {
  if (rate === 0) return 0;
  if (!Number.isFinite(quantity)) {
    throw new RangeError(`cannot price ${quantity} ${unit} of ${name} at ${rate} USD per ${unit}-month`);
  }
  return quantity * rate;
}
