import type { Kysely, Selectable } from "kysely";
import type { Database, SourcesTable } from "./schema.js";

export interface Source {
  id: number;
  url: string;
  name: string;
  kind: "feed" | "file";
  topics: string[];
  breaking: boolean;
  everySeconds: number;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
  /** False until the first successful poll stored the feed's current items (without alerting them). */
  primed: boolean;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: Date;
  paused: boolean;
  createdAt: Date;
}

export function sourceFromRow(row: Selectable<SourcesTable>): Source {
  const date = (v: number | null) => (v === null ? null : new Date(Number(v)));
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    kind: row.kind as Source["kind"],
    topics: JSON.parse(row.topics) as string[],
    breaking: row.breaking === 1,
    everySeconds: row.every_seconds,
    etag: row.etag,
    lastModified: row.last_modified,
    bodyHash: row.body_hash,
    primed: row.primed === 1,
    lastPolledAt: date(row.last_polled_at),
    lastSuccessAt: date(row.last_success_at),
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: new Date(Number(row.next_poll_at)),
    paused: row.paused === 1,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** The source row for an imported file (kind "file": never polled), created on first import. */
export async function ensureFileSource(db: Kysely<Database>, file: { url: string; name: string }, now = Date.now()): Promise<Source> {
  await db
    .insertInto("sources")
    .values({ url: file.url, name: file.name, kind: "file", primed: 1, created_at: now, next_poll_at: 0 })
    .onConflict((oc) => oc.column("url").doNothing())
    .execute();
  const row = await db.selectFrom("sources").selectAll().where("url", "=", file.url).executeTakeFirstOrThrow();
  return sourceFromRow(row);
}

export async function countSources(db: Kysely<Database>, kind?: Source["kind"]): Promise<number> {
  let query = db.selectFrom("sources").select((eb) => eb.fn.countAll<number>().as("n"));
  if (kind) query = query.where("kind", "=", kind);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}
