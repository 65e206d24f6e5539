/**
 * A storage binding in a scenario: a preset by name, what is provisioned (capacity, IOPS, throughput),
 * whether traffic crosses a zone boundary (egress), and optional overrides of the preset's figures (for
 * a profile measured by the user).
 */
import { z } from "zod";
import { zStoragePresetName } from "./names.ts";
import { zDuration, zPositiveBytes, zPositiveCount, zPositiveRate } from "./units.ts";

/** Overrides of a preset's performance figures; each replaces the preset's value for both the volume and the backend. */
export const StorageOverrides = z.strictObject({
  /** Per-request latency at queue depth 1. */
  readLatency: zDuration.optional(),
  writeLatency: zDuration.optional(),
  /** Per-volume bandwidth ceilings. */
  volumeRead: zPositiveRate.optional(),
  volumeWrite: zPositiveRate.optional(),
  /** Whole-backend bandwidth ceilings. */
  aggregateRead: zPositiveRate.optional(),
  aggregateWrite: zPositiveRate.optional(),
});

export const StorageBinding = z
  .strictObject({
    /** A preset by name (`stallsim list`); or give `profile`. */
    preset: zStoragePresetName.optional(),
    /** A profile JSON file (e.g. from `stallsim calibrate -o`), relative to the scenario file. */
    profile: z.string().min(1).optional(),
    /** Provisioned capacity per volume (or of the file system); default: the dataset or checkpoints it holds. */
    capacity: zPositiveBytes.optional(),
    /** Provisioned IOPS per volume (provisioned presets such as ebs-gp3); default: the free baseline. */
    iops: zPositiveCount.optional(),
    /** Provisioned throughput per volume; default: the free baseline. */
    throughput: zPositiveRate.optional(),
    /** Reads and writes cross a zone boundary (charged egress per GB). */
    crossZone: z.boolean().default(false),
    overrides: StorageOverrides.optional(),
    // Zones and locality on an explicit cluster (`cluster.pools`) only (docs/model.md "Zones and locality"):
    /** StorageClass volumeBindingMode (default WaitForFirstConsumer: the volume lands in the pod's zone). */
    volumeBindingMode: z.enum(["WaitForFirstConsumer", "Immediate"]).optional(),
    /** Zone the volumes or the file system live in (default: chosen by the binding mode). */
    zone: z.string().min(1).optional(),
    /** A copy in every zone (shared file systems and object stores): capacity and cost × zones, local reads. */
    perZone: z.boolean().optional(),
  })
  .refine((b) => (b.preset === undefined) !== (b.profile === undefined), {
    message: "give either a preset or a profile file",
    path: ["preset"],
  });

export type StorageBindingSpec = z.input<typeof StorageBinding>;
export type StorageBindingConfig = z.output<typeof StorageBinding>;
