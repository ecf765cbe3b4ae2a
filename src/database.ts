import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import { migrateToLatest } from "./db/migrate.js";
import { openSqlite } from "./db/open-database.js";
import type { Database } from "./db/schema.js";

export type ReadyDatabase = { status: "ok"; db: Kysely<Database>; location: string; applied: string[] } | { status: "error"; error: string };

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<ReadyDatabase> {
  if (config.database.kind === "postgres") {
    return { status: "error", error: "DATABASE_URL: PostgreSQL is not supported by this version yet; use a SQLite file path such as ./data/newsflash.db" };
  }
  const opened = openSqlite(config.database.path);
  if (opened.status === "error") return opened;
  const migrated = await migrateToLatest(opened.db);
  if (migrated.status === "error") {
    await opened.db.destroy();
    return { status: "error", error: `database migration failed: ${migrated.error}` };
  }
  return { status: "ok", db: opened.db, location: opened.location, applied: migrated.applied };
}
