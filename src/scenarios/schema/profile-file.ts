/**
 * A storage profile stored as JSON (written by `stallsim calibrate -o`, or by hand): the `StorageProfile`
 * shape, with `null` for unlimited (Infinity is not JSON). A file may hold the profile itself or
 * `{ "profile": … }` beside other data (fitted curves, fit errors).
 */
import { z } from "zod";
import type { StorageProfile } from "../../models/storage/profile.ts";

/** A non-negative number, or null for unlimited. */
const limit = z
  .number()
  .nonnegative()
  .nullable()
  .transform((v) => (v === null ? Infinity : v));
const positiveLimit = z
  .number()
  .positive()
  .nullable()
  .transform((v) => (v === null ? Infinity : v));

const IoLimits = z.object({ bytesPerSecond: limit, iops: limit });
const ReadWriteLimits = z.object({ read: IoLimits, write: IoLimits });
const Knot = z.object({ outstanding: z.number().positive(), bytesPerSecond: z.number().positive() });
const Curve = z.object({
  requestBytes: z.number().int().positive(),
  knots: z
    .array(Knot)
    .min(1)
    .refine(
      (k) =>
        k.every(
          (p, i) => i === 0 || (p.outstanding > k[i - 1]!.outstanding && p.bytesPerSecond >= k[i - 1]!.bytesPerSecond),
        ),
      {
        message: "knots must ascend in outstanding with non-decreasing throughput",
      },
    ),
});
const Latency = z.object({
  baseLatencyUs: z.number().positive(),
  perStreamBytesPerSecond: positiveLimit,
  curves: z.array(Curve).min(1).optional(),
});

const Scaling = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed") }),
  z.object({
    kind: z.literal("provisioned"),
    baselineIops: z.number().nonnegative(),
    baselineBytesPerSecond: z.number().nonnegative(),
    maxIops: limit,
    maxBytesPerSecond: limit,
    maxIopsPerGiB: limit,
    maxBytesPerSecondPerIops: limit,
  }),
  z.object({
    kind: z.literal("per-capacity"),
    readBytesPerSecondPerTiB: z.number().positive(),
    writeBytesPerSecondPerTiB: z.number().positive(),
    minCapacityBytes: z.number().nonnegative(),
  }),
]);

export const StorageProfileSchema = z.object({
  name: z.string().min(1),
  title: z.string().default(""),
  category: z.enum([
    "network-block",
    "ephemeral-os-disk",
    "local-nvme",
    "file-share",
    "parallel-fs",
    "object-cache",
    "replicated-cns",
  ]),
  description: z.string().default(""),
  latency: z.object({ read: Latency, write: Latency }),
  volume: ReadWriteLimits,
  aggregate: ReadWriteLimits,
  scaling: Scaling.default({ kind: "fixed" }),
  accessModes: z.array(z.enum(["RWO", "RWOP", "RWX", "ROX"])).min(1),
  topology: z.enum(["node-local", "zonal", "regional"]),
  replicationFactor: z.number().min(1).default(1),
  survivesNodeLoss: z.boolean(),
  timings: z.object({
    provisionSeconds: z.number().nonnegative(),
    attachSeconds: z.number().nonnegative(),
    detachSeconds: z.number().nonnegative(),
    mountSeconds: z.number().nonnegative(),
  }),
  price: z.object({
    perGbMonth: z.number().nonnegative(),
    perIopsMonth: z.number().nonnegative(),
    perMBpsMonth: z.number().nonnegative(),
    egressPerGb: z.number().nonnegative(),
    asOf: z.string(),
  }),
  nodeCacheBytes: z.number().nonnegative().optional(),
  sources: z.array(z.object({ what: z.string(), ref: z.string(), tag: z.enum(["S", "D", "M"]) })).default([]),
});

/** The file: a profile, or an object with a `profile` key. */
export const StorageProfileFile = z.union([
  z.object({
    profile: StorageProfileSchema,
    /** `stallsim calibrate --run`: the profile each pass of the measurements gives alone. */
    passProfiles: z.array(StorageProfileSchema).optional(),
  }),
  StorageProfileSchema,
]);

/** The profile inside a parsed file, with its calibration passes' profiles when it has them. */
export const profileOf = (file: z.output<typeof StorageProfileFile>): StorageProfile => {
  if (!("profile" in file)) return file;
  const passes = file.passProfiles;
  return passes === undefined || passes.length < 2 ? file.profile : { ...file.profile, calibrationPasses: passes };
};
