/**
 * The database plugin (`name: 'db'`): opens the SQLite file with better-sqlite3 in WAL mode, brings its
 * schema up to date with the numbered migrations, decorates the instance with `db`, and closes it when the
 * server closes.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import fp from "fastify-plugin";
import { migrate } from "../db/migrate.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The open database (better-sqlite3, synchronous). */
    db: Database.Database;
  }
}

/** Options of the db plugin. */
export interface DbPluginOptions {
  /** File path of the database, or `:memory:` (tests). A missing parent folder is created. */
  readonly path: string;
}

/**
 * Opens `path` (creating its folder), sets WAL mode, `synchronous = NORMAL` (a committed transaction
 * survives a killed process; only a power loss may lose the last ones) and a 5 s busy timeout, and migrates.
 * @throws the better-sqlite3 error when the file cannot be opened, or RangeError for a newer schema.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Decorates `db`; closes it in an `onClose` hook. */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, opts) => {
    const db = openDatabase(opts.path);
    app.decorate("db", db);
    app.addHook("onClose", async () => {
      db.close();
    });
  },
  { name: "db", fastify: "5.x" },
);
