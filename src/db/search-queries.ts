import type { Kysely } from "kysely";
import type { Story } from "../stories/story.js";
import type { Query } from "../topics/query/ast.js";
import { toFts5 } from "../topics/query/fts5.js";
import { toTsquery } from "../topics/query/tsquery.js";
import { engineOf } from "./dialect.js";
import type { Database } from "./schema.js";
import { matchingStoryIdsFts5, newestMatchingFts5, searchFts5 } from "./search-fts5.js";
import type { SearchHit } from "./search-ranking.js";
import { matchingStoryIdsTsvector, newestMatchingTsvector, searchTsvector } from "./search-tsvector.js";
import { storyFromRow } from "./story-queries.js";

export type { SearchHit } from "./search-ranking.js";

export interface SearchRequest {
  /** The parsed query; each engine compiles it to its own full-text syntax (FTS5 MATCH, tsquery). */
  query: Query;
  limit: number;
  offset: number;
  /** Freshness is measured from here, and `since:` windows end here. */
  now: Date;
}

/** Stories matching the query, by relevance (bm25 on SQLite, ts_rank_cd on PostgreSQL) decayed by age. */
export async function searchStories(db: Kysely<Database>, req: SearchRequest): Promise<SearchHit[]> {
  const page = { limit: req.limit, offset: req.offset, now: req.now.getTime() };
  if (engineOf(db) === "postgres") {
    const compiled = toTsquery(req.query, req.now);
    return searchTsvector(db, { ...page, tsquery: compiled.tsquery, since: compiled.since?.getTime() ?? null });
  }
  const compiled = toFts5(req.query, req.now);
  return searchFts5(db, { ...page, match: compiled.match, since: compiled.since?.getTime() ?? null });
}

/** The newest stories matching the query (for "what this subscription would have sent"); `since:` is not applied. */
export async function newestMatching(db: Kysely<Database>, query: Query, limit: number, now = new Date()): Promise<Story[]> {
  const rows = engineOf(db) === "postgres" ? await newestMatchingTsvector(db, toTsquery(query, now).tsquery, limit) : await newestMatchingFts5(db, toFts5(query, now).match, limit);
  return rows.map((row) => storyFromRow(row as never));
}

/** Every stored story the full-text index selects for the query, by id; `since:` is not applied. */
export async function matchingStoryIds(db: Kysely<Database>, query: Query, now = new Date()): Promise<number[]> {
  return engineOf(db) === "postgres" ? matchingStoryIdsTsvector(db, toTsquery(query, now).tsquery) : matchingStoryIdsFts5(db, toFts5(query, now).match);
}
