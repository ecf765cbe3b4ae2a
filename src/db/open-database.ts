import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema.js";

export type OpenDatabaseResult =
  | { status: "ok"; db: Kysely<Database>; dialect: "sqlite"; location: string }
  | { status: "error"; error: string };

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small insert.
 * Our queries are a bounded set of shapes, so statements are kept by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = sqlite.prepare(source);
      // IN-lists of varying length make new shapes: keep the cache from growing without bound.
      if (cache.size >= 2000) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

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
    // 32 MB of page cache: inserts into the FTS and story indexes stay in memory during a poll.
    sqlite.pragma("cache_size = -32768");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { status: "ok", db, dialect: "sqlite", location };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "error", error: `cannot open the SQLite database at ${location}: ${reason}` };
  }
}
