import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";

export type CopyOutcome = { status: "ok"; tables: Array<{ table: string; rows: number }> } | { status: "refused"; error: string };

// Parents before children, so every foreign key finds its row; tables added later that are not
// listed here follow in name order (they hang off these).
const ORDER = ["sources", "stories", "topics", "story_topics", "subscriptions", "deliveries", "kv", "chat_settings", "digest_items", "discord_publish_backlog"];
// PostgreSQL accepts at most 65,535 parameters in one statement.
const MAX_PARAMETERS = 30_000;

type Row = Record<string, unknown>;

async function sqliteTables(src: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table'
      AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'stories\\_fts%' ESCAPE '\\' AND name NOT LIKE 'kysely\\_%' ESCAPE '\\'
  `.execute(src);
  return rows.rows.map((r) => r.name);
}

async function postgresTables(dst: Kysely<Database>): Promise<Set<string>> {
  const rows = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(dst);
  return new Set(rows.rows.map((r) => r.name));
}

function copyOrder(tables: readonly string[]): string[] {
  const known = ORDER.filter((t) => tables.includes(t));
  return [...known, ...tables.filter((t) => !ORDER.includes(t)).sort()];
}

/** Each serial column is set past the copied ids, so the next insert does not collide with them. */
async function resetSequences(dst: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const serials = await sql<{ column: string; sequence: string }>`
      SELECT column_name AS column, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND column_default LIKE 'nextval(%'
    `.execute(dst);
    for (const { column, sequence } of serials.rows) {
      if (sequence === null) continue;
      await sql`SELECT setval(${sequence}, coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(dst);
    }
  }
}

/**
 * Copies every table of a migrated SQLite store into a migrated, empty PostgreSQL store: rows in
 * rowid (= id) order with their ids kept, in one PostgreSQL transaction (a failure leaves the
 * target empty, so the command can simply be run again), read from one SQLite snapshot, then
 * sequences moved past the copied ids. A target that holds any row is refused: merging two
 * stores is not a copy. The full-text index fills itself (the stories trigger).
 */
export async function copySqliteToPostgres(src: Kysely<Database>, dst: Kysely<Database>): Promise<CopyOutcome> {
  const tables = copyOrder(await sqliteTables(src));
  const target = await postgresTables(dst);
  const missing = tables.filter((t) => !target.has(t));
  if (missing.length > 0) {
    return { status: "refused", error: `the PostgreSQL database has no table ${missing.join(", ")}; run the same newsflash version's migrations on both` };
  }
  const nonEmpty: string[] = [];
  for (const table of [...tables, "stories_search"].filter((t) => target.has(t))) {
    const row = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS found`.execute(dst);
    if (row.rows[0]?.found) nonEmpty.push(table);
  }
  if (nonEmpty.length > 0) {
    return { status: "refused", error: `the PostgreSQL database already holds data (in ${nonEmpty.join(", ")}); migrate-data copies into an empty database only: create a new database (or drop these tables' rows) and run it again` };
  }

  const copied: Array<{ table: string; rows: number }> = [];
  await src.transaction().execute(async (snapshot) => {
    await dst.transaction().execute(async (trx) => {
      for (const table of tables) {
        let rows = 0;
        let after = Number.MIN_SAFE_INTEGER;
        let batch = 500;
        for (;;) {
          const page = await sql<Row & { __rowid: number }>`SELECT rowid AS __rowid, * FROM ${sql.table(table)} WHERE rowid > ${after} ORDER BY rowid LIMIT ${batch}`.execute(snapshot);
          if (page.rows.length === 0) break;
          after = Number(page.rows[page.rows.length - 1]?.__rowid);
          const values = page.rows.map(({ __rowid: _, ...row }) => row);
          batch = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(values[0] ?? {}).length)));
          await (trx as unknown as Kysely<Record<string, Row>>).insertInto(table).values(values).execute();
          rows += values.length;
        }
        copied.push({ table, rows });
      }
      await resetSequences(trx, tables);
    });
  });
  return { status: "ok", tables: copied };
}
