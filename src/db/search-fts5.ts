import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { CANDIDATES, HALF_LIFE_HOURS, type SearchHit } from "./search-ranking.js";
import { storyFromRow } from "./story-queries.js";

// Column weights for bm25: a word in the headline counts three times one in the body.
const WEIGHTS = sql.raw("3.0, 1.0, 1.0, 0.5, 0.5");

/** Stories matching an FTS5 MATCH expression, by bm25 relevance decayed by age (SQLite). */
export async function searchFts5(db: Kysely<Database>, req: { match: string; since: number | null; limit: number; offset: number; now: number }): Promise<SearchHit[]> {
  const result = await sql<Record<string, unknown> & { score: number }>`
    WITH pool AS (
      SELECT rowid AS id, bm25(stories_fts, ${WEIGHTS}) AS rank FROM stories_fts WHERE stories_fts MATCH ${req.match} ORDER BY rowid DESC LIMIT ${CANDIDATES}
    )
    SELECT s.*, (-pool.rank) / (1.0 + (max(${req.now} - s.published_at, 0) / 3600000.0) / ${HALF_LIFE_HOURS}) AS score
    FROM pool JOIN stories s ON s.id = pool.id
    WHERE (${req.since} IS NULL OR s.published_at >= ${req.since})
    ORDER BY score DESC, s.published_at DESC, s.id DESC
    LIMIT ${req.limit} OFFSET ${req.offset}
  `.execute(db);
  return result.rows.map((row) => ({ story: storyFromRow(row as never), score: Number(row.score) }));
}

/** The newest stories matching an FTS5 MATCH expression. */
export async function newestMatchingFts5(db: Kysely<Database>, match: string, limit: number): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT s.* FROM stories s WHERE s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit * 4})
    ORDER BY s.published_at DESC, s.id DESC LIMIT ${limit}
  `.execute(db);
  return result.rows;
}

/** Ids of every story matching an FTS5 MATCH expression; for the agreement tests. */
export async function matchingStoryIdsFts5(db: Kysely<Database>, match: string): Promise<number[]> {
  const result = await sql<{ id: number }>`SELECT rowid AS id FROM stories_fts WHERE stories_fts MATCH ${match} ORDER BY rowid`.execute(db);
  return result.rows.map((r) => Number(r.id));
}
