import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";
import type { FeedParseResult, ParsedFeed } from "../../../src/ingest/parsed-feed.js";
import { loadFixture } from "./load-fixture.js";

const now = new Date("2024-12-01T00:00:00Z");

function feedOf(result: FeedParseResult): ParsedFeed {
  if (result.status !== "ok") throw new Error(`expected ok, got ${result.status}: ${"error" in result ? result.error : ""}`);
  return result.feed;
}

describe("parseFeed: RSS 2.0", () => {
  const feed = feedOf(parseFeed(loadFixture("rss2-newsroom.xml"), { url: "https://gazette.example/feed.xml", now }));

  it("reads the channel", () => {
    expect(feed).toMatchObject({ format: "rss", title: "Harbor Town Gazette – Breaking", link: "https://gazette.example/", ttlMinutes: 15 });
    expect(feed.items).toHaveLength(3);
  });

  it("reads an item with entities, CDATA, categories and author", () => {
    expect(feed.items[0]).toMatchObject({
      guid: "gazette-1001",
      title: "Ferry & pier closed after storm",
      link: "https://gazette.example/news/ferry-closed?utm_source=rss",
      publishedAt: new Date("2024-11-26T09:30:00Z"),
      categories: ["Weather", "Transport"],
      author: "Mara Quill",
      contentHtml: "<p>Full article body.</p>",
    });
    expect(feed.items[0]!.descriptionHtml).toContain("<p>HARBOR TOWN (Gazette) - The ferry");
  });

  it("strips markup from titles, resolves relative links, decodes HTML entities XML does not define", () => {
    const item = feed.items[1]!;
    expect(item.title).toBe("Council votes yes on bridge");
    expect(item.link).toBe("https://gazette.example/news/bridge-vote");
    expect(item.publishedAt).toEqual(new Date("2024-11-26T13:00:00Z"));
    expect(item.descriptionHtml).toBe("The council voted 7–2 in favour\u00a0of the bridge.");
  });

  it("uses a permalink guid as the link and null for a missing date", () => {
    expect(feed.items[2]).toMatchObject({ link: "https://gazette.example/news/no-link-item", publishedAt: null });
  });
});

describe("parseFeed: Atom 1.0", () => {
  const feed = feedOf(parseFeed(loadFixture("atom-newsroom.xml"), { url: "https://atom.example/feed.atom", now }));

  it("reads the feed with an HTML title", () => {
    expect(feed).toMatchObject({ format: "atom", title: "Lighthouse Wire", link: "https://atom.example/" });
  });

  it("resolves links against the feed's xml:base and prefers published over updated", () => {
    expect(feed.items[0]).toMatchObject({
      guid: "tag:atom.example,2024:whales",
      title: "Keeper spots whale pod",
      link: "https://atom.example/blog/posts/whales",
      publishedAt: new Date("2024-11-26T08:15:00Z"),
      author: "Ada Lamp",
      categories: ["Nature"],
    });
    expect(feed.items[0]!.descriptionHtml).toBe("<p>A pod of twelve whales passed the lighthouse at dawn.</p>");
  });

  it("resolves against an entry's own xml:base and falls back to updated", () => {
    expect(feed.items[1]).toMatchObject({
      link: "https://other.example/archive/2024/fog-horn",
      publishedAt: new Date("2024-11-25T18:00:00Z"),
    });
  });
});

describe("parseFeed: older and other formats", () => {
  it("reads RSS 1.0 (RDF) with Dublin Core dates", () => {
    const feed = feedOf(parseFeed(loadFixture("rdf-newsroom.xml"), { now }));
    expect(feed).toMatchObject({ format: "rdf", title: "Valley Science Notes", link: "https://rdf.example/" });
    expect(feed.items[0]).toMatchObject({
      guid: "https://rdf.example/notes/1",
      title: "Glacier retreat measured",
      link: "https://rdf.example/notes/1",
      publishedAt: new Date("2024-11-20T17:00:00Z"),
      author: "Survey Desk",
    });
  });

  it("reads RSS 0.91 with its public DOCTYPE (ignored, never fetched)", () => {
    const result = parseFeed(loadFixture("rss091-newsroom.xml"), { now });
    const feed = feedOf(result);
    expect(feed.title).toBe("Old Mill Bulletin");
    expect(feed.items[0]).toMatchObject({ title: "Mill wheel restored", link: "http://mill.example/wheel", guid: null, publishedAt: null });
    expect(result.status === "ok" && result.warnings.some((w) => w.includes("DOCTYPE"))).toBe(true);
  });

  it("reads RSS 0.90 (Netscape RDF namespace)", () => {
    const xml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
      <channel><title>Early Web</title><link>http://early.example/</link><description>d</description></channel>
      <item><title>First post</title><link>http://early.example/1</link></item></rdf:RDF>`;
    const feed = feedOf(parseFeed(xml, { now }));
    expect(feed.title).toBe("Early Web");
    expect(feed.items[0]).toMatchObject({ title: "First post", link: "http://early.example/1" });
  });

  it("derives a headline for an RSS 0.92 item that only has a description", () => {
    const xml = `<rss version="0.92"><channel><title>T</title><item><description>Kevin started a &lt;a href="http://x.example/"&gt;weblog&lt;/a&gt;. It is cool.</description></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]).toMatchObject({ title: "Kevin started a weblog. It is cool.", link: null });
  });

  it("reads Atom 0.3", () => {
    const feed = feedOf(parseFeed(loadFixture("atom03-newsroom.xml"), { now }));
    expect(feed.title).toBe("Canal Diary");
    expect(feed.items[0]).toMatchObject({ title: "Lock gates replaced", link: "https://canal.example/lock-gates", publishedAt: new Date("2024-11-26T08:00:00Z") });
  });

  it("reads JSON Feed 1.1, numeric ids, relative URLs and plain-text content", () => {
    const feed = feedOf(parseFeed(loadFixture("jsonfeed-newsroom.json"), { url: "https://orchard.example/feed.json", now }));
    expect(feed).toMatchObject({ format: "json", title: "Orchard Radio", link: "https://orchard.example/" });
    expect(feed.items[0]).toMatchObject({ guid: "2", title: "Apple harvest begins early", publishedAt: new Date("2024-11-25T15:00:00Z"), author: "Pip Grower", categories: ["farming"] });
    expect(feed.items[1]).toMatchObject({ guid: "1", link: "https://orchard.example/frost-warning", title: "Frost warning & road advice" });
    expect(feed.items[1]!.descriptionHtml).toBe("Temperatures fall below zero tonight.");
  });

  it("reads a lone Atom entry document as a feed of one", () => {
    const xml = `<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>Solo</title><link href="https://solo.example/1"/><updated>2024-11-01T00:00:00Z</updated></entry>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]).toMatchObject({ guid: "urn:x:1", title: "Solo", link: "https://solo.example/1" });
  });

  it("accepts a string body and a stray BOM", () => {
    const feed = feedOf(parseFeed(`\ufeff<rss version="2.0"><channel><title>S</title><item><title>A</title></item></channel></rss>`, { now }));
    expect(feed.items.map((i) => i.title)).toEqual(["A"]);
  });
});

describe("parseFeed: links and bases", () => {
  it("resolves relative item links against the feed URL and drops non-http links", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><link>/</link>
      <item><title>a</title><link>story/1</link></item>
      <item><title>b</title><link>javascript:alert(1)</link></item></channel></rss>`;
    const feed = feedOf(parseFeed(xml, { url: "https://site.example/feeds/main.xml", now }));
    expect(feed.link).toBe("https://site.example/");
    expect(feed.items.map((i) => i.link)).toEqual(["https://site.example/feeds/story/1", null]);
  });

  it("applies a relative xml:base on the item to the channel's base", () => {
    const xml = `<rss version="2.0" xml:base="https://base.example/news/"><channel><title>T</title>
      <item xml:base="2024/"><title>a</title><link>one.html</link></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]!.link).toBe("https://base.example/news/2024/one.html");
  });

  it("keeps a relative link null when there is no base at all", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><item><title>a</title><link>one.html</link></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]!.link).toBeNull();
  });
});

describe("parseFeed: dates", () => {
  it("clamps a date in the future to now and keeps one a few minutes ahead", () => {
    const xml = `<rss version="2.0"><channel><title>T</title>
      <item><title>far</title><pubDate>Mon, 01 Jan 2035 00:00:00 GMT</pubDate></item>
      <item><title>near</title><pubDate>Sun, 01 Dec 2024 00:02:00 GMT</pubDate></item>
      <item><title>bad</title><pubDate>yesterday-ish</pubDate></item></channel></rss>`;
    const items = feedOf(parseFeed(xml, { now })).items;
    expect(items.map((i) => i.publishedAt?.toISOString() ?? null)).toEqual(["2024-12-01T00:00:00.000Z", "2024-12-01T00:02:00.000Z", null]);
  });
});
