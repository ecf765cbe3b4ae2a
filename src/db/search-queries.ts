import { sql, type Kysely } from "kysely";
import type { Story } from "../stories/story.js";
import type { Database } from "./schema.js";
import { storyFromRow } from "./story-queries.js";

export interface SearchRequest {
  /** An FTS5 MATCH expression (see src/topics/query/fts5.ts); tokens are already normalised. */
  match: string;
  since: Date | null;
  limit: number;
  offset: number;
  now: Date;
}

export interface SearchHit {
  story: Story;
  /** Relevance blended with freshness: higher is better. */
  score: number;
}

// Column weights for bm25: a word in the headline counts three times one in the body.
const WEIGHTS = sql.raw("3.0, 1.0, 1.0, 0.5, 0.5");
// Only the newest matches are ranked: ranking every match of a common word over a million
// stories costs more than the user waits for, and with the freshness decay below a story weeks
// older than the newest few thousand matches could not reach the first pages anyway.
const CANDIDATES = 600;
// A story loses half its relevance in this many hours.
const HALF_LIFE_HOURS = 36;

/** Stories matching the query, by bm25 relevance decayed by age (SQLite FTS5). */
export async function searchStories(db: Kysely<Database>, req: SearchRequest): Promise<SearchHit[]> {
  const since = req.since?.getTime() ?? null;
  const now = req.now.getTime();
  const result = await sql<Record<string, unknown> & { score: number }>`
    WITH pool AS (
      SELECT rowid AS id, bm25(stories_fts, ${WEIGHTS}) AS rank FROM stories_fts WHERE stories_fts MATCH ${req.match} ORDER BY rowid DESC LIMIT ${CANDIDATES}
    )
    SELECT s.*, (-pool.rank) / (1.0 + (max(${now} - s.published_at, 0) / 3600000.0) / ${HALF_LIFE_HOURS}) AS score
    FROM pool JOIN stories s ON s.id = pool.id
    WHERE (${since} IS NULL OR s.published_at >= ${since})
    ORDER BY score DESC, s.published_at DESC, s.id DESC
    LIMIT ${req.limit} OFFSET ${req.offset}
  `.execute(db);
  return result.rows.map((row) => ({ story: storyFromRow(row as never), score: Number(row.score) }));
}

/** The newest stories matching the query (for "what this subscription would have sent"). */
export async function newestMatching(db: Kysely<Database>, match: string, limit: number): Promise<Story[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT s.* FROM stories s WHERE s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit * 4})
    ORDER BY s.published_at DESC, s.id DESC LIMIT ${limit}
  `.execute(db);
  return result.rows.map((row) => storyFromRow(row as never));
}
