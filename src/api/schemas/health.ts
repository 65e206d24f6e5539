/**
 * `GET /api/health`: the server is up, and the stallsim version it runs.
 */
import { z } from "zod";

export const Health = z.object({ ok: z.literal(true), version: z.string() });
