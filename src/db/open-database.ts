import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema.js";

export type OpenDatabaseResult =
  | { status: "ok"; db: Kysely<Database>; dialect: "sqlite"; location: string }
  | { status: "error"; error: string };

/** Opens the embedded SQLite store at `path` (":memory:" allowed), creating its folder. */
export function openSqlite(path: string): OpenDatabaseResult {
  const location = path === ":memory:" ? path : resolve(path);
  try {
    if (location !== ":memory:") mkdirSync(dirname(location), { recursive: true });
    const sqlite = new SQLite(location);
    // WAL lets the watcher, the dispatcher and a CLI import in another process read while one writes.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { status: "ok", db, dialect: "sqlite", location };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "error", error: `cannot open the SQLite database at ${location}: ${reason}` };
  }
}
