import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractHtmlArticle } from "../../../src/ingest/pages/extract-html-article.js";
import type { ArticleExtractResult, ExtractedArticle } from "../../../src/ingest/pages/extracted-article.js";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const now = new Date("2025-12-01T12:00:00Z");

function ok(result: ArticleExtractResult): { article: ExtractedArticle; warnings: string[] } {
  if (result.status !== "ok") throw new Error(result.error);
  return result;
}

describe("extractHtmlArticle with meta tags", () => {
  const { article, warnings } = ok(extractHtmlArticle(fixture("meta-tags-article.html"), { url: "https://www.northernledger.example/n/8812?utm_medium=social", now }));

  it("takes the og:title without the site name", () => {
    expect(article.title).toBe("Rail strike halts trains across the north");
  });

  it("reads the canonical link, normalised, and keeps the fetched URL", () => {
    expect(article.url).toBe("https://www.northernledger.example/n/8812?utm_medium=social");
    expect(article.canonicalUrl).toBe("https://www.northernledger.example/news/2025/11/rail-strike-halts-trains?id=42");
  });

  it("reads published time, section, byline and site name from meta tags", () => {
    expect(article.publishedAt?.toISOString()).toBe("2025-11-26T06:15:00.000Z");
    expect(article.section).toBe("Transport");
    expect(article.byline).toBe("Ines Halvorsen");
    expect(article.sourceName).toBe("The Northern Ledger");
  });

  it("keeps the story paragraphs and drops caption, advert label and page chrome", () => {
    expect(article.bodyText.startsWith("HALDEN (Ledger) — Hardly a train ran")).toBe(true);
    expect(article.bodyText).toContain("Talks are due to resume on Friday.");
    expect(article.bodyText).not.toMatch(/Empty platforms|Advertisement|Sport|All rights reserved|not markup/);
    expect(article.bodyText.split("\n\n")).toHaveLength(5);
  });

  it("summarises the lead without the dateline", () => {
    expect(article.summary).toBe(
      "Hardly a train ran across the northern region on Wednesday as drivers began a 48-hour strike over pay and rosters, leaving tens of thousands of commuters to find other ways to work.",
    );
    expect(warnings).toEqual([]);
  });
});

describe("extractHtmlArticle with a JSON-LD @graph", () => {
  const { article, warnings } = ok(extractHtmlArticle(fixture("json-ld-graph-article.html"), { now }));

  it("prefers the JSON-LD headline (entities decoded) over og:title and <title>", () => {
    expect(article.title).toBe("Harbour fire destroys Saltby\u2019s 150-year-old fish market");
  });

  it("reads date, first section, authors and the publisher behind an @id", () => {
    expect(article.publishedAt?.toISOString()).toBe("2025-11-26T06:30:00.000Z");
    expect(article.section).toBe("Local News");
    expect(article.byline).toBe("Maya Lindqvist, Owen Pryce");
    expect(article.sourceName).toBe("Coastline Daily");
  });

  it("takes the page URL from mainEntityOfPage when nothing else names it", () => {
    expect(article.url).toBe("https://coastline.example/2025/11/26/harbour-fire/");
    expect(article.canonicalUrl).toBe("https://coastline.example/2025/11/26/harbour-fire/");
  });

  it("reports the broken second block and carries on", () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^JSON-LD block 2 does not parse/);
  });

  it("summarises without the dateline", () => {
    expect(article.summary.startsWith("A fire that broke out in the early hours of Wednesday destroyed")).toBe(true);
  });
});

describe("extractHtmlArticle without metadata (Readability fallback)", () => {
  it("finds title, body and summary from the markup alone", () => {
    const { article, warnings } = ok(extractHtmlArticle(fixture("plain-article.html"), { now }));
    expect(article.title).toBe("Museum returns stolen bronze to village church");
    expect(article.bodyText.startsWith("A bronze bell stolen from the church of St Aldhelm")).toBe(true);
    expect(article.bodyText).not.toMatch(/Front page|Mill Lane/);
    expect(article.summary.startsWith("A bronze bell stolen")).toBe(true);
    expect(article.publishedAt).toBeNull();
    expect(article.url).toBeNull();
    expect(warnings).toEqual(["page states no publication date"]);
  });

  it("strips the site name by the host name and takes the day from the URL", () => {
    const { article, warnings } = ok(extractHtmlArticle(fixture("plain-article.html"), { url: "https://www.valleycourier.example/2025/11/23/bell-returned", now }));
    expect(article.title).toBe("Museum returns stolen bronze to village church");
    expect(article.publishedAt?.toISOString()).toBe("2025-11-23T00:00:00.000Z");
    expect(warnings).toEqual(["publication day taken from the URL (no time of day)"]);
  });
});

describe("extractHtmlArticle refusals", () => {
  it("refuses a section front", () => {
    expect(extractHtmlArticle(fixture("section-front.html"), {})).toEqual({
      status: "not-an-article",
      error: "page has no article metadata and only 40 characters of article text",
    });
  });

  it("refuses empty input", () => {
    expect(extractHtmlArticle("", {})).toEqual({ status: "not-an-article", error: "page is empty" });
    expect(extractHtmlArticle("<!-- nothing -->", {}).status).toBe("not-an-article");
  });

  it("refuses a page without any title", () => {
    expect(extractHtmlArticle("<html><body><p>Words without a headline, which a story needs.</p></body></html>", {}).status).toBe("not-an-article");
  });
});

describe("extractHtmlArticle on hostile pages", () => {
  const MB = 1_000_000;
  /** Generous for slow CI machines; each case takes well under a second here. */
  const BUDGET_MS = 5_000;

  const hostile: Record<string, () => string> = {
    "5 MB of nested divs and a broken JSON-LD block": () => {
      const depth = Math.floor((5 * MB) / 11);
      return (
        `<html><head><title>Deep page | Hostile</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Broken` +
        `</script><meta property="og:type" content="article"><meta property="og:site_name" content="Hostile"></head><body>${"<div>".repeat(depth)}` +
        `<p>Deep inside the nesting there is one sentence of article text, long enough to be read.</p>${"</div>".repeat(depth)}</body></html>`
      );
    },
    "5 MB of unclosed tags": () => `<html><body>${"<div><span><li><td>".repeat((5 * MB) / 18)}</body></html>`,
    "a million siblings": () => `<html><body><ul>${"<li>".repeat(MB)}</ul></body></html>`,
    "5 MB of stray less-than signs": () => "<".repeat(5 * MB),
    "an unclosed comment": () => `<html><head><title>T</title></head><body><!--${"x".repeat(5 * MB)}`,
    "an unclosed script": () => `<html><body><script>${"document.write('<div>');".repeat(5 * MB / 24)}`,
    "a JSON-LD block nested 400,000 deep": () => `<html><head><title>J</title><script type="application/ld+json">${"[".repeat(400_000)}</script></head><body></body></html>`,
    "400,000 character references": () => `<html><head><title>E</title></head><body><p>${"a&amp;b&nbsp;".repeat(400_000)}</p></body></html>`,
  };

  for (const [name, make] of Object.entries(hostile)) {
    it(`returns a clear result for ${name}`, () => {
      const html = make();
      const started = performance.now();
      const result = extractHtmlArticle(html, { now });
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      expect(["ok", "not-an-article"]).toContain(result.status);
      if (result.status === "not-an-article") expect(result.error.length).toBeGreaterThan(0);
    });
  }

  it("still reads the title and text of the deeply nested page, and says what it removed", () => {
    const result = ok(extractHtmlArticle(hostile["5 MB of nested divs and a broken JSON-LD block"]!(), { now }));
    expect(result.article.title).toBe("Deep page");
    expect(result.article.bodyText).toContain("one sentence of article text");
    expect(result.warnings.some((w) => w.startsWith("page nests elements deeper than"))).toBe(true);
    expect(result.warnings.some((w) => w.startsWith("JSON-LD block 1 does not parse"))).toBe(true);
  });
});
