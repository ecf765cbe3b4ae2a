import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLine, cleanParagraphs } from "../../src/delivery/render/clean-text.js";
import { escapeHtml } from "../../src/delivery/render/escape-html.js";
import { hashtagsFor, toHashtag } from "../../src/delivery/render/hashtags.js";
import { httpUrl } from "../../src/delivery/render/safe-link.js";
import { truncateAtWord } from "../../src/delivery/render/truncate-at-word.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("truncateAtWord", () => {
  it("leaves text that fits alone", () => {
    expect(truncateAtWord("short text", 10)).toBe("short text");
  });

  it("cuts at the last word boundary and ends with an ellipsis", () => {
    expect(truncateAtWord("The quick brown fox jumps", 18)).toBe("The quick brown…");
    expect(truncateAtWord("The quick brown fox", 16)).toBe("The quick brown…");
  });

  it("drops a separator left dangling before the ellipsis", () => {
    expect(truncateAtWord("Paris, Berlin and Rome", 10)).toBe("Paris…");
  });

  it("hard-cuts a single long word rather than losing most of the allowance", () => {
    expect(truncateAtWord("a supercalifragilisticexpialidocious", 20)).toBe("a supercalifragilis…");
  });

  it("never splits a surrogate pair or an emoji sequence", () => {
    const family = "👨‍👩‍👧‍👦"; // eleven code units, one grapheme
    expect(truncateAtWord(`${family}${family}`, 15)).toBe(`${family}…`);
    expect(truncateAtWord("😀😀😀😀", 4)).toBe("😀…");
    expect(truncateAtWord("🇫🇷🇩🇪", 5)).toBe("🇫🇷…");
  });

  it("returns nothing when not even the ellipsis fits", () => {
    expect(truncateAtWord("hello", 0)).toBe("");
    expect(truncateAtWord("hello", 1)).toBe("…");
  });

  it("stays within max and well-formed for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.integer({ min: 0, max: 220 }), (text, max) => {
        const cut = truncateAtWord(text, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(LONE_SURROGATE.test(cut)).toBe(false);
        if (text.length <= max) expect(cut).toBe(text);
      }),
    );
  });
});

describe("escapeHtml", () => {
  it("escapes the characters Telegram's HTML parser reads", () => {
    expect(escapeHtml(`<b>"Tom" & Jerry</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;");
  });

  it("escapes an existing entity again so it shows as typed", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("cleaning data", () => {
  it("collapses a headline onto one line and drops control characters", () => {
    expect(cleanLine("  Storm\r\nhits\tcoast\u0007 \x1b[31m ")).toBe("Storm hits coast [31m");
  });

  it("keeps paragraphs but not runs of blank lines", () => {
    expect(cleanParagraphs("One  two\r\n\r\n\r\n\r\nthree ")).toBe("One two\n\nthree");
  });

  it("replaces lone surrogates, which neither platform accepts", () => {
    expect(cleanLine("a\uD83Db")).toBe("a\uFFFDb");
  });
});

describe("hashtags", () => {
  it("keeps only a-z, 0-9 and underscores", () => {
    expect(toHashtag("Middle-East")).toBe("#middle_east");
    expect(toHashtag("Science & Tech")).toBe("#science_tech");
    expect(toHashtag("Café Society")).toBe("#cafe_society");
    expect(toHashtag("<script>")).toBe("#script");
    expect(toHashtag("!!!")).toBeUndefined();
  });

  it("drops duplicates and stops at ten", () => {
    expect(hashtagsFor(["World", "world", "Europe"])).toEqual(["#world", "#europe"]);
    expect(hashtagsFor(Array.from({ length: 30 }, (_, i) => `t${i}`))).toHaveLength(10);
  });
});

describe("httpUrl", () => {
  it("accepts http(s) links only", () => {
    expect(httpUrl(" https://a.example/x?y=1&z=2 ")).toBe("https://a.example/x?y=1&z=2");
    expect(httpUrl("javascript:alert(1)")).toBeUndefined();
    expect(httpUrl("not a url")).toBeUndefined();
  });

  it("percent-encodes quotes, so they cannot end an attribute", () => {
    expect(httpUrl('https://a.example/"onmouseover="x')).toBe("https://a.example/%22onmouseover=%22x");
  });
});
