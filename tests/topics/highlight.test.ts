import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightTerms, snippet, type HighlightSegment } from "../../src/topics/query/highlight.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { queryTextArb, VOCABULARY } from "./arbitraries.js";

/** Segments as text with [brackets] around matches, for readable expectations. */
const render = (segments: readonly HighlightSegment[]): string => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join("");
const highlight = (text: string, query: string): string => render(highlightTerms(text, parseQuery(query)));

describe("highlightTerms", () => {
  it("marks every inflection of a wanted word, in the original spelling", () => {
    expect(highlight("Leaks: the LEAKED files keep leaking.", "leak")).toBe("[Leaks]: the [LEAKED] files keep [leaking].");
  });

  it("folds accents and marks prefixes", () => {
    expect(highlight("Élection à Zürich; electoral news", "election elect* zurich")).toBe("[Élection] à [Zürich]; [electoral] news");
  });

  it("marks a phrase as one segment, spaces and hyphens included", () => {
    expect(highlight("Climate change, the climate-change deal, change climate", '"climate change"')).toBe(
      "[Climate change], the [climate-change] deal, change climate",
    );
  });

  it("ignores excluded terms and filters that do not look at text", () => {
    expect(highlight("Sport leak in Reuters report", "leak -sport source:reuters")).toBe("Sport [leak] in Reuters report");
    expect(highlight("Leak of a leak", "title:leak")).toBe("[Leak] of a [leak]");
  });

  it("returns the text unchanged when nothing matches", () => {
    expect(highlightTerms("Nothing here", parseQuery("leak"))).toEqual([{ text: "Nothing here", match: false }]);
  });

  it("always joins back to the original text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY, ",", "—", "🚀")), queryTextArb, (words, query) => {
        const text = words.join(" ");
        let parsed;
        try {
          parsed = parseQuery(query);
        } catch {
          return fc.pre(false);
        }
        expect(highlightTerms(text, parsed).map((s) => s.text).join("")).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe("snippet", () => {
  const text =
    "The city council met on Tuesday to discuss the budget for the coming year. After hours of debate, " +
    "members learned that documents had leaked to the press, forcing the mayor to respond to questions about the deal.";

  it("keeps short text whole", () => {
    expect(render(snippet("A leak.", parseQuery("leak"), 50))).toBe("A [leak].");
  });

  it("centres on the first match, cuts at spaces and adds ellipses", () => {
    const result = render(snippet(text, parseQuery("leaked"), 80));
    expect(result).toBe("…that documents had [leaked] to the press, forcing the mayor to respond to…");
    expect(result.replace(/[[\]]/g, "").length).toBeLessThanOrEqual(80);
  });

  it("starts at the beginning when nothing matches", () => {
    expect(render(snippet(text, parseQuery("weather"), 40))).toBe("The city council met on Tuesday to…");
  });

  it("never exceeds maxChars", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 250 }), fc.constantFrom("leak", "budget", "deal", "the", "mayor respond"), (max, query) => {
        const length = snippet(text, parseQuery(query), max).reduce((sum, s) => sum + s.text.length, 0);
        expect(length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
