// The in-memory matcher and SQLite FTS5 (with exactly the store's DDL) must select the same
// stories for any query: subscriptions alert through one, /search answers through the other.
// The same holds for PostgreSQL's tsvector store (the real migrations, in a schema of its own).
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database as Schema } from "../../src/db/schema.js";
import { matchingStoryIds } from "../../src/db/search-queries.js";
import { toTsquery } from "../../src/topics/query/tsquery.js";
import { openPgEngine, pgUrl, type OpenedEngine } from "../helpers/engines.js";
import type { MatchableStory } from "../../src/stories/story.js";
import type { Query } from "../../src/topics/query/ast.js";
import { toFts5 } from "../../src/topics/query/fts5.js";
import { matches } from "../../src/topics/query/matcher.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { QueryError } from "../../src/topics/query/query-error.js";
import { searchDocument } from "../../src/topics/query/search-document.js";
import { NOW, searchTextArb, storyArb, VOCABULARY } from "./arbitraries.js";

const db = new Database(":memory:");
db.exec("CREATE VIRTUAL TABLE stories_fts USING fts5(title, body, source, section, topics, tokenize = 'unicode61 remove_diacritics 2');");
const insert = db.prepare("INSERT INTO stories_fts(rowid, title, body, source, section, topics) VALUES (?, ?, ?, ?, ?, ?)");
const search = db.prepare<[string], { rowid: number }>("SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?");
afterAll(() => db.close());

function load(stories: readonly MatchableStory[]): void {
  db.exec("DELETE FROM stories_fts");
  stories.forEach((story, index) => {
    const doc = searchDocument(story);
    insert.run(index + 1, doc.title, doc.body, doc.source, doc.section, doc.topics);
  });
}

/** FTS5's rows (the since bound applied as the store does) must be the stories matches() picks. */
function expectAgreement(stories: readonly MatchableStory[], text: string, query: Query): void {
  const { match, since } = toFts5(query, NOW);
  const fromFts = search
    .all(match)
    .map((row) => row.rowid)
    .filter((rowid) => since === null || (stories[rowid - 1]?.publishedAt.getTime() ?? 0) >= since.getTime())
    .sort((a, b) => a - b);
  const inMemory = stories.flatMap((story, index) => (matches(query, story, NOW) ? [index + 1] : []));
  // The query text and MATCH string ride along so a failure shows what was compared.
  expect({ text, match, rows: fromFts }).toEqual({ text, match, rows: inMemory });
}

/** Parses, or skips the case when the generator went past the parser's size limits. */
function parseOrSkip(text: string) {
  try {
    return parseQuery(text, { allowSince: true });
  } catch (error) {
    const overLimit = error instanceof QueryError && /too many|too deeply|too long/.test(error.reason);
    fc.pre(!overLimit);
    throw error;
  }
}

describe("matches() and FTS5 agree", () => {
  it("on generated stories and queries", () => {
    fc.assert(
      fc.property(fc.array(storyArb, { minLength: 1, maxLength: 25 }), fc.array(searchTextArb, { minLength: 1, maxLength: 4 }), (stories, texts) => {
        load(stories);
        for (const text of texts) {
          const query = parseOrSkip(text);
          expectAgreement(stories, text, query);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("on queries typed carelessly: whatever parses, FTS5 accepts and agrees with", () => {
    const piece = fc.constantFrom(...VOCABULARY, " ", " ", "(", ")", '"', "*", "-", "|", ":", "OR", "AND", "NOT", "title:", "topic:", "since:1h", "'", "^", "+", "NEAR");
    const sloppyArb = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(fc.array(storyArb, { minLength: 1, maxLength: 10 }), sloppyArb, (stories, text) => {
        let query;
        try {
          query = parseQuery(text, { allowSince: true });
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        load(stories);
        expectAgreement(stories, text, query);
      }),
      { numRuns: 300 },
    );
  });

  it("the parser throws nothing but QueryError on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        try {
          parseQuery(text, { allowSince: true });
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** The stories as the PostgreSQL store holds them, ids 1..n in order. */
async function loadPostgres(db: Kysely<Schema>, stories: readonly MatchableStory[]): Promise<void> {
  await db.deleteFrom("stories").execute();
  if (stories.length === 0) return;
  await db
    .insertInto("stories")
    .values(
      stories.map((story, index) => {
        const doc = searchDocument(story);
        const url = `https://agreement.test/${index + 1}`;
        const at = story.publishedAt.getTime();
        return { id: index + 1, source_name: story.source, url, canonical_url: url, title: story.title, summary: story.summary, published_at: at, first_seen_at: at, search_title: doc.title, search_body: doc.body, search_source: doc.source, search_section: doc.section, search_topics: doc.topics };
      }),
    )
    .execute();
}

describe.skipIf(pgUrl === undefined)("matches() and PostgreSQL's tsvector search agree", () => {
  let store: OpenedEngine | undefined;
  beforeAll(async () => {
    store = await openPgEngine(pgUrl ?? "");
  });
  afterAll(async () => store?.cleanup());

  async function expectPgAgreement(stories: readonly MatchableStory[], text: string, query: Query): Promise<void> {
    const db = (store as OpenedEngine).db;
    const { tsquery, since } = toTsquery(query, NOW);
    const rows = (await matchingStoryIds(db, query, NOW)).filter((id) => since === null || (stories[id - 1]?.publishedAt.getTime() ?? 0) >= since.getTime());
    const inMemory = stories.flatMap((story, index) => (matches(query, story, NOW) ? [index + 1] : []));
    expect({ text, tsquery, rows }).toEqual({ text, tsquery, rows: inMemory });
  }

  it("on generated stories and queries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(storyArb, { minLength: 1, maxLength: 25 }), fc.array(searchTextArb, { minLength: 1, maxLength: 4 }), async (stories, texts) => {
        await loadPostgres((store as OpenedEngine).db, stories);
        for (const text of texts) await expectPgAgreement(stories, text, parseOrSkip(text));
      }),
      { numRuns: 200 },
    );
  });

  it("on queries typed carelessly", async () => {
    const piece = fc.constantFrom(...VOCABULARY, " ", " ", "(", ")", '"', "*", "-", "|", ":", "OR", "AND", "NOT", "title:", "topic:", "since:1h", "'", "^", "+", "\\", "<->", "!", "&");
    const sloppyArb = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(storyArb, { minLength: 1, maxLength: 10 }), sloppyArb, async (stories, text) => {
        let query;
        try {
          query = parseQuery(text, { allowSince: true });
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          return;
        }
        await loadPostgres((store as OpenedEngine).db, stories);
        await expectPgAgreement(stories, text, query);
      }),
      { numRuns: 200 },
    );
  });
});
