import { sql, type Kysely } from "kysely";
import { engineOf } from "./dialect.js";
import type { Database } from "./schema.js";

/** Work that must not run in two processes at once. */
export type ExclusiveJob = "digests" | "retention" | "watcher";

// Advisory locks are database-wide; the key includes the schema so two stores sharing a database
// (as the test suite's schemas do) never wait for each other.
const lockKey = (name: string) => sql`hashtext(current_schema() || ${`/newsflash/${name}`})`;

export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` unless another process is running the same job right now (then skips it: the
 * other run does the same work, and these jobs are due again at their next tick). On PostgreSQL
 * a session advisory lock on one pooled connection, released when the work ends or the
 * connection dies with its process; on SQLite a single process does these jobs, so it just runs.
 */
export async function runExclusive<T>(db: Kysely<Database>, job: ExclusiveJob, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
  if (engineOf(db) === "sqlite") return { ran: true, value: await work() };
  return db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${lockKey(job)}) AS locked`.execute(conn);
    if (got.rows[0]?.locked !== true) return { ran: false };
    try {
      return { ran: true, value: await work() };
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey(job)})`.execute(conn);
    }
  });
}

/**
 * Call first inside a transaction that inserts stories. Ids come from a sequence when the row is
 * inserted but become visible at commit, so two concurrent writers could commit 101 before 100 and
 * the watcher, whose cursor is "the last id matched", would skip 100 for good. Holding this lock
 * until commit makes PostgreSQL commit stories in id order, as SQLite's single writer does.
 */
export async function lockStoryWriteOrder(trx: Kysely<Database>): Promise<void> {
  if (engineOf(trx) === "sqlite") return;
  await sql`SELECT pg_advisory_xact_lock(${lockKey("story-writes")})`.execute(trx);
}
