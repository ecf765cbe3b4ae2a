import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import { migrateToLatest } from "./db/migrate.js";
import { openSqlite } from "./db/open-database.js";
import { openPostgres } from "./db/open-postgres.js";
import type { Database } from "./db/schema.js";

export type ReadyDatabase = { status: "ok"; db: Kysely<Database>; location: string; applied: string[] } | { status: "error"; error: string };

/** Opens the configured database (SQLite file or PostgreSQL URL) and brings its schema up to date. */
export async function openMigratedDatabase(config: Config, opts: { onIdleError?: (error: Error) => void } = {}): Promise<ReadyDatabase> {
  const opened = config.database.kind === "postgres" ? await openPostgres(config.database.url, { onIdleError: opts.onIdleError }) : openSqlite(config.database.path);
  if (opened.status === "error") return opened;
  // Several workers may start at once: on PostgreSQL the migrator holds an advisory lock while it runs.
  const migrated = await migrateToLatest(opened.db);
  if (migrated.status === "error") {
    await opened.db.destroy();
    return { status: "error", error: `database migration failed: ${migrated.error}` };
  }
  return { status: "ok", db: opened.db, location: opened.location, applied: migrated.applied };
}
