// /search on both engines (FTS5 with bm25, tsvector with ts_rank_cd): the same stories match, a
// headline match outranks a passing mention, fresh outranks stale, since: bounds, pages page.
import { expect, it } from "vitest";
import { matchingStoryIds, newestMatching, searchStories } from "../../src/db/search-queries.js";
import { searchPage } from "../../src/topics/search.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { searchDocument } from "../../src/topics/query/search-document.js";
import { seedStories } from "../helpers/seed-stories.js";
import { forEachEngine } from "../helpers/engines.js";

const NOW = new Date("2025-11-10T12:00:00Z");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const search = (db: Parameters<typeof searchStories>[0], text: string, page = { limit: 10, offset: 0 }) =>
  searchStories(db, { query: parseQuery(text, { allowSince: true }), ...page, now: NOW });

forEachEngine("search", (store) => {
  it("ranks a headline match above a passing mention, and fresh above stale", async () => {
    const { db } = store();
    const [mention, headline, stale] = await seedStories(
      db,
      [
        { title: "Markets close higher", summary: "Traders also watched the volcano in passing.", publishedAt: ago(1) },
        { title: "Volcano erupts, volcano ash grounds flights", summary: "The volcano sent ash over the valley.", publishedAt: ago(1) },
        { title: "Volcano erupts, volcano ash grounds flights", summary: "The volcano sent ash over the valley.", publishedAt: ago(24 * 6) },
      ],
      NOW,
    );
    const order = (await search(db, "volcano")).map((h) => h.story.id);
    expect(order.length).toBe(3);
    expect(order[0]).toBe(headline);
    // The same story six days older has decayed to a fifth of its relevance.
    expect(order.indexOf(stale ?? 0)).toBeGreaterThan(order.indexOf(headline ?? 0));
    expect(await search(db, "volcano since:24h").then((h) => h.map((x) => x.story.id))).toEqual([headline, mention]);
    expect((await search(db, "volcano", { limit: 2, offset: 1 })).map((h) => h.story.id)).toEqual(order.slice(1));
  });

  it("selects by field, phrase, prefix and exclusion", async () => {
    const { db } = store();
    const [reuters, ap, other] = await seedStories(
      db,
      [
        { title: "Climate change talks stall", source: "Reuters", topics: ["climate"], publishedAt: ago(2) },
        { title: "Change of climate in the talks", source: "AP", section: "World", publishedAt: ago(3) },
        { title: "Election results", summary: "Climate was not discussed.", source: "Reuters", publishedAt: ago(4) },
      ],
      NOW,
    );
    const ids = async (text: string) => (await matchingStoryIds(db, parseQuery(text))).sort((a, b) => a - b);
    expect(await ids('"climate change"')).toEqual([reuters]);
    expect(await ids("source:reuters climat*")).toEqual([reuters, other].sort((a, b) => a - b));
    expect(await ids("climate -source:ap")).toEqual([reuters, other].sort((a, b) => a - b));
    expect(await ids("section:world OR topic:climate")).toEqual([reuters, ap].sort((a, b) => a - b));
    expect(await ids("title:climate title:talks")).toEqual([reuters, ap].sort((a, b) => a - b));
    expect((await newestMatching(db, parseQuery("climate"), 2)).map((s) => s.id)).toEqual([reuters, ap]);
  });

  it("follows a story whose search text is rewritten, and answers the /search page", async () => {
    const { db } = store();
    const [id] = await seedStories(db, [{ title: "Quiet day", publishedAt: ago(1) }], NOW);
    const doc = searchDocument({ title: "Flood warning issued", summary: "", source: "Example Wire", section: null, topics: [] });
    await db.updateTable("stories").set({ title: "Flood warning issued", search_title: doc.title, search_body: doc.body }).where("id", "=", id ?? 0).execute();
    expect(await matchingStoryIds(db, parseQuery("quiet"))).toEqual([]);
    const page = await searchPage(db, "flood*", { page: 1, pageSize: 5, now: NOW });
    expect(page.status === "ok" && page.items.map((i) => i.story.title)).toEqual(["Flood warning issued"]);
  });
});
