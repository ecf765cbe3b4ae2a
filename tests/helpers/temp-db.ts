import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../../src/db/migrate.js";
import { openSqlite } from "../../src/db/open-database.js";
import type { Database } from "../../src/db/schema.js";

export interface TempDatabase {
  db: Kysely<Database>;
  path: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** A real SQLite file in a fresh temp folder, migrated to the latest schema. */
export async function createTempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "newsflash-test-"));
  const path = join(dir, "newsflash.db");
  const opened = openSqlite(path);
  if (opened.status === "error") throw new Error(opened.error);
  const migrated = await migrateToLatest(opened.db);
  if (migrated.status === "error") throw new Error(migrated.error);
  return {
    db: opened.db,
    path,
    dir,
    async cleanup() {
      await opened.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
