/**
 * Sending JSON that is already text (a stored result or calibration document) byte for byte: with a JSON
 * content type and a string payload fastify sends it as it is, without serializing it again.
 */
import type { FastifyReply } from "fastify";

/** Sends `text` as `application/json; charset=utf-8`. */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(text);
}
