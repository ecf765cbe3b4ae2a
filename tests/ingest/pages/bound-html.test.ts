import { describe, expect, it } from "vitest";
import { boundHtml, DEFAULT_HTML_LIMITS } from "../../../src/ingest/pages/bound-html.js";

const limits = { ...DEFAULT_HTML_LIMITS, maxDepth: 4, maxChildren: 3, maxElements: 10 };

describe("boundHtml", () => {
  it("removes scripts, styles and comments but keeps JSON-LD and the doctype", () => {
    const html = '<!DOCTYPE html><head><script>var a = "<p>";</script><style>p{}</style><!-- c --><script type="application/ld+json">{"a":1}</script></head>';
    expect(boundHtml(html)).toEqual({ html: '<!DOCTYPE html><head><script type="application/ld+json">{"a":1}</script></head>', warnings: [] });
  });

  it("decodes text so the parser sees plain characters, escaping only what would read as markup", () => {
    expect(boundHtml("<p>Caf&eacute; &amp; bar &lt;b&gt; 3 < 4</p>").html).toBe("<p>Café &amp; bar &lt;b> 3 &lt; 4</p>");
  });

  it("drops tags deeper than the limit and keeps their text", () => {
    const result = boundHtml("<div><div><div><div><div><div>deep</div></div></div></div></div></div>", limits);
    expect(result.html).toBe("<div><div><div><div> deep </div></div></div></div>");
    expect(result.warnings).toEqual(["page nests elements deeper than 4 levels; removed 2 deeper elements and kept their text"]);
  });

  it("treats implied closes like the parser: siblings do not nest", () => {
    expect(boundHtml("<ul><li>a<li>b<li>c</ul><p>x<p>y<div>z</div>", { ...limits, maxChildren: 10 }).warnings).toEqual([]);
  });

  it("limits children per element and elements overall", () => {
    expect(boundHtml("<ul><li>1<li>2<li>3<li>4<li>5</ul>", limits)).toEqual({
      html: "<ul><li>1<li>2<li>3 4 5</ul>",
      warnings: ["page has elements with more than 3 children; removed 2 elements and kept their text"],
    });
    expect(boundHtml("<p>x</p>".repeat(12), { ...limits, maxChildren: 100 }).warnings).toEqual([
      "page has more than 10 elements; removed 2 later elements and kept their text",
    ]);
  });

  it("cuts input and markup at their limits", () => {
    const result = boundHtml(`<p>${"word ".repeat(100)}</p>`, { ...DEFAULT_HTML_LIMITS, maxInputChars: 200, maxMarkupChars: 100 });
    expect(result.html.length).toBeLessThanOrEqual(100);
    expect(result.warnings).toHaveLength(2);
  });

  it("ends at an unclosed comment or a tag cut off at the end", () => {
    expect(boundHtml("<p>a</p><!-- never closed <p>b</p>").html).toBe("<p>a</p>");
    expect(boundHtml('<p>a</p><img src="x').html).toBe("<p>a</p>");
  });

  it("drops escapes beyond the budget", () => {
    const result = boundHtml(`<p>${"<".repeat(10)}</p>`, { ...DEFAULT_HTML_LIMITS, maxEscapes: 4 });
    expect(result.html).toBe(`<p>${"&lt;".repeat(4)}      </p>`);
    expect(result.warnings).toEqual(['page text holds more than 4 "<" or "&" characters; removed 6 of them']);
  });
});
