/**
 * The forms of a profile upload, turned into the one JSON shape the route validates (`ProfileUpload`):
 * - JSON `{name, fio: [...]}` or `{name, calibration: {...}}` as it is;
 * - a calibration document (`stallsim calibrate --run … -o FILE`: an object with `profile`), name in the query;
 * - raw fio JSON (one document with `jobs`, or an array of them), options in the query string;
 * - fio's output as `text/plain` (it may start with non-JSON lines), options in the query string;
 * - `multipart/form-data`: every file part is one fio output (named by its file name), the other parts are
 *   the options (`name`, `machine`, `category`, `survivesNodeLoss`, `allowMixed`).
 * `text/plain` and multipart are what a page on another site can post without asking (no CORS preflight):
 * plugins/same-origin.ts refuses them when the browser says they come from another origin.
 */
import type { FastifyRequest } from "fastify";
import { ApiError } from "../../errors.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isFioDocument = (v: unknown): boolean => isRecord(v) && Array.isArray(v.jobs);

/** The most parts a multipart upload may have (files and fields). */
const MAX_PARTS = 220;

/**
 * The request body as the wrapped JSON shape (validated afterwards by the route's schema).
 * @throws ApiError 413 when the files exceed `bodyLimit` bytes.
 */
export async function normaliseUpload(req: FastifyRequest, bodyLimit: number): Promise<unknown> {
  if (req.isMultipart()) {
    return multipartUpload(req, bodyLimit);
  }
  const body = req.body;
  if (typeof body === "string") {
    return { fio: [body] };
  }
  if (isFioDocument(body)) return { fio: [JSON.stringify(body)] };
  if (isRecord(body) && "profile" in body && !("calibration" in body)) return { calibration: body };
  if (Array.isArray(body) && body.length > 0 && body.every(isFioDocument)) {
    return { fio: body.map((d) => JSON.stringify(d)) };
  }
  return body;
}

const FLAGS = new Set(["survivesNodeLoss", "allowMixed"]);

async function multipartUpload(req: FastifyRequest, bodyLimit: number): Promise<unknown> {
  const fio: { name: string; text: string }[] = [];
  const fields: Record<string, unknown> = {};
  let bytes = 0;
  let parts = 0;
  for await (const part of req.parts({ limits: { fileSize: bodyLimit, parts: MAX_PARTS, fieldSize: 1000 } })) {
    if (++parts > MAX_PARTS) throw new ApiError("API_ERR_TOO_LARGE", 413, `more than ${MAX_PARTS} parts`);
    if (part.type === "file") {
      const buffer = await part.toBuffer();
      bytes += buffer.length;
      if (bytes > bodyLimit) {
        throw new ApiError(
          "API_ERR_TOO_LARGE",
          413,
          `the files come to more than ${bodyLimit} bytes (STALLSIM_BODY_LIMIT)`,
        );
      }
      fio.push({ name: part.filename || `${part.fieldname}[${fio.length}]`, text: buffer.toString("utf8") });
    } else {
      const value = String(part.value);
      fields[part.fieldname] =
        FLAGS.has(part.fieldname) && (value === "true" || value === "false") ? value === "true" : value;
    }
  }
  return { ...fields, fio };
}
