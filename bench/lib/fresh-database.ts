import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../../src/db/migrate.js";
import { openSqlite } from "../../src/db/open-database.js";
import type { Database } from "../../src/db/schema.js";

/** A migrated SQLite file of its own for one benchmark round, and how to remove it afterwards. */
export async function freshDatabase(): Promise<{ db: Kysely<Database>; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "newsflash-bench-"));
  const opened = openSqlite(join(dir, "bench.db"));
  if (opened.status === "error") throw new Error(opened.error);
  const migrated = await migrateToLatest(opened.db);
  if (migrated.status === "error") throw new Error(migrated.error);
  return {
    db: opened.db,
    async cleanup() {
      await opened.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
