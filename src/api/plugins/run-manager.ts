/**
 * The run manager plugin (`run-manager`, after `runs-repository`): on start-up, marks the runs a stopped or
 * killed server left queued or running as failed ("interrupted: …"); decorates the instance with the
 * `RunManager`; stops it before the database closes.
 */
import fp from "fastify-plugin";
import { INTERRUPTED, RunManager } from "../runs/run-manager.ts";
import type { RetentionLimits } from "./runs-repository.ts";

declare module "fastify" {
  interface FastifyInstance {
    runManager: RunManager;
  }
}

/** Options of the plugin (see `RunManagerOptions`). */
export interface RunManagerPluginOptions {
  readonly workers?: number | undefined;
  readonly maxQueued?: number | undefined;
  readonly retention?: RetentionLimits | undefined;
}

/** Decorates `runManager`; fails runs left active by a previous server; stops runs on close (preClose). */
export const runManagerPlugin = fp<RunManagerPluginOptions>(
  async (app, opts) => {
    app.runsRepository.failActive(INTERRUPTED, new Date().toISOString());
    const manager = new RunManager({
      repository: app.runsRepository,
      workers: opts.workers,
      maxQueued: opts.maxQueued,
      ...(opts.retention === undefined ? {} : { retention: opts.retention }),
      log: app.log,
    });
    app.decorate("runManager", manager);
    app.addHook("preClose", async () => {
      await manager.close();
    });
  },
  { name: "run-manager", dependencies: ["runs-repository"], fastify: "5.x" },
);
