import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";

const now = new Date("2024-12-01T00:00:00Z");
const item = (n: number, extra = "") => `<item><title>Story ${n}</title><link>https://m.example/${n}</link>${extra}</item>`;
const rss = (items: string) => `<rss version="2.0"><channel><title>Broken</title>\n${items}\n</channel></rss>`;

describe("complete but malformed documents", () => {
  it("keeps every readable item when an element inside an item is never closed", () => {
    const result = parseFeed(rss(`${item(1, "<enclosure url='x'>")}\n${item(2)}`), { now });
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.items.map((i) => i.title)).toEqual(["Story 1", "Story 2"]);
    expect(result.error).toBe("malformed XML: </item> does not close <enclosure> (line 2); read 2 items");
  });

  it("reports an end tag that closes nothing", () => {
    const result = parseFeed(rss(`${item(1)}</section>\n${item(2)}`), { now });
    expect(result).toMatchObject({ status: "partial", error: "malformed XML: </section> does not close <channel> (line 2); read 2 items" });
  });

  it("counts further problems after the first", () => {
    const result = parseFeed(rss(`${item(1)}</a>\n${item(2)}</b>`), { now });
    expect(result.status === "partial" && result.error).toBe("malformed XML: </a> does not close <channel> (line 2) (and 1 more problems); read 2 items");
  });

  it("ends a value at the end tag of its item when the value's own end tag is missing", () => {
    const result = parseFeed(rss(`<item><title>Story 1</item>\n${item(2)}`), { now });
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.items.map((i) => i.title)).toEqual(["Story 1", "Story 2"]);
    expect(result.error).toMatch(/^malformed XML: <\/item> does not close <title>/);
  });

  it("accepts unbalanced HTML written unescaped inside a description", () => {
    const result = parseFeed(rss(item(1, "<description><p>Roads shut<br></description>")), { now });
    expect(result.status).toBe("ok");
    expect(result.status === "ok" && result.feed.items[0]!.descriptionHtml).toBe("<p>Roads shut<br>");
  });

  it("ends a comment left open at the end tag of the element it is in", () => {
    const result = parseFeed(rss(`${item(1)}<!-- ad slot\n${item(2)}`), { now });
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.items.map((i) => i.title)).toEqual(["Story 1"]);
    expect(result.error).toBe("malformed XML: <!-- in <channel> (line 2) is never closed; read 1 items");
  });

  it("tells a root end tag swallowed by an unclosed comment from a cut body", () => {
    const result = parseFeed(`<rss version="2.0"><channel><title>Broken</title>${item(1)}<!-- ad slot ${item(2)}</rss>`, { now });
    expect(result).toMatchObject({ status: "partial", error: "malformed XML: <channel> (line 1) is never closed; read 1 items" });
  });

  it("ends a CDATA section left open at its element's end tag and keeps the items after it", () => {
    const result = parseFeed(rss(`${item(1, "<description><![CDATA[<p>Never ended</description>")}\n${item(2)}`), { now });
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.items.map((i) => [i.title, i.descriptionHtml])).toEqual([["Story 1", "<p>Never ended"], ["Story 2", ""]]);
    expect(result.error).toBe("malformed XML: <![CDATA[ in <description> (line 2) is never closed; read 2 items");
  });

  it("reports an RSS document without a channel but still reads its items", () => {
    const result = parseFeed(`<rss version="2.0">${item(1)}</rss>`, { now });
    expect(result).toMatchObject({ status: "partial", error: "<rss> has no <channel>; read 1 items" });
    expect(result.status === "partial" && result.feed.items[0]!.title).toBe("Story 1");
  });

  it("does not take a prefixed element's end tag for the root's in a cut body", () => {
    const xml = `<rss><rss:channel><rss:title>Cut</rss:title>${item(1)}<item><title>Story 2`;
    const result = parseFeed(xml, { now });
    expect(result.status).toBe("partial");
    if (result.status !== "partial") return;
    expect(result.feed.items.map((i) => i.title)).toEqual(["Story 1"]);
    expect(result.error).toMatch(/truncated/);
  });

  it("reads a body cut inside the root's start tag as an empty truncated feed", () => {
    expect(parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/At`, { now })).toMatchObject({ status: "partial", feed: { format: "atom", items: [] } });
  });
});

describe("text values", () => {
  const titleOf = (title: string) => {
    const result = parseFeed(rss(`<item><title>${title}</title><link>https://m.example/t</link></item>`), { now });
    if (result.status !== "ok") throw new Error(result.status);
    return result.feed.items[0]!.title;
  };

  it("decodes HTML named entities feeds use without declaring them", () => {
    expect(titleOf("Caf&eacute; &ndash; March&eacute;&nbsp;open")).toBe("Café – Marché open");
  });

  it("decodes numeric references in decimal and hex", () => {
    expect(titleOf("&#8220;Quoted&#x201D; &#233;t&#xE9;")).toBe("“Quoted” été");
  });

  it("keeps CDATA as written, markup stripped from the title", () => {
    expect(titleOf("<![CDATA[Votes <b>counted</b> & checked]]>")).toBe("Votes counted & checked");
  });

  it("reads every line break as a newline, in text and in CDATA", () => {
    const result = parseFeed(rss(item(1, "<description>one\r\ntwo\rthree</description><content:encoded><![CDATA[a\r\nb]]></content:encoded>")), { now });
    expect(result.status === "ok" && [result.feed.items[0]!.descriptionHtml, result.feed.items[0]!.contentHtml]).toEqual(["one\ntwo\nthree", "a\nb"]);
  });

  it("drops comments inside a value", () => {
    const result = parseFeed(rss(item(1, "<description>Budget <!-- internal note -->passed</description>")), { now });
    expect(result.status === "ok" && result.feed.items[0]!.descriptionHtml).toBe("Budget passed");
  });

  it("decodes a description once: escaped markup becomes markup, double-escaped stays escaped", () => {
    const result = parseFeed(rss(item(1, "<description>&lt;p&gt;7&amp;ndash;2 &amp;lt;sic&amp;gt; 7&ndash;2&lt;/p&gt;</description>")), { now });
    expect(result.status === "ok" && result.feed.items[0]!.descriptionHtml).toBe("<p>7&ndash;2 &lt;sic&gt; 7–2</p>");
  });
});
