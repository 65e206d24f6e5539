/**
 * The schema migrator. Migrations are numbered SQL files in `migrations/`: `001.do.sql` moves the schema
 * from version 0 to 1 and `001.undo.sql` back. The version applied is recorded in a `schema_version` table
 * (one row per applied migration); each migration and its row are written in one transaction, so a crash
 * leaves the database at a whole version.
 */
import { readdirSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Database } from "better-sqlite3";
import { projectPath } from "../../scenarios/project.ts";

/** Folder of the migration files. */
export const MIGRATIONS_DIR = pathToFileURL(`${projectPath("src", "api", "db", "migrations")}/`);

/** One numbered migration. */
export interface Migration {
  readonly version: number;
  readonly up: string;
  readonly down: string;
}

/**
 * The migrations in `dir`, in version order.
 * @throws RangeError when a version is missing its `.do.sql` or `.undo.sql`, or the numbers have a gap.
 */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d+\.(do|undo)\.sql$/.test(f));
  const versions = [...new Set(files.map((f) => Number(f.split(".")[0])))].sort((a, b) => a - b);
  return versions.map((version, i) => {
    if (version !== i + 1) throw new RangeError(`missing migration: ${String(i + 1).padStart(3, "0")}`);
    const name = (kind: string) => `${String(version).padStart(3, "0")}.${kind}.sql`;
    for (const kind of ["do", "undo"]) {
      if (!files.includes(name(kind))) throw new RangeError(`missing migration file: ${name(kind)}`);
    }
    return {
      version,
      up: readFileSync(new URL(name("do"), dir), "utf8"),
      down: readFileSync(new URL(name("undo"), dir), "utf8"),
    };
  });
}

/** The schema version of `db` (0 for a new database). */
export function schemaVersion(db: Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Moves `db` to version `target` (default: the latest), applying `.do.sql` files upwards or `.undo.sql` files
 * downwards, one transaction per migration. Returns the versions applied or undone, in order.
 * @throws RangeError for a target outside 0…latest, or a database newer than this code knows.
 */
export function migrate(db: Database, target?: number, migrations: readonly Migration[] = loadMigrations()): number[] {
  const latest = migrations.length;
  const to = target ?? latest;
  if (!Number.isInteger(to) || to < 0 || to > latest) throw new RangeError(`invalid schema version: ${to}`);
  const from = schemaVersion(db);
  if (from > latest) throw new RangeError(`database schema version ${from} is newer than this stallsim (${latest})`);
  const done: number[] = [];
  const record = db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
  const forget = db.prepare("DELETE FROM schema_version WHERE version = ?");
  for (let v = from + 1; v <= to; v++) {
    const m = migrations[v - 1]!;
    db.transaction(() => {
      db.exec(m.up);
      record.run(v, new Date().toISOString());
    })();
    done.push(v);
  }
  for (let v = from; v > to; v--) {
    const m = migrations[v - 1]!;
    db.transaction(() => {
      db.exec(m.down);
      forget.run(v);
    })();
    done.push(v);
  }
  return done;
}
