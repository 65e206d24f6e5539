/**
 * The profiles repository: stored calibration documents by unique name, and the plugin that decorates the
 * instance with it (`profilesRepository`, after `db`).
 */
import type { Database } from "better-sqlite3";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    profilesRepository: ProfilesRepository;
  }
}

/** A stored profile: its name, the calibration document as JSON text, when it was stored (ISO 8601). */
export interface ProfileRecord {
  readonly name: string;
  readonly document: string;
  readonly createdAt: string;
}

export interface ProfilesRepository {
  /** Stores a new profile; returns false (and stores nothing) when the name is taken. */
  insert(profile: ProfileRecord): boolean;
  get(name: string): ProfileRecord | undefined;
  /** All profiles, by name. */
  list(): ProfileRecord[];
  /** Returns whether it existed. */
  remove(name: string): boolean;
}

interface Row {
  name: string;
  document: string;
  created_at: string;
}

const fromRow = (r: Row): ProfileRecord => ({ name: r.name, document: r.document, createdAt: r.created_at });

/** The repository over an open, migrated database. */
export function createProfilesRepository(db: Database): ProfilesRepository {
  const insert = db.prepare(
    "INSERT INTO profiles (name, document, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
  );
  const get = db.prepare("SELECT name, document, created_at FROM profiles WHERE name = ?");
  const list = db.prepare("SELECT name, document, created_at FROM profiles ORDER BY name");
  const remove = db.prepare("DELETE FROM profiles WHERE name = ?");
  return {
    insert: (p) => insert.run(p.name, p.document, p.createdAt).changes > 0,
    get: (name) => {
      const row = get.get(name) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    list: () => (list.all() as Row[]).map(fromRow),
    remove: (name) => remove.run(name).changes > 0,
  };
}

/** Decorates `profilesRepository` (depends on `db`). */
export const profilesRepositoryPlugin = fp(
  async (app) => {
    app.decorate("profilesRepository", createProfilesRepository(app.db));
  },
  { name: "profiles-repository", dependencies: ["db"], fastify: "5.x" },
);
