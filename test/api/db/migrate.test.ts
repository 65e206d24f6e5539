/**
 * The migrator: numbered `.do.sql` files bring a new database to the latest version, `.undo.sql` files take it
 * back, each step in a transaction recorded in `schema_version`; gaps and newer databases are refused.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { loadMigrations, migrate, schemaVersion } from "../../../src/api/db/migrate.ts";
import { openDatabase } from "../../../src/api/plugins/db.ts";

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !t.startsWith("sqlite_"),
  );

describe("migrate", () => {
  test("a new database goes to the latest version; undo takes it back to 0 and do again to the latest", () => {
    const db = new Database(":memory:");
    const latest = loadMigrations().length;
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    expect(schemaVersion(db)).toBe(latest);
    expect(tables(db)).toEqual(["profiles", "runs", "schema_version"]);
    expect(migrate(db)).toEqual([]);
    migrate(db, 0);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual(["schema_version"]);
    migrate(db);
    expect(tables(db)).toEqual(["profiles", "runs", "schema_version"]);
    db.close();
  });

  test("a failing migration leaves the database at the last whole version", () => {
    const db = new Database(":memory:");
    const migrations = [
      ...loadMigrations(),
      { version: 99, up: "CREATE TABLE t (x); SELECT nope FROM nowhere;", down: "" },
    ];
    expect(() => migrate(db, undefined, migrations)).toThrow(/no such table: nowhere/);
    expect(schemaVersion(db)).toBe(migrations.length - 1);
    expect(tables(db)).not.toContain("t");
    db.close();
  });

  test("a database newer than the code is refused", () => {
    const db = new Database(":memory:");
    migrate(db);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')").run();
    expect(() => migrate(db)).toThrow(
      `database schema version 999 is newer than this stallsim (${loadMigrations().length})`,
    );
    db.close();
  });

  test("a missing undo file or a gap in the numbers is refused", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stallsim-migrations-"));
    writeFileSync(path.join(dir, "001.do.sql"), "SELECT 1;");
    const url = pathToFileURL(`${dir}/`);
    expect(() => loadMigrations(url)).toThrow("missing migration file: 001.undo.sql");
    writeFileSync(path.join(dir, "001.undo.sql"), "SELECT 1;");
    writeFileSync(path.join(dir, "003.do.sql"), "SELECT 1;");
    expect(() => loadMigrations(url)).toThrow("missing migration: 002");
  });

  test("openDatabase uses WAL for a file and creates its folder", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "stallsim-db-")), "nested", "x.db");
    const db = openDatabase(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    db.close();
  });
});
