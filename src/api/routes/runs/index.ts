/**
 * Runs: start one (202 at once; it simulates in a worker thread), list and search them, follow one's status
 * and progress, rerun a stored one to the same bytes, and delete one (cancelling it first when it is active).
 * The result document, its CSV and the submitted scenario text are in ./results.ts.
 */
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError, notFound } from "../../errors.ts";
import type { RunRecord } from "../../plugins/runs-repository.ts";
import { runSummary } from "../../runs/run-summary.ts";
import { parseProfilesJson, profilesJson, resolveProfiles } from "../../runs/scenario-profiles.ts";
import { checkBudget, prepareRun, scenarioText, type PreparedRun } from "../../runs/submission.ts";
import { errors, RunIdParams } from "../../schemas/common.ts";
import { RunAccepted, RunList, RunListQuery, RunPatch, RunSummary } from "../../schemas/runs.ts";
import { ScenarioSubmission } from "../../schemas/scenarios.ts";
import { STALLSIM_VERSION } from "../../version.ts";
import { resultRoutes } from "./results.ts";

/**
 * Refuses a new run when what retention may not evict (queued, running and pinned runs) already fills the
 * limits: 507 `API_ERR_STORAGE_FULL`, saying what to unpin or delete.
 */
function ensureRoom(app: FastifyInstance, newBytes: number): void {
  const { maxRuns, maxBytes } = app.settings.retention;
  const t = app.runsRepository.totals();
  if (t.keptRuns + 1 <= maxRuns && t.keptBytes + newBytes <= maxBytes) return;
  throw new ApiError(
    "API_ERR_STORAGE_FULL",
    507,
    `no room for another run: ${t.keptRuns} runs (${t.keptBytes} bytes) are queued, running or pinned, and the ` +
      `limits are ${maxRuns} runs and ${maxBytes} bytes (STALLSIM_MAX_RUNS, STALLSIM_MAX_STORED_BYTES): unpin ` +
      "(PATCH /api/runs/:id {pinned: false}) or delete runs",
  );
}

/** Checks the budget, the queue and the room, stores the run (evicting old ones beyond retention) and starts it. */
function enqueue(app: FastifyInstance, run: PreparedRun, profiles: string): RunRecord {
  checkBudget(run, app.settings.workBudget);
  app.runManager.ensureCapacity();
  ensureRoom(app, Buffer.byteLength(run.text) + Buffer.byteLength(profiles));
  const record = app.runsRepository.insert(
    {
      name: run.config.name,
      source: run.source,
      scenarioText: run.text,
      seed: run.seed,
      replications: run.replications,
      fidelity: run.fidelity,
      profiles,
      version: STALLSIM_VERSION,
      work: run.work.units,
    },
    new Date().toISOString(),
  );
  app.runsRepository.evict(app.settings.retention);
  app.runManager.start(record, run);
  return record;
}

/** Registers the run endpoints (and, through ./results.ts, their result, CSV and scenario). */
export const runsRoutes: FastifyPluginAsyncZod = async (app) => {
  const getRun = (id: string): RunRecord => {
    const run = app.runsRepository.get(id);
    if (run === undefined) throw notFound("run", id);
    return run;
  };

  app.post(
    "/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "Start a run",
        description:
          "Validates the scenario (as POST /api/scenarios/validate), refuses work over the budget (422) or a full " +
          "queue (429), then answers 202 with the new run's id at once; the run simulates in a worker thread.",
        body: ScenarioSubmission,
        response: { 202: RunAccepted, ...errors(400, 401, 404, 413, 415, 422, 429) },
      },
    },
    async (req, reply) => {
      const run = await prepareRun(await scenarioText(req.body), req.body, (c) =>
        resolveProfiles(c, app.profilesRepository),
      );
      const record = enqueue(app, run, profilesJson(run.profiles));
      reply.code(202).header("location", `/api/runs/${record.id}`);
      return { id: record.id, status: record.status };
    },
  );

  app.get(
    "/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "List and search runs, newest first",
        querystring: RunListQuery,
        response: { 200: RunList, ...errors(400) },
      },
    },
    async (req) => {
      const { runs, total } = app.runsRepository.list(req.query);
      return { runs: runs.map((r) => runSummary(r, app.runManager.live(r.id))), total };
    },
  );

  app.get(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "A run's status, progress and headline",
        params: RunIdParams,
        response: { 200: RunSummary, ...errors(400, 404) },
      },
    },
    async (req) => runSummary(getRun(req.params.id), app.runManager.live(req.params.id)),
  );

  app.post(
    "/runs/:id/rerun",
    {
      schema: {
        tags: ["runs"],
        summary: "Run a stored run again",
        description:
          "A new run of the stored scenario text, seed, replications, fidelity and the profiles the first run " +
          "used: its result is byte-identical to the first one's (with the same stallsim version).",
        params: RunIdParams,
        response: { 202: RunAccepted, ...errors(400, 401, 404, 422, 429) },
      },
    },
    async (req, reply) => {
      const old = getRun(req.params.id);
      const choices = { seed: old.seed, replications: old.replications, fidelity: old.fidelity };
      const run = await prepareRun({ text: old.scenarioText, source: old.source }, choices, async () =>
        parseProfilesJson(old.profiles),
      );
      const record = enqueue(app, run, old.profiles);
      reply.code(202).header("location", `/api/runs/${record.id}`);
      return { id: record.id, status: record.status };
    },
  );

  app.delete(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "Delete a run (a queued or running one is cancelled first)",
        params: RunIdParams,
        response: { 204: z.null().meta({ description: "Deleted" }), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const run = getRun(req.params.id);
      await app.runManager.cancel(run.id);
      app.runsRepository.remove(run.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "Pin or unpin a run (retention never deletes a pinned run)",
        description:
          "Stored runs are kept up to STALLSIM_MAX_RUNS runs and STALLSIM_MAX_STORED_BYTES bytes; beyond, the " +
          "oldest finished runs that are not pinned are deleted.",
        params: RunIdParams,
        body: RunPatch,
        response: { 200: RunSummary, ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const run = getRun(req.params.id);
      app.runsRepository.setPinned(run.id, req.body.pinned);
      return runSummary(getRun(run.id), app.runManager.live(run.id));
    },
  );

  await app.register(resultRoutes);
};
