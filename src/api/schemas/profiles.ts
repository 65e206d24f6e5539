/**
 * Stored storage profile schemas: the upload of fio output to fit, the stored profiles' list with a short
 * summary, and the calibration document (`src/calibration/fitted-profile.ts` defines it; typed loosely here).
 */
import { z } from "zod";
import { StorageProfileSchema } from "../../scenarios/schema/profile-file.ts";

/** Body of `POST /api/profiles`. */
export const ProfileUpload = z.strictObject({
  /** Kebab-case; what scenarios write in `storage.<b>.profile`. */
  name: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "profile names are kebab-case (e.g. my-nvme)" }),
  /** Texts of fio `--output-format=json` or `json+` runs (each may hold several documents). */
  fio: z.array(z.string().min(1)).min(1).max(200),
  /** What was measured, for the profile's title and sources (default "uploaded fio runs"). */
  machine: z.string().min(1).max(200).optional(),
  /** Storage category of the profile (default local-nvme). */
  category: StorageProfileSchema.shape.category.optional(),
  /** Whether the data survives the loss of a node (default false: node-local media). */
  survivesNodeLoss: z.boolean().optional(),
});

/** A storage profile as JSON (unlimited figures as null). */
export const StorageProfileJson = z
  .looseObject({ name: z.string(), title: z.string(), category: z.string() })
  .meta({ id: "StorageProfile" });

/** Fit error of one curve (relative errors, 0.05 = 5%). */
export const CurveFitError = z.looseObject({
  op: z.string(),
  pattern: z.string(),
  requestBytes: z.number(),
  meanAbsRelativeError: z.number(),
  maxAbsRelativeError: z.number(),
});

/** `201`: the fitted profile and its fit error. */
export const ProfileCreated = z.object({
  name: z.string(),
  createdAt: z.string(),
  profile: StorageProfileJson,
  fitError: z.array(CurveFitError),
});

/** Key figures of a stored profile. */
export const ProfileSummary = z.object({
  title: z.string(),
  readBytesPerSecond: z.number().nullable(),
  writeBytesPerSecond: z.number().nullable(),
  readIops: z.number().nullable(),
  writeIops: z.number().nullable(),
  readLatencyUs: z.number(),
  writeLatencyUs: z.number(),
  /** Fitted curves. */
  curves: z.number().int(),
  /** Mean over the curves of their mean absolute relative error against the fio points. */
  meanFitError: z.number().nullable(),
});

export const StoredProfile = z.object({ name: z.string(), createdAt: z.string(), summary: ProfileSummary });

/** `GET /api/profiles/:name`: `{ profile, curves, fitError }`. */
export const CalibrationDoc = z
  .looseObject({ profile: StorageProfileJson, curves: z.array(z.unknown()), fitError: z.array(CurveFitError) })
  .meta({ id: "CalibrationDocument" });
