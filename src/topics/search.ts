import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { newestMatching, searchStories } from "../db/search-queries.js";
import type { Story } from "../stories/story.js";
import type { Query } from "./query/ast.js";
import { snippet, type HighlightSegment } from "./query/highlight.js";
import { parseQuery } from "./query/parser.js";
import { QueryError } from "./query/query-error.js";

export const SEARCH_PAGE_SIZE = 5;

export interface SearchResultItem {
  story: Story;
  score: number;
  snippet: HighlightSegment[];
}

export type SearchOutcome =
  | { status: "ok"; query: Query; items: SearchResultItem[]; page: number; hasMore: boolean }
  | { status: "invalid"; message: string };

/** Parses a /search query (`since:` allowed) and returns one page of ranked results. */
export async function searchPage(db: Kysely<Database>, text: string, opts: { page: number; pageSize?: number; now: Date }): Promise<SearchOutcome> {
  let query: Query;
  try {
    query = parseQuery(text, { allowSince: true });
  } catch (error) {
    if (error instanceof QueryError) return { status: "invalid", message: error.message };
    throw error;
  }
  const size = opts.pageSize ?? SEARCH_PAGE_SIZE;
  // The store compiles the query for its engine (FTS5 or tsquery).
  const hits = await searchStories(db, { query, limit: size + 1, offset: (opts.page - 1) * size, now: opts.now });
  return {
    status: "ok",
    query,
    page: opts.page,
    hasMore: hits.length > size,
    items: hits.slice(0, size).map((h) => ({ story: h.story, score: h.score, snippet: snippet(h.story.summary || h.story.title, query, 160) })),
  };
}

/** The newest stored stories a standing query matches: the preview shown when subscribing. */
export async function previewQuery(db: Kysely<Database>, query: Query, limit: number, now: Date): Promise<Story[]> {
  return newestMatching(db, query, limit, now);
}
