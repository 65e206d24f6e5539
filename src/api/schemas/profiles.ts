/**
 * Stored storage profile schemas: the upload of fio output to fit, the stored profiles' list with a short
 * summary, and the calibration document (`src/calibration/fitted-profile.ts` defines it; typed loosely here).
 */
import { z } from "zod";
import { StorageProfileSchema } from "../../scenarios/schema/profile-file.ts";

const ProfileName = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "profile names are kebab-case (e.g. my-nvme)" });

/** One fio output: its text, or `{name, text}` to name it in the profile's sources and in errors. */
export const FioText = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1).max(200), text: z.string().min(1) }),
]);

/** Options of an upload, in the wrapped body or (for a raw fio body) the query string. */
const uploadOptions = {
  /** What was measured, for the profile's title and sources (default: "uploaded fio runs"). */
  machine: z.string().min(1).max(200).optional(),
  /** Storage category of the profile (default local-nvme). */
  category: StorageProfileSchema.shape.category.optional(),
};

/**
 * Body of `POST /api/profiles` as JSON `{name, fio: [...]}`. The route also takes raw fio JSON (one document,
 * or an array of them) or fio's text output as `text/plain`, with `?name=` (and the options) in the query,
 * and `multipart/form-data` with one or more fio files and `name` (and the options) as fields; it turns
 * them into this shape before validation (routes/profiles/upload.ts).
 */
export const ProfileUpload = z.strictObject({
  /** Kebab-case; what scenarios write in `storage.<b>.profile`. Required here or as `?name=`. */
  name: ProfileName.optional(),
  /** fio `--output-format=json` or `json+` runs (each text may hold several documents). */
  fio: z.array(FioText).min(1).max(200).optional(),
  /**
   * A calibration document as `stallsim calibrate --run … -o FILE` (or `stallsim calibrate … -o FILE`) wrote it:
   * stored as it is (its passes' profiles and repeatability included), in place of `fio`.
   */
  calibration: z.looseObject({ profile: z.unknown() }).optional(),
  ...uploadOptions,
  /** Whether the data survives the loss of a node (default false: node-local media). */
  survivesNodeLoss: z.boolean().optional(),
  /** Fit runs from several machines or devices as one profile (default false: refused, 400 `CAL_ERR_MIXED`). */
  allowMixed: z.boolean().optional(),
});

const Flag = z.enum(["true", "false"]).transform((s) => s === "true");

/** Query of `POST /api/profiles`: the options for a raw fio body (the wrapped body's own fields win). */
export const ProfileQuery = z.strictObject({
  name: ProfileName.optional(),
  ...uploadOptions,
  survivesNodeLoss: Flag.optional(),
  allowMixed: Flag.optional(),
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

/** A warning about a calibration (src/calibration/checks.ts). */
export const CalibrationWarning = z.object({
  code: z.enum(["one-point-curve", "poor-fit", "buffered-io", "unstable-volume"]),
  message: z.string(),
});

/** `201`: the fitted profile, its fit error and what to check before trusting it. */
export const ProfileCreated = z.object({
  name: z.string(),
  createdAt: z.string(),
  profile: StorageProfileJson,
  fitError: z.array(CurveFitError),
  warnings: z.array(CalibrationWarning),
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

/** `GET /api/profiles/:name`: `{ profile, curves, fitError, warnings }` (no `warnings` in profiles stored before 0.2). */
export const CalibrationDoc = z
  .looseObject({
    profile: StorageProfileJson,
    curves: z.array(z.unknown()),
    fitError: z.array(CurveFitError),
    warnings: z.array(CalibrationWarning).optional(),
  })
  .meta({ id: "CalibrationDocument" });
