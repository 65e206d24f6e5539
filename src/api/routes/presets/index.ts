/**
 * `GET /api/presets`: the catalogs a scenario names things from (storage presets, GPUs, node types), each
 * entry in full with its sources; unlimited figures are null.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NODE_TYPES } from "../../../models/cluster/node-types.ts";
import { GPUS } from "../../../models/gpu/catalog.ts";
import { STORAGE_PRESETS } from "../../../models/storage/presets/index.ts";
import { jsonSafe } from "../../json-safe.ts";
import { Presets } from "../../schemas/presets.ts";

/** Registers `GET /presets` (under the `/api` prefix). */
export const presetsRoutes: FastifyPluginAsyncZod = async (app) => {
  const presets = jsonSafe({ storage: STORAGE_PRESETS, gpus: GPUS, nodeTypes: NODE_TYPES }) as typeof Presets._output;
  app.get(
    "/presets",
    { schema: { tags: ["catalog"], summary: "Storage presets, GPUs and node types", response: { 200: Presets } } },
    async () => presets,
  );
};
