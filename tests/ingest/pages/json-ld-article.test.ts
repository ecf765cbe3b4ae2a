import { describe, expect, it } from "vitest";
import { readJsonLdArticle } from "../../../src/ingest/pages/json-ld-article.js";

describe("readJsonLdArticle", () => {
  it("reads a lone NewsArticle", () => {
    const block = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Dam&nbsp;bursts &amp; floods valley",
      datePublished: "2025-11-26T08:00:00Z",
      articleSection: "World",
      author: { "@type": "Person", name: "Jo Park" },
      publisher: { "@type": "Organization", name: "Valley Post" },
      url: "https://valley.example/dam",
      articleBody: "First paragraph.\nSecond paragraph.",
    });
    expect(readJsonLdArticle([block])).toEqual({
      article: {
        headline: "Dam bursts & floods valley",
        datePublished: "2025-11-26T08:00:00Z",
        section: "World",
        authors: ["Jo Park"],
        publisherName: "Valley Post",
        url: "https://valley.example/dam",
        description: null,
        articleBody: "First paragraph.\nSecond paragraph.",
      },
      warnings: [],
    });
  });

  it("finds the article in an @graph, with arrays of types, @id references and section lists", () => {
    const block = JSON.stringify({
      "@graph": [
        { "@type": "Organization", "@id": "#org", name: "Harbour Times" },
        { "@type": "Person", "@id": "#ana", name: "Ana Ruiz" },
        {
          "@type": ["ReportageNews", "NewsArticle"],
          headline: "Port reopens",
          articleSection: ["Business", "Shipping"],
          author: [{ "@id": "#ana" }, "Lee Chan", { name: "https://www.facebook.com/harbour" }],
          publisher: { "@id": "#org" },
          mainEntityOfPage: { "@type": "WebPage", "@id": "https://harbour.example/port" },
        },
      ],
    });
    const { article } = readJsonLdArticle([block]);
    expect(article?.headline).toBe("Port reopens");
    expect(article?.section).toBe("Business");
    expect(article?.authors).toEqual(["Ana Ruiz", "Lee Chan"]);
    expect(article?.publisherName).toBe("Harbour Times");
    expect(article?.url).toBe("https://harbour.example/port");
  });

  it("reads a top-level array and skips non-article nodes", () => {
    const block = JSON.stringify([{ "@type": "BreadcrumbList" }, { "@type": "BlogPosting", headline: "Notes" }]);
    expect(readJsonLdArticle([block]).article?.headline).toBe("Notes");
  });

  it("tolerates raw line breaks inside strings and HTML comment wrappers", () => {
    const block = '<!--\n{"@type": "Article", "headline": "Line\nbreak"}\n-->';
    expect(readJsonLdArticle([block]).article?.headline).toBe("Line break");
  });

  it("reports broken blocks and keeps reading the others", () => {
    const result = readJsonLdArticle(['{"@type": "NewsArticle", "headline": "Cut', '{"@type":"NewsArticle","headline":"Whole"}']);
    expect(result.article?.headline).toBe("Whole");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^JSON-LD block 1 does not parse \(.+\); ignored it$/);
  });

  it("returns no article when there is none, and ignores non-string values", () => {
    expect(readJsonLdArticle([JSON.stringify({ "@type": "WebSite", name: "X" })]).article).toBeNull();
    expect(readJsonLdArticle([JSON.stringify({ "@type": "Article", headline: 42, datePublished: { x: 1 } })]).article).toMatchObject({ headline: null, datePublished: null });
  });

  it("stays bounded on deeply nested and very wide JSON", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const wide = JSON.stringify({ "@graph": Array.from({ length: 100_000 }, () => ({ "@type": "Thing" })) });
    expect(readJsonLdArticle([deep, wide]).article).toBeNull();
  });
});
