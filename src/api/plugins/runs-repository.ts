/**
 * The runs repository: every SQL statement about runs, behind a small typed interface, and the plugin that
 * decorates the instance with it (`runsRepository`, after `db`). Ids are `r` and the run's sequence number,
 * zero-padded to 8 digits (`r00000042`): they sort as they were created, never repeat after a delete, and
 * have nothing to do with the simulation.
 */
import type { Database } from "better-sqlite3";
import fp from "fastify-plugin";
import type { ErrorJson } from "../schemas/common.ts";
import type { FidelityName } from "../schemas/scenarios.ts";
import type { HeadlineJson, RunStatusName } from "../schemas/runs.ts";

declare module "fastify" {
  interface FastifyInstance {
    runsRepository: RunsRepository;
  }
}

/** What a new run stores. */
export interface NewRun {
  readonly name: string;
  readonly source: string;
  readonly scenarioText: string;
  readonly seed: number;
  readonly replications: number;
  readonly fidelity: FidelityName;
  /** JSON object: profile name or path as written → profile (profile-file JSON). */
  readonly profiles: string;
  readonly version: string;
  /** Estimated work units. */
  readonly work: number;
}

/** A stored run, without its result document. */
export interface RunRecord extends NewRun {
  readonly id: string;
  readonly status: RunStatusName;
  readonly progress: number;
  readonly progressMessage: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: ErrorJson | null;
  readonly headline: HeadlineJson | null;
  /** A pinned run is never evicted by retention. */
  readonly pinned: boolean;
  /** Bytes the run takes in the database (scenario, profiles, result, headline, error). */
  readonly bytes: number;
}

/** What retention may keep: at most this many runs and bytes (finished, unpinned runs go first, oldest first). */
export interface RetentionLimits {
  readonly maxRuns: number;
  readonly maxBytes: number;
}

/** What is stored, and what of it retention may not evict (queued, running or pinned runs). */
export interface StoredTotals {
  readonly runs: number;
  readonly bytes: number;
  readonly keptRuns: number;
  readonly keptBytes: number;
}

/** How a run ended. */
export type RunEnding =
  | { readonly status: "done"; readonly result: string; readonly headline: HeadlineJson }
  | { readonly status: "failed" | "cancelled"; readonly error: ErrorJson };

/** Filters of `list`. */
export interface RunListFilter {
  /** Name contains, case-insensitive. */
  readonly q?: string | undefined;
  readonly status?: RunStatusName | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface RunsRepository {
  /** Stores a queued run and returns it with its new id. */
  insert(run: NewRun, now: string): RunRecord;
  get(id: string): RunRecord | undefined;
  /** Newest first. */
  list(filter: RunListFilter): { runs: RunRecord[]; total: number };
  /** The result JSON text of a done run, exactly as stored. */
  result(id: string): string | undefined;
  markRunning(id: string, now: string): void;
  setProgress(id: string, fraction: number, message: string): void;
  /** Ends a queued or running run (a run already ended is left alone); returns whether it changed. */
  finish(id: string, ending: RunEnding, now: string): boolean;
  /** Deletes one run; returns whether it existed. */
  remove(id: string): boolean;
  /** Marks every queued or running run failed with `error`; returns how many. */
  failActive(error: ErrorJson, now: string): number;
  /** Pins or unpins a run; returns whether it exists. */
  setPinned(id: string, pinned: boolean): boolean;
  /** Runs and bytes stored, and those retention may not evict. */
  totals(): StoredTotals;
  /**
   * Deletes finished, unpinned runs, oldest first, until the stored runs are within `limits` (or none is left
   * to evict); returns the ids deleted.
   */
  evict(limits: RetentionLimits): string[];
}

interface Row {
  id: string;
  name: string;
  source: string;
  scenario_text: string;
  seed: number;
  replications: number;
  fidelity: FidelityName;
  profiles: string;
  version: string;
  work: number;
  status: RunStatusName;
  progress: number;
  progress_message: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  headline: string | null;
  pinned: number;
  bytes: number;
}

const COLUMNS =
  "id, name, source, scenario_text, seed, replications, fidelity, profiles, version, work, status, progress, " +
  "progress_message, created_at, started_at, finished_at, error, headline, pinned, bytes";

/** UTF-8 bytes of a stored text. */
const utf8 = (s: string | null): number => (s === null ? 0 : Buffer.byteLength(s, "utf8"));

const fromRow = (r: Row): RunRecord => ({
  id: r.id,
  name: r.name,
  source: r.source,
  scenarioText: r.scenario_text,
  seed: r.seed,
  replications: r.replications,
  fidelity: r.fidelity,
  profiles: r.profiles,
  version: r.version,
  work: r.work,
  status: r.status,
  progress: r.progress,
  progressMessage: r.progress_message,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error === null ? null : (JSON.parse(r.error) as ErrorJson),
  headline: r.headline === null ? null : storedHeadline(r.name, JSON.parse(r.headline) as unknown),
  pinned: r.pinned !== 0,
  bytes: r.bytes,
});

/**
 * A stored headline in today's shape. Runs finished before 0.2 stored one summed headline
 * (`{utilisation, totalUsd, wallHours, idlePerYearUsd}`): it is shown as one alternative named after the run, as
 * it was stored (the numbers are not recomputed; rerun the run to compare its alternatives).
 */
export function storedHeadline(name: string, h: unknown): HeadlineJson {
  const x = h as Partial<HeadlineJson> & {
    utilisation?: number;
    totalUsd?: number;
    wallHours?: number;
    idlePerYearUsd?: number;
  };
  if (Array.isArray(x.alternatives)) return x as HeadlineJson;
  return {
    alternatives: [
      {
        name,
        utilisation: x.utilisation ?? 0,
        totalUsd: x.totalUsd ?? 0,
        wallHours: x.wallHours ?? 0,
        idlePerYearUsd: x.idlePerYearUsd ?? 0,
      },
    ],
    cheapest: null,
    warnings: 0,
  };
}

/** `r` + the sequence number, zero-padded to 8 digits. */
export const runId = (seq: number): string => `r${String(seq).padStart(8, "0")}`;

/** A LIKE pattern matching `q` anywhere, with `%`, `_` and `\` taken literally. */
const containsPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The repository over an open, migrated database. */
export function createRunsRepository(db: Database): RunsRepository {
  const nextSeq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'runs'").pluck();
  const insert = db.prepare(
    `INSERT INTO runs (seq, id, name, source, scenario_text, seed, replications, fidelity, profiles, version, work,
       status, progress, progress_message, created_at, bytes)
     VALUES (@seq, @id, @name, @source, @scenarioText, @seed, @replications, @fidelity, @profiles, @version, @work,
       'queued', 0, 'queued', @createdAt, @bytes)`,
  );
  const get = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = ?`);
  const result = db.prepare("SELECT result FROM runs WHERE id = ? AND status = 'done'").pluck();
  const markRunning = db.prepare(
    "UPDATE runs SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND status = 'queued'",
  );
  const setProgress = db.prepare(
    "UPDATE runs SET progress = ?, progress_message = ? WHERE id = ? AND status IN ('queued', 'running')",
  );
  const finish = db.prepare(
    `UPDATE runs SET status = @status, result = @result, headline = @headline, error = @error,
       progress = CASE WHEN @status = 'done' THEN 1 ELSE progress END, progress_message = @message,
       started_at = COALESCE(started_at, @now), finished_at = @now, bytes = bytes + @bytes
     WHERE id = @id AND status IN ('queued', 'running')`,
  );
  const remove = db.prepare("DELETE FROM runs WHERE id = ?");
  const failActive = db.prepare(
    `UPDATE runs SET status = 'failed', error = ?, progress_message = 'interrupted', finished_at = ?
     WHERE status IN ('queued', 'running')`,
  );
  const setPinned = db.prepare("UPDATE runs SET pinned = ? WHERE id = ?");
  const totals = db.prepare(
    `SELECT COUNT(*) AS runs, COALESCE(SUM(bytes), 0) AS bytes,
       COALESCE(SUM(pinned = 1 OR status IN ('queued', 'running')), 0) AS keptRuns,
       COALESCE(SUM(CASE WHEN pinned = 1 OR status IN ('queued', 'running') THEN bytes ELSE 0 END), 0) AS keptBytes
     FROM runs`,
  );
  const evictable = db.prepare(
    "SELECT id, bytes FROM runs WHERE pinned = 0 AND status IN ('done', 'failed', 'cancelled') ORDER BY seq ASC",
  );
  const evictTx = db.transaction((limits: RetentionLimits): string[] => {
    const t = totals.get() as StoredTotals;
    let runs = t.runs;
    let bytes = t.bytes;
    const gone: string[] = [];
    for (const row of evictable.all() as { id: string; bytes: number }[]) {
      if (runs <= limits.maxRuns && bytes <= limits.maxBytes) break;
      remove.run(row.id);
      gone.push(row.id);
      runs--;
      bytes -= row.bytes;
    }
    return gone;
  });
  const insertTx = db.transaction((run: NewRun, now: string): string => {
    const seq = ((nextSeq.get() as number | undefined) ?? 0) + 1;
    const id = runId(seq);
    insert.run({ ...run, seq, id, createdAt: now, bytes: utf8(run.scenarioText) + utf8(run.profiles) });
    return id;
  });

  return {
    insert(run, now) {
      return fromRow(get.get(insertTx(run, now)) as Row);
    },
    get(id) {
      const row = get.get(id) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    list({ q, status, limit, offset }) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (q !== undefined && q !== "") {
        where.push("name LIKE ? ESCAPE '\\'");
        args.push(containsPattern(q));
      }
      if (status !== undefined) {
        where.push("status = ?");
        args.push(status);
      }
      const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
      const total = db
        .prepare(`SELECT COUNT(*) FROM runs ${clause}`)
        .pluck()
        .get(...args) as number;
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM runs ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
        .all(...args, limit, offset) as Row[];
      return { runs: rows.map(fromRow), total };
    },
    result(id) {
      return result.get(id) as string | undefined;
    },
    markRunning(id, now) {
      markRunning.run(now, id);
    },
    setProgress(id, fraction, message) {
      setProgress.run(fraction, message, id);
    },
    finish(id, ending, now) {
      const done = ending.status === "done";
      const changes = finish.run({
        id,
        now,
        status: ending.status,
        result: done ? ending.result : null,
        headline: done ? JSON.stringify(ending.headline) : null,
        error: done ? null : JSON.stringify(ending.error),
        message: ending.status,
        bytes: done ? utf8(ending.result) + utf8(JSON.stringify(ending.headline)) : utf8(JSON.stringify(ending.error)),
      }).changes;
      return changes > 0;
    },
    remove(id) {
      return remove.run(id).changes > 0;
    },
    failActive(error, now) {
      return failActive.run(JSON.stringify(error), now).changes;
    },
    setPinned(id, pinned) {
      return setPinned.run(pinned ? 1 : 0, id).changes > 0;
    },
    totals() {
      return totals.get() as StoredTotals;
    },
    evict(limits) {
      return evictTx(limits);
    },
  };
}

/** Decorates `runsRepository` (depends on `db`). */
export const runsRepositoryPlugin = fp(
  async (app) => {
    app.decorate("runsRepository", createRunsRepository(app.db));
  },
  { name: "runs-repository", dependencies: ["db"], fastify: "5.x" },
);
