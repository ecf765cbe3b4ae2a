import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";
import type { FeedParseResult, ParsedFeed } from "../../../src/ingest/parsed-feed.js";

const now = new Date("2024-12-01T00:00:00Z");

function feedOf(result: FeedParseResult): ParsedFeed {
  if (result.status !== "ok") throw new Error(`expected ok, got ${result.status}: ${"error" in result ? result.error : ""}`);
  return result.feed;
}

describe("namespaces: elements are matched by namespace, not by the prefix written", () => {
  it("reads Dublin Core and Atom under unusual prefixes", () => {
    const xml = `<rss version="2.0" xmlns:meta="http://purl.org/dc/elements/1.1/" xmlns:a10="http://www.w3.org/2005/Atom">
      <channel><title>Prefixes</title><a10:link rel="self" href="https://ns.example/feed.xml"/>
      <item><meta:title>Bridge reopens</meta:title><meta:creator>Ana Byline</meta:creator><meta:date>2024-11-20T08:00:00Z</meta:date>
        <a10:link href="/news/bridge"/></item></channel></rss>`;
    const item = feedOf(parseFeed(xml, { now })).items[0];
    expect(item).toMatchObject({ title: "Bridge reopens", author: "Ana Byline", publishedAt: new Date("2024-11-20T08:00:00Z"), link: "https://ns.example/news/bridge" });
  });

  it("reads an Atom feed written entirely with a prefix", () => {
    const xml = `<x:feed xmlns:x="http://www.w3.org/2005/Atom"><x:title>Prefixed Atom</x:title>
      <x:entry><x:id>urn:p:1</x:id><x:title>Dam inspected</x:title><x:link href="https://p.example/dam"/><x:updated>2024-11-02T10:00:00Z</x:updated></x:entry></x:feed>`;
    const feed = feedOf(parseFeed(xml, { now }));
    expect(feed.title).toBe("Prefixed Atom");
    expect(feed.items[0]).toMatchObject({ guid: "urn:p:1", title: "Dam inspected", link: "https://p.example/dam", publishedAt: new Date("2024-11-02T10:00:00Z") });
  });

  it("treats well-known prefixes nobody declared as their usual namespaces", () => {
    const xml = `<rss version="2.0"><channel><title>Undeclared</title>
      <item><title>Storm warning</title><link>https://u.example/storm</link><dc:creator>Weather Desk</dc:creator><dc:date>2024-11-21T06:00:00Z</dc:date>
        <content:encoded><![CDATA[<p>Full storm story</p>]]></content:encoded></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]).toMatchObject({
      author: "Weather Desk",
      publishedAt: new Date("2024-11-21T06:00:00Z"),
      contentHtml: "<p>Full storm story</p>",
    });
  });

  it("reads media:description as an Atom entry's summary without a media declaration", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Videos</title><entry><id>v1</id><title>Flood footage</title>
      <link href="https://v.example/1"/><media:group><media:description>River at record height</media:description></media:group></entry></feed>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]!.descriptionHtml).toBe("River at record height");
  });

  it("does not read an element of another vocabulary that shares a local name", () => {
    const xml = `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Show</title>
      <item><itunes:title>Episode title for apps</itunes:title><title>Real headline</title><itunes:author>Host</itunes:author><link>https://s.example/1</link></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]).toMatchObject({ title: "Real headline", author: null });
  });

  it("scopes a declaration to the element that makes it", () => {
    // `p:` means Dublin Core inside the first item only; in the second it is undeclared and unknown.
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Scopes</title>
      <item xmlns:p="http://purl.org/dc/elements/1.1/"><title>One</title><link>https://s.example/1</link><p:creator>Declared</p:creator></item>
      <item><title>Two</title><link>https://s.example/2</link><p:creator>Undeclared</p:creator></item></channel></rss>`;
    expect(feedOf(parseFeed(xml, { now })).items.map((i) => i.author)).toEqual(["Declared", null]);
  });

  it("reads RSS 1.0 elements under an explicit rss: prefix and the rdf:Seq order", () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:r="http://purl.org/rss/1.0/">
      <r:channel rdf:about="https://r.example/"><r:title>Ordered</r:title><r:link>https://r.example/</r:link>
        <r:items><rdf:Seq><rdf:li rdf:resource="https://r.example/b"/><rdf:li rdf:resource="https://r.example/a"/></rdf:Seq></r:items></r:channel>
      <r:item rdf:about="https://r.example/a"><r:title>A</r:title></r:item>
      <r:item rdf:about="https://r.example/b"><r:title>B</r:title></r:item></rdf:RDF>`;
    const feed = feedOf(parseFeed(xml, { now }));
    expect(feed.title).toBe("Ordered");
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([["B", "https://r.example/b"], ["A", "https://r.example/a"]]);
  });

  it("resolves xml:base on the root, the item and the link element itself", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/site/"><title>Bases</title>
      <entry xml:base="news/"><id>b1</id><title>Nested</title><link xml:base="2024/" href="story.html"/></entry></feed>`;
    expect(feedOf(parseFeed(xml, { now })).items[0]!.link).toBe("https://b.example/site/news/2024/story.html");
  });
});
