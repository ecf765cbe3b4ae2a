import { Migrator, type Kysely, type MigrationResult } from "kysely";
import { folderMigrationProvider } from "./migration-provider.js";
import type { Database } from "./schema.js";

export type MigrateOutcome =
  | { status: "ok"; applied: string[] }
  | { status: "error"; error: string; applied: string[] };

/** Applies pending migrations. Never throws: Kysely's migrator reports failure in `error`. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrateOutcome> {
  const migrator = new Migrator({ db, provider: folderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === "Success").map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", error: failed ? `migration ${failed} failed: ${message}` : message, applied };
  }
  return { status: "ok", applied };
}
