import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import { engineOf } from "./dialect.js";
import type { Story } from "../stories/story.js";
import type { Database, StoriesTable } from "./schema.js";

export interface NewStory {
  sourceId: number | null;
  sourceName: string;
  guid: string | null;
  url: string;
  canonicalUrl: string;
  title: string;
  summary: string;
  section: string | null;
  topics: string[];
  publishedAt: Date;
  firstSeenAt: Date;
  breaking: boolean;
  /** False for stories stored without alerting (first poll of a source, older than 48 h). */
  alertable: boolean;
  /** Join this cluster; null starts a new cluster named after the story itself. */
  clusterId: number | null;
  fingerprint: string | null;
  search: { title: string; body: string; source: string; section: string; topics: string };
}

/**
 * Which of the given stories are already stored (by source guid or canonical URL), in two
 * queries for a whole batch: a re-poll of an unchanged feed is all duplicates.
 */
export async function knownStoryKeys(db: Kysely<Database>, stories: readonly NewStory[]): Promise<{ urls: Set<string>; guids: Set<string> }> {
  const urls = new Set<string>();
  const guids = new Set<string>();
  const allUrls = stories.map((s) => s.canonicalUrl);
  for (let i = 0; i < allUrls.length; i += 500) {
    const rows = await db.selectFrom("stories").select("canonical_url").where("canonical_url", "in", allUrls.slice(i, i + 500)).execute();
    for (const r of rows) urls.add(r.canonical_url);
  }
  const bySource = new Map<number, string[]>();
  for (const s of stories) if (s.sourceId !== null && s.guid !== null) bySource.set(s.sourceId, [...(bySource.get(s.sourceId) ?? []), s.guid]);
  for (const [sourceId, list] of bySource) {
    for (let i = 0; i < list.length; i += 500) {
      const rows = await db.selectFrom("stories").select("guid").where("source_id", "=", sourceId).where("guid", "in", list.slice(i, i + 500)).execute();
      for (const r of rows) if (r.guid !== null) guids.add(`${sourceId}\u0000${r.guid}`);
    }
  }
  return { urls, guids };
}

export const guidKey = (story: NewStory): string | null => (story.sourceId !== null && story.guid !== null ? `${story.sourceId}\u0000${story.guid}` : null);

export type InsertStoryResult = { status: "inserted"; id: number; clusterId: number } | { status: "duplicate"; id: number };

/** Stores a story unless its source guid or canonical URL is already known. */
export async function insertStory(db: Kysely<Database>, story: NewStory, opts: { knownNew?: boolean } = {}): Promise<InsertStoryResult> {
  // `knownNew`: the caller already looked the batch up (knownStoryKeys); the unique index still
  // catches a race with another writer.
  const existing = opts.knownNew ? undefined : await findExistingStory(db, story);
  if (existing !== undefined) return { status: "duplicate", id: existing };
  const inserted = await db
    .insertInto("stories")
    .values(storyRow(story))
    .onConflict((oc) => oc.column("canonical_url").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted === undefined) {
    // Lost a race with another writer for the same URL.
    const again = await findExistingStory(db, story);
    return { status: "duplicate", id: again ?? 0 };
  }
  const clusterId = story.clusterId ?? inserted.id;
  if (story.clusterId === null) {
    await db.updateTable("stories").set({ cluster_id: inserted.id }).where("id", "=", inserted.id).execute();
  }
  if (story.topics.length > 0) {
    await db
      .insertInto("story_topics")
      .values(story.topics.map((slug) => ({ story_id: inserted.id, topic_slug: slug })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return { status: "inserted", id: inserted.id, clusterId };
}

/** A new story with the id reserved for it (reserveStoryIds) and its cluster decided. */
export type NumberedStory = NewStory & { id: number; clusterId: number };

/** Rows per INSERT: well under both engines' limits on bound parameters (21 per story). */
const ROWS_PER_INSERT = 250;

/**
 * The ids the next `count` new stories will get, in order. Only inside a transaction that holds
 * the story write order (lockStoryWriteOrder): on PostgreSQL the ids come from the sequence, on
 * SQLite after the highest id ever used (AUTOINCREMENT's own counter), and a concurrent SQLite
 * writer makes this transaction fail rather than reuse them.
 */
export async function reserveStoryIds(trx: Kysely<Database>, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (engineOf(trx) === "postgres") {
    const reserved = await sql<{ id: string | number }>`SELECT nextval(pg_get_serial_sequence('stories', 'id')) AS id FROM generate_series(1, ${count})`.execute(trx);
    return reserved.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const last = await sql<{ last: number | null }>`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'stories'), 0), coalesce((SELECT max(id) FROM stories), 0)) AS last`.execute(trx);
  const after = Number(last.rows[0]?.last ?? 0);
  return Array.from({ length: count }, (_, i) => after + 1 + i);
}

/**
 * Inserts stories already checked to be new (knownStoryKeys, under the story write order), with
 * their topic rows, a few hundred per statement: one statement per story was most of the
 * ingest time. A story that turns out to exist after all fails the whole batch loudly.
 */
export async function insertNewStories(trx: Kysely<Database>, stories: readonly NumberedStory[]): Promise<void> {
  for (let i = 0; i < stories.length; i += ROWS_PER_INSERT) {
    const chunk = stories.slice(i, i + ROWS_PER_INSERT);
    await trx
      .insertInto("stories")
      .values(chunk.map((story) => ({ ...storyRow(story), id: story.id, cluster_id: story.clusterId })))
      .execute();
  }
  const topics = stories.flatMap((story) => [...new Set(story.topics)].map((slug) => ({ story_id: story.id, topic_slug: slug })));
  for (let i = 0; i < topics.length; i += ROWS_PER_INSERT * 4) {
    await trx.insertInto("story_topics").values(topics.slice(i, i + ROWS_PER_INSERT * 4)).execute();
  }
}

function storyRow(story: NewStory): Insertable<StoriesTable> {
  return {
    source_id: story.sourceId,
    source_name: story.sourceName,
    guid: story.guid,
    url: story.url,
    canonical_url: story.canonicalUrl,
    title: story.title,
    summary: story.summary,
    section: story.section,
    topics: JSON.stringify(story.topics),
    published_at: story.publishedAt.getTime(),
    first_seen_at: story.firstSeenAt.getTime(),
    breaking: story.breaking ? 1 : 0,
    alertable: story.alertable ? 1 : 0,
    cluster_id: story.clusterId,
    fingerprint: story.fingerprint,
    search_title: story.search.title,
    search_body: story.search.body,
    search_source: story.search.source,
    search_section: story.search.section,
    search_topics: story.search.topics,
  };
}

async function findExistingStory(db: Kysely<Database>, story: NewStory): Promise<number | undefined> {
  if (story.guid !== null && story.sourceId !== null) {
    const byGuid = await db
      .selectFrom("stories")
      .select("id")
      .where("source_id", "=", story.sourceId)
      .where("guid", "=", story.guid)
      .executeTakeFirst();
    if (byGuid) return byGuid.id;
  }
  const byUrl = await db.selectFrom("stories").select("id").where("canonical_url", "=", story.canonicalUrl).executeTakeFirst();
  return byUrl?.id;
}

export function storyFromRow(row: Selectable<StoriesTable>): Story {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    source: row.source_name,
    section: row.section,
    summary: row.summary,
    topics: JSON.parse(row.topics) as string[],
    publishedAt: new Date(Number(row.published_at)),
    breaking: row.breaking === 1,
    clusterId: row.cluster_id,
  };
}

/** Alertable stories stored after `cursor` (a story id), oldest first. */
export async function storiesAfter(db: Kysely<Database>, cursor: number, limit: number): Promise<Story[]> {
  const rows = await db
    .selectFrom("stories")
    .selectAll()
    .where("id", ">", cursor)
    .where("alertable", "=", 1)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(storyFromRow);
}

export async function maxStoryId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("stories").select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function getStory(db: Kysely<Database>, id: number): Promise<Story | undefined> {
  const row = await db.selectFrom("stories").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? storyFromRow(row) : undefined;
}

/** Newest stories first, optionally only those tagged with `topic`. */
export async function latestStories(db: Kysely<Database>, opts: { topic?: string; limit: number; offset?: number }): Promise<Story[]> {
  let query = db.selectFrom("stories").selectAll("stories");
  if (opts.topic !== undefined) {
    query = query.innerJoin("story_topics", "story_topics.story_id", "stories.id").where("story_topics.topic_slug", "=", opts.topic);
  }
  const rows = await query
    .orderBy("stories.published_at", "desc")
    .orderBy("stories.id", "desc")
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map(storyFromRow);
}

/** How many stories each topic gained since `since`, for /topics. */
export async function topicCountsSince(db: Kysely<Database>, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("story_topics")
    .innerJoin("stories", "stories.id", "story_topics.story_id")
    .select(["story_topics.topic_slug as slug", (eb) => eb.fn.countAll<number>().as("n")])
    .where("stories.published_at", ">=", since.getTime())
    .groupBy("story_topics.topic_slug")
    .execute();
  return new Map(rows.map((r) => [r.slug, Number(r.n)]));
}

/** Other sources of the same cluster, for "+2 more: AP, BBC". */
export async function clusterSources(db: Kysely<Database>, clusterId: number, exceptStoryId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("stories")
    .select("source_name")
    .distinct()
    .where("cluster_id", "=", clusterId)
    .where("id", "!=", exceptStoryId)
    .execute();
  return rows.map((r) => r.source_name);
}

export interface ClusterRow {
  storyId: number;
  clusterId: number | null;
  fingerprint: string;
  publishedAt: Date;
  sourceName: string;
}

/** Fingerprinted stories stored after `afterId` and published since `since`, for the cluster index. */
export async function storiesForClustering(db: Kysely<Database>, afterId: number, since: Date): Promise<ClusterRow[]> {
  const rows = await db
    .selectFrom("stories")
    .select(["id", "cluster_id", "fingerprint", "published_at", "source_name"])
    .where("id", ">", afterId)
    .where("published_at", ">=", since.getTime())
    .where("fingerprint", "is not", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ storyId: r.id, clusterId: r.cluster_id, fingerprint: r.fingerprint ?? "", publishedAt: new Date(Number(r.published_at)), sourceName: r.source_name }));
}

/** Each source of a cluster with when it was first seen reporting it. */
export async function clusterSightings(db: Kysely<Database>, clusterId: number): Promise<Array<{ sourceName: string; firstSeenAt: Date }>> {
  const rows = await db
    .selectFrom("stories")
    .select(["source_name", (eb) => eb.fn.min("first_seen_at").as("first")])
    .where("cluster_id", "=", clusterId)
    .groupBy("source_name")
    .execute();
  return rows.map((r) => ({ sourceName: r.source_name, firstSeenAt: new Date(Number(r.first)) }));
}

/** Stories older than `before` go, with their deliveries and topic rows (cascade); returns how many. */
export async function pruneStoriesBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom("stories").where("published_at", "<", before.getTime()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
