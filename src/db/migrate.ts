import { Migrator, sql, type Kysely, type MigrationResult } from "kysely";
import { engineOf } from "./dialect.js";
import { folderMigrationProvider } from "./migration-provider.js";
import type { Database } from "./schema.js";

export type MigrateOutcome =
  | { status: "ok"; applied: string[] }
  | { status: "error"; error: string; applied: string[] };

/** Applies pending migrations. Never throws: Kysely's migrator reports failure in `error`. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrateOutcome> {
  // On PostgreSQL the bookkeeping tables go in the schema we run in (search_path): Kysely's
  // existence check looks across schemas, so another schema's tables would fool it otherwise.
  const schema = engineOf(db) === "postgres" ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: folderMigrationProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === "Success").map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", error: failed ? `migration ${failed} failed: ${message}` : message, applied };
  }
  return { status: "ok", applied };
}
