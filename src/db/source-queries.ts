import type { Kysely, Selectable, Updateable } from "kysely";
import { engineOf } from "./dialect.js";
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
  namedByUser: boolean;
  /** The interval the feed asks for (<ttl>, Cache-Control), when longer than ours. */
  feedIntervalSeconds: number | null;
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
    namedByUser: row.named_by_user === 1,
    feedIntervalSeconds: row.feed_interval_seconds,
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

export interface NewSource {
  url: string;
  name: string | null;
  topics: string[];
  everySeconds: number;
  breaking: boolean;
}

export type AddSourceResult = { status: "created"; source: Source } | { status: "exists"; source: Source };

/** Adds a feed to poll; due at once. Without a name, the feed's title is taken on the first poll. */
export async function addSource(db: Kysely<Database>, src: NewSource, now = Date.now()): Promise<AddSourceResult> {
  const existing = await db.selectFrom("sources").selectAll().where("url", "=", src.url).executeTakeFirst();
  if (existing) return { status: "exists", source: sourceFromRow(existing) };
  const row = await db
    .insertInto("sources")
    .values({
      url: src.url,
      name: src.name ?? new URL(src.url).host,
      named_by_user: src.name ? 1 : 0,
      kind: "feed",
      topics: JSON.stringify(src.topics),
      every_seconds: src.everySeconds,
      breaking: src.breaking ? 1 : 0,
      next_poll_at: now,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: "created", source: sourceFromRow(row) };
}

export async function listSources(db: Kysely<Database>, opts: { kind?: Source["kind"] } = {}): Promise<Source[]> {
  let query = db.selectFrom("sources").selectAll();
  if (opts.kind) query = query.where("kind", "=", opts.kind);
  return (await query.orderBy("id").execute()).map(sourceFromRow);
}

/** Removes a source; its stories stay (they may be in digests and search), unlinked from it. */
export async function removeSource(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom("sources").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Leases feed sources that are due, so no two pollers (processes or passes) fetch one feed at
 * once; a crashed poller's lease simply expires. On PostgreSQL the due rows are locked with
 * FOR UPDATE SKIP LOCKED: concurrent claims by other workers pass over them instead of waiting,
 * and a row another worker leased after this statement began is re-checked and left alone.
 */
export async function claimDueSources(db: Kysely<Database>, opts: { now: number; leaseMs: number; limit: number; all?: boolean }): Promise<Source[]> {
  const due = (q: Kysely<Database>) => {
    let query = q
      .selectFrom("sources")
      .select("id")
      .where("kind", "=", "feed")
      .where("paused", "=", 0)
      .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", opts.now)]));
    if (!opts.all) query = query.where("next_poll_at", "<=", opts.now);
    return query.orderBy("next_poll_at").orderBy("id").limit(opts.limit);
  };
  const lease = { lease_until: opts.now + opts.leaseMs };
  const rows =
    engineOf(db) === "postgres"
      ? await db
          .with("due", (q) => due(q as Kysely<Database>).forUpdate().skipLocked())
          .updateTable("sources")
          .set(lease)
          .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
          .returningAll()
          .execute()
      : // SQLite runs one write at a time: the claim is atomic as it is.
        await db.updateTable("sources").set(lease).where("id", "in", due(db)).returningAll().execute();
  return rows.map(sourceFromRow).sort((a, b) => a.nextPollAt.getTime() - b.nextPollAt.getTime() || a.id - b.id);
}

export type SourcePollUpdate = Pick<
  Updateable<Database["sources"]>,
  "url" | "name" | "etag" | "last_modified" | "body_hash" | "primed" | "last_error" | "consecutive_failures" | "next_poll_at" | "paused" | "feed_interval_seconds"
>;

/** Records a poll's outcome and releases the lease. */
export async function recordPoll(db: Kysely<Database>, id: number, update: SourcePollUpdate, now = Date.now()): Promise<void> {
  const success = update.consecutive_failures === 0;
  await db
    .updateTable("sources")
    .set({ ...update, last_polled_at: now, lease_until: null, ...(success ? { last_success_at: now } : {}) })
    .where("id", "=", id)
    .execute();
}

export async function resumeSource(db: Kysely<Database>, id: number, now = Date.now()): Promise<boolean> {
  const result = await db.updateTable("sources").set({ paused: 0, consecutive_failures: 0, next_poll_at: now }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
