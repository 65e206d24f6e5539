/**
 * Stored storage profiles: upload fio JSON output (wrapped JSON, raw fio JSON or text, or multipart files; see
 * upload.ts), which is parsed and fitted exactly as `stallsim calibrate` does (src/calibration/calibrate.ts),
 * and keep the calibration document under a unique name that scenarios can use in `storage.<b>.profile`. Bad
 * fio output is a 400 `CAL_ERR_FIO` naming the document (`fio[1]` or the file name) and the problem; runs from
 * two machines are a 400 `CAL_ERR_MIXED` unless `allowMixed`. A calibration document that `stallsim calibrate
 * --run` wrote is stored as it is (checked against the schema scenarios read profiles with).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import multipart from "@fastify/multipart";
import { calibrate } from "../../../calibration/calibrate.ts";
import { calibrationJson } from "../../../calibration/fitted-profile.ts";
import { parseFioJson } from "../../../calibration/parse-fio.ts";
import { StorageProfileFile } from "../../../scenarios/schema/profile-file.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { sendJsonText } from "../../json-text.ts";
import type { ProfileRecord } from "../../plugins/profiles-repository.ts";
import { errors, NameParams } from "../../schemas/common.ts";
import { CalibrationDoc, ProfileCreated, ProfileQuery, ProfileUpload, StoredProfile } from "../../schemas/profiles.ts";
import { normaliseUpload } from "./upload.ts";

type Summary = z.output<typeof StoredProfile>["summary"];

interface DocJson {
  profile: {
    title: string;
    volume: Record<"read" | "write", { bytesPerSecond: number | null; iops: number | null }>;
    latency: Record<"read" | "write", { baseLatencyUs: number }>;
  };
  curves: unknown[];
  fitError: { meanAbsRelativeError: number }[];
}

function summaryOf(document: string): Summary {
  const d = JSON.parse(document) as DocJson;
  const p = d.profile;
  const errs = d.fitError.map((e) => e.meanAbsRelativeError);
  return {
    title: p.title,
    readBytesPerSecond: p.volume.read.bytesPerSecond,
    writeBytesPerSecond: p.volume.write.bytesPerSecond,
    readIops: p.volume.read.iops,
    writeIops: p.volume.write.iops,
    readLatencyUs: p.latency.read.baseLatencyUs,
    writeLatencyUs: p.latency.write.baseLatencyUs,
    curves: d.curves.length,
    meanFitError: errs.length > 0 ? errs.reduce((a, b) => a + b, 0) / errs.length : null,
  };
}

/**
 * A calibration document to store: checked with the schema scenarios read profile files with (a 400 naming
 * `calibration.<path>` otherwise), its profile renamed to the stored name, curves and fit errors kept (empty
 * when the document has none).
 */
function storedCalibration(name: string, calibration: Record<string, unknown>): string {
  // The document form of a profile file (the other form is a bare profile).
  const parsed = StorageProfileFile.options[0].safeParse(calibration);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      code: i.code,
      path: ["calibration", ...i.path.map((k) => (typeof k === "number" ? k : String(k)))],
      message: i.message,
    }));
    const first = issues[0]!;
    throw badRequest(`${first.path.join(".")}: ${first.message}`, issues);
  }
  const raw = calibration as { profile: Record<string, unknown>; curves?: unknown; fitError?: unknown };
  return JSON.stringify({
    ...calibration,
    profile: { ...raw.profile, name },
    curves: Array.isArray(raw.curves) ? raw.curves : [],
    fitError: Array.isArray(raw.fitError) ? raw.fitError : [],
  });
}

/** Registers `POST`/`GET /profiles` and `GET`/`DELETE /profiles/:name`. */
export const profilesRoutes: FastifyPluginAsyncZod = async (app) => {
  const getProfile = (name: string): ProfileRecord => {
    const p = app.profilesRepository.get(name);
    if (p === undefined) throw notFound("profile", name);
    return p;
  };

  const bodyLimit = app.initialConfig.bodyLimit ?? 2 ** 20;
  await app.register(multipart, { limits: { fileSize: bodyLimit, parts: 220 } });

  app.post(
    "/profiles",
    {
      schema: {
        tags: ["profiles"],
        summary: "Fit and store a storage profile from fio JSON output",
        description:
          "Takes JSON `{name, fio: [texts or {name, text}]}`; raw fio JSON (a document or an array of them) with " +
          "`?name=`; fio output as text/plain with `?name=`; or multipart/form-data with fio files and a `name` " +
          "field. Fitted as `stallsim calibrate` fits; runs from two machines or devices are refused " +
          "(400 CAL_ERR_MIXED) unless `allowMixed`. The answer carries the fit's warnings.",
        querystring: ProfileQuery,
        body: ProfileUpload,
        response: { 201: ProfileCreated, ...errors(400, 401, 403, 409, 413, 415) },
      },
      preValidation: async (req) => {
        // Validated by the body schema right after this hook.
        req.body = (await normaliseUpload(req, bodyLimit)) as typeof req.body;
      },
    },
    async (req, reply) => {
      const { name, fio, calibration, machine, category, survivesNodeLoss, allowMixed } = {
        ...req.query,
        ...req.body,
      };
      if (name === undefined) {
        const message = "name: required: the profile's name (kebab-case), in the JSON body, a form field or ?name=";
        throw badRequest(message, [{ code: "invalid_type", path: ["name"], message: "required" }]);
      }
      if ((fio === undefined) === (calibration === undefined)) {
        const message = "fio, calibration: give one: fio output to fit, or a calibration document (calibrate -o)";
        throw badRequest(message, [{ code: "custom", path: ["fio"], message: "give fio or calibration, not both" }]);
      }
      if (app.profilesRepository.get(name) !== undefined)
        throw conflict(`profile ${JSON.stringify(name)} exists: delete it first (DELETE /api/profiles/${name})`);
      let document: string;
      if (calibration !== undefined) {
        document = storedCalibration(name, calibration);
      } else {
        const runs = fio!.flatMap((f, i) =>
          typeof f === "string" ? parseFioJson(f, `fio[${i}]`) : parseFioJson(f.text, f.name),
        );
        const doc = calibrate(name, runs, {
          machine,
          fallbackMachine: "uploaded fio runs",
          allowMixed: allowMixed ?? false,
          ...(category === undefined ? {} : { category }),
          ...(survivesNodeLoss === undefined ? {} : { survivesNodeLoss }),
        });
        document = calibrationJson(doc);
      }
      const createdAt = new Date().toISOString();
      if (!app.profilesRepository.insert({ name, document, createdAt }))
        throw conflict(`profile ${JSON.stringify(name)} exists: delete it first (DELETE /api/profiles/${name})`);
      const stored = JSON.parse(document) as z.output<typeof ProfileCreated>;
      return reply
        .code(201)
        .send({ name, createdAt, profile: stored.profile, fitError: stored.fitError, warnings: stored.warnings });
    },
  );

  app.get(
    "/profiles",
    {
      schema: { tags: ["profiles"], summary: "Stored profiles", response: { 200: z.array(StoredProfile) } },
    },
    async () =>
      app.profilesRepository
        .list()
        .map((p) => ({ name: p.name, createdAt: p.createdAt, summary: summaryOf(p.document) })),
  );

  app.get(
    "/profiles/:name",
    {
      schema: {
        tags: ["profiles"],
        summary: "A stored calibration document { profile, curves, fitError }",
        params: NameParams,
        response: { 200: CalibrationDoc, ...errors(400, 404) },
      },
    },
    async (req, reply) => sendJsonText(reply, getProfile(req.params.name).document),
  );

  app.delete(
    "/profiles/:name",
    {
      schema: {
        tags: ["profiles"],
        summary: "Delete a stored profile (runs keep the profiles they used)",
        params: NameParams,
        response: { 204: z.null().meta({ description: "Deleted" }), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      if (!app.profilesRepository.remove(getProfile(req.params.name).name)) throw notFound("profile", req.params.name);
      return reply.code(204).send(null);
    },
  );
};
