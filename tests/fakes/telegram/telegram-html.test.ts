// The HTML parse mode checker on its own: offsets, nesting and Telegram's error wording.
import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "./telegram-html.js";

describe("parseTelegramHtml", () => {
  it("measures entity offsets in UTF-16 units, as the Bot API does", () => {
    expect(parseTelegramHtml("📰 <b>Breaking</b>")).toEqual({
      ok: true,
      text: "📰 Breaking",
      entities: [{ type: "bold", offset: 3, length: 8 }],
    });
  });

  it("reports byte offsets in UTF-8, as the Bot API does", () => {
    expect(parseTelegramHtml("é <p>")).toEqual({ ok: false, reason: 'Unsupported start tag "p" at byte offset 3' });
  });

  it("sorts nested entities by offset, outer first", () => {
    const result = parseTelegramHtml("<b>a <i>b</i></b> <u>c</u>");
    expect(result).toMatchObject({
      text: "a b c",
      entities: [
        { type: "bold", offset: 0, length: 3 },
        { type: "italic", offset: 2, length: 1 },
        { type: "underline", offset: 4, length: 1 },
      ],
    });
  });

  it("folds <pre><code class=language-x> into one pre entity", () => {
    expect(parseTelegramHtml('<pre><code class="language-ts">let x</code></pre>')).toMatchObject({
      entities: [{ type: "pre", offset: 0, length: 5, language: "ts" }],
    });
  });

  it("knows the other Telegram tags and their attributes", () => {
    const html = '<blockquote expandable>q</blockquote><a href="tg://user?id=5">u</a><tg-emoji emoji-id="99">👍</tg-emoji><s>x</s>';
    expect(parseTelegramHtml(html)).toMatchObject({
      ok: true,
      entities: [
        { type: "expandable_blockquote", offset: 0, length: 1 },
        { type: "text_mention", offset: 1, length: 1, user: { id: 5 } },
        { type: "custom_emoji", offset: 2, length: 2, custom_emoji_id: "99" },
        { type: "strikethrough", offset: 4, length: 1 },
      ],
    });
  });

  it("accepts a bare > and an empty closing tag, like the real server", () => {
    expect(parseTelegramHtml("<b>x</> 1 > 0")).toMatchObject({ ok: true, text: "x 1 > 0" });
  });

  it.each([
    ["&#0;", 'Character "&" at byte offset 0'],
    ["&#xD800;", 'Character "&" at byte offset 0'],
    ["&nbsp;", 'Character "&" at byte offset 0'],
    ["</b>", "Unexpected end tag at byte offset 0"],
    ["<b", "Unclosed start tag at byte offset 0"],
    ['<a href="x>y', "Unclosed start tag at byte offset 0"],
    ["<br/>", 'Unsupported start tag "br/" at byte offset 0'],
  ])("rejects %j", (html, reason) => {
    const result = parseTelegramHtml(html);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
