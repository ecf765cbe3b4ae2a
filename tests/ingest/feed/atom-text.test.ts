import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";
import type { ParsedFeedItem } from "../../../src/ingest/parsed-feed.js";

const now = new Date("2024-12-01T00:00:00Z");

function entry(inner: string): ParsedFeedItem {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e</id><link href="https://a.example/e"/>${inner}</entry></feed>`;
  const result = parseFeed(xml, { now });
  if (result.status !== "ok") throw new Error(`${result.status}: ${"error" in result ? result.error : ""}`);
  return result.feed.items[0]!;
}

describe("Atom text constructs", () => {
  it("keeps the inner markup of an xhtml div as the HTML content", () => {
    const item = entry(`<title>X</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Roads <b>closed</b> &amp; open</p></div></content>`);
    expect(item.contentHtml).toBe("<p>Roads <b>closed</b> &amp; open</p>");
  });

  it("drops the xhtml prefix from the markup so it reads as HTML", () => {
    const item = entry(`<title>X</title><summary type="xhtml"><h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>Ferry <h:em>late</h:em></h:p></h:div></summary>`);
    expect(item.descriptionHtml).toBe("<p>Ferry <em>late</em></p>");
  });

  it("reads an xhtml title as its text", () => {
    const item = entry(`<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Mayor <em>resigns</em></div></title>`);
    expect(item.title).toBe("Mayor resigns");
  });

  it("decodes escaped html once and keeps plain text as written", () => {
    const item = entry(`<title type="text">Fish &amp; chips</title><summary type="html">&lt;p&gt;Shop &lt;b&gt;opens&lt;/b&gt;&lt;/p&gt;</summary>`);
    expect(item.title).toBe("Fish & chips");
    expect(item.descriptionHtml).toBe("<p>Shop <b>opens</b></p>");
  });

  it("keeps CDATA in html content verbatim", () => {
    const item = entry(`<title>X</title><content type="html"><![CDATA[<p>a &amp; b</p>]]></content>`);
    expect(item.contentHtml).toBe("<p>a &amp; b</p>");
  });
});
