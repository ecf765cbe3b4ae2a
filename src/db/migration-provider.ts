import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Migration, MigrationProvider } from "kysely";

/** The repository's migrations/ folder, absolute (Kysely needs absolute paths). */
export const migrationsFolder = fileURLToPath(new URL("../../migrations/", import.meta.url));

/**
 * Loads `migrations/NNNN_name.ts` through our own `import()`: Kysely's FileMigrationProvider cannot
 * import .ts files under vitest, and listing files by hand would let one be forgotten.
 */
export function folderMigrationProvider(folder = migrationsFolder): MigrationProvider {
  return {
    async getMigrations() {
      const files = (await readdir(folder)).filter((f) => /^\d{4}_[\w-]+\.ts$/.test(f)).sort();
      const migrations: Record<string, Migration> = {};
      for (const file of files) {
        const mod = (await import(pathToFileURL(join(folder, file)).href)) as Migration;
        migrations[file.replace(/\.ts$/, "")] = { up: mod.up, down: mod.down };
      }
      return migrations;
    },
  };
}
