/**
 * `GET /api/compare?ids=a,b,…`: done runs side by side, one entry per alternative of each run (utilisation, cost
 * to finish, GPU-hours and GPU cost by cause, wall hours, run rate), in the order asked, each labelled by what
 * sets it apart (compare-labels.ts). 400 without ids, 404 naming every unknown id, 409 naming runs that
 * are not done.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ApiError, badRequest } from "../../errors.ts";
import { compareLabels } from "../../runs/compare-labels.ts";
import { comparedEntries } from "../../runs/run-summary.ts";
import { errors } from "../../schemas/common.ts";
import { CompareQuery, Comparison } from "../../schemas/runs.ts";

/** Most runs in one comparison. */
export const MAX_COMPARED = 50;

/** Registers `GET /compare`. */
export const compareRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/compare",
    {
      schema: {
        tags: ["runs"],
        summary: "Compare done runs",
        querystring: CompareQuery,
        response: { 200: Comparison, ...errors(400, 404, 409) },
      },
    },
    async (req) => {
      const ids = [...new Set((req.query.ids ?? "").split(",").map((s) => s.trim()))].filter((s) => s !== "");
      if (ids.length === 0)
        throw badRequest("ids: give the runs to compare, e.g. ?ids=r00000001,r00000002", [
          { code: "too_small", path: ["ids"], message: "give at least one run id" },
        ]);
      if (ids.length > MAX_COMPARED)
        throw badRequest(`ids: at most ${MAX_COMPARED} runs can be compared (got ${ids.length})`, [
          { code: "too_big", path: ["ids"], message: `at most ${MAX_COMPARED} run ids` },
        ]);
      const runs = ids.map((id) => ({ id, run: app.runsRepository.get(id) }));
      const unknown = runs.filter((r) => r.run === undefined).map((r) => r.id);
      if (unknown.length > 0)
        throw new ApiError(
          "API_ERR_NOT_FOUND",
          404,
          `unknown runs: ${unknown.map((id) => JSON.stringify(id)).join(", ")}`,
        );
      const notDone = runs.filter((r) => r.run!.status !== "done");
      if (notDone.length > 0)
        throw new ApiError(
          "API_ERR_NOT_READY",
          409,
          `runs not done: ${notDone.map((r) => `${r.id} (${r.run!.status})`).join(", ")}`,
        );
      const entries = runs.flatMap((r) =>
        comparedEntries(r.run!, app.runsRepository.result(r.id)!).map((e, _, all) => ({
          entry: e,
          source: {
            id: r.id,
            scenarioText: r.run!.scenarioText,
            seed: r.run!.seed,
            replications: r.run!.replications,
            fidelity: r.run!.fidelity,
            alternative: all.length > 1 ? e.alternative : undefined,
          },
        })),
      );
      const labels = compareLabels(entries.map((x) => x.source));
      return { runs: entries.map((x, i) => ({ ...x.entry, label: labels[i]! })) };
    },
  );
};
