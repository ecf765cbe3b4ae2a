import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { CANDIDATES, HALF_LIFE_HOURS, type SearchHit } from "./search-ranking.js";
import { storyFromRow } from "./story-queries.js";

// ts_rank_cd weights (each at most 1) for labels {D, C, B, A} (migrations/0004_postgres.ts), in the
// proportions of the SQLite store's bm25 weights: headline words (A) count three times summary (B)
// and source (C) words, section and topics (D) half as much as those.
const WEIGHTS = sql.raw(`'{0.1667, 0.3333, 0.3333, 1.0}'::float4[]`);
// 1: rank divided by 1 + log(document length), so a long story does not win by length alone (like bm25).
const NORMALISATION = sql.raw("1");

/**
 * Stories matching a tsquery (src/topics/query/tsquery.ts), by cover-density rank decayed by age
 * exactly as the SQLite store decays bm25. The time bound is applied before the candidates are
 * cut, so an old burst of matches cannot push recent ones out.
 */
export async function searchTsvector(db: Kysely<Database>, req: { tsquery: string; since: number | null; limit: number; offset: number; now: number }): Promise<SearchHit[]> {
  const sinceBound = req.since === null ? sql`` : sql`AND s.published_at >= ${req.since}::bigint`;
  const result = await sql<Record<string, unknown> & { score: number }>`
    WITH matched AS (
      SELECT f.story_id AS id, ts_rank_cd(${WEIGHTS}, f.document, q, ${NORMALISATION}) AS rank
      FROM stories_search f JOIN stories s ON s.id = f.story_id, CAST(${req.tsquery} AS tsquery) q
      WHERE f.document @@ q ${sinceBound}
    ), pool AS (
      SELECT id, max(rank) AS rank FROM (
        (SELECT id, rank FROM matched ORDER BY rank DESC LIMIT ${CANDIDATES})
        UNION ALL
        (SELECT id, rank FROM matched ORDER BY id DESC LIMIT ${CANDIDATES})
      ) c GROUP BY id
    )
    SELECT s.*, pool.rank::float8 / (1.0 + (greatest(${req.now}::bigint - s.published_at, 0)::float8 / 3600000.0) / ${HALF_LIFE_HOURS}) AS score
    FROM pool JOIN stories s ON s.id = pool.id
    ORDER BY score DESC, s.published_at DESC, s.id DESC
    LIMIT ${req.limit} OFFSET ${req.offset}
  `.execute(db);
  return result.rows.map((row) => ({ story: storyFromRow(row as never), score: Number(row.score) }));
}

/** The newest stories matching a tsquery. */
export async function newestMatchingTsvector(db: Kysely<Database>, tsquery: string, limit: number): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT s.* FROM stories s WHERE s.id IN (
      SELECT story_id FROM stories_search WHERE document @@ CAST(${tsquery} AS tsquery) ORDER BY story_id DESC LIMIT ${limit * 4}
    )
    ORDER BY s.published_at DESC, s.id DESC LIMIT ${limit}
  `.execute(db);
  return result.rows;
}

/** Ids of every story matching a tsquery; for the agreement test against the matcher. */
export async function matchingStoryIdsTsvector(db: Kysely<Database>, tsquery: string): Promise<number[]> {
  const result = await sql<{ id: number }>`SELECT story_id AS id FROM stories_search WHERE document @@ CAST(${tsquery} AS tsquery) ORDER BY story_id`.execute(db);
  return result.rows.map((r) => Number(r.id));
}
