/**
 * What a run produced: the result document (`GET /api/runs/:id/result`, the stored JSON text byte for byte,
 * as `stallsim run --json` prints it), the same as CSV (`result.csv`, layout in runs/result-csv.ts), and the
 * scenario exactly as submitted. 409 until the run is done.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ScenarioResult } from "../../../scenarios/result/index.ts";
import { ApiError, notFound, notReady } from "../../errors.ts";
import { sendJsonText } from "../../json-text.ts";
import { resultCsv } from "../../runs/result-csv.ts";
import { errors, RunIdParams } from "../../schemas/common.ts";
import { RunScenarioText, ScenarioResultDoc } from "../../schemas/runs.ts";

/** A file name made of safe characters: `mlperf-unet3d-h100-r00000042.csv`. */
const fileName = (name: string, id: string): string =>
  `${name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80)}-${id}.csv`;

/** Registers `GET /runs/:id/result`, `/result.csv` and `/scenario`. */
export const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The result JSON text of a done run. @throws 404 unknown, 409 not done. */
  const resultOf = (id: string): { name: string; json: string } => {
    const run = app.runsRepository.get(id);
    if (run === undefined) throw notFound("run", id);
    const json = run.status === "done" ? app.runsRepository.result(id) : undefined;
    if (json === undefined) throw notReady(id, app.runManager.live(id)?.status ?? run.status);
    return { name: run.name, json };
  };

  app.get(
    "/runs/:id/result",
    {
      schema: {
        tags: ["runs"],
        summary: "The result document (ScenarioResult)",
        params: RunIdParams,
        response: { 200: ScenarioResultDoc, ...errors(400, 404, 409) },
      },
    },
    async (req, reply) => sendJsonText(reply, resultOf(req.params.id).json),
  );

  app.get(
    "/runs/:id/result.csv",
    {
      schema: {
        tags: ["runs"],
        summary: "The result as CSV: jobs, storage, the scenario and cost lines",
        params: RunIdParams,
        response: { 200: z.string().meta({ description: "text/csv (RFC 4180)" }), ...errors(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { name, json } = resultOf(req.params.id);
      const result = JSON.parse(json) as ScenarioResult;
      if (!Array.isArray(result.alternatives)) {
        throw new ApiError(
          "API_ERR_STALE_RESULT",
          409,
          `run ${req.params.id} was stored by an earlier stallsim, whose result summed alternatives: rerun it (POST /api/runs/${req.params.id}/rerun) for its CSV`,
        );
      }
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName(name, req.params.id)}"`)
        .send(resultCsv(result));
    },
  );

  app.get(
    "/runs/:id/scenario",
    {
      schema: {
        tags: ["runs"],
        summary: "The scenario exactly as submitted",
        params: RunIdParams,
        response: { 200: RunScenarioText, ...errors(400, 404) },
      },
    },
    async (req) => {
      const run = app.runsRepository.get(req.params.id);
      if (run === undefined) throw notFound("run", req.params.id);
      return { text: run.scenarioText };
    },
  );
};
