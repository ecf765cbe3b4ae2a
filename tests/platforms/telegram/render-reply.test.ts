import { describe, expect, it } from "vitest";
import { errorReply, text, type Reply } from "../../../commands/reply.js";
import { createButtonActions } from "../../../src/platforms/telegram/button-actions.js";
import { piecesToHtml } from "../../../src/platforms/telegram/html-pieces.js";
import { renderReplyForTelegram } from "../../../src/platforms/telegram/render-reply.js";
import { parseTelegramHtml } from "../../fakes/telegram/index.js";

const now = new Date("2026-03-02T12:00:00Z");

/** What a reader sees, failing the test if Telegram would refuse the HTML. */
function parsed(html: string) {
  const result = parseTelegramHtml(html);
  if (!result.ok) throw new Error(`Telegram would refuse ${JSON.stringify(html)}: ${result.reason}`);
  return result;
}

const render = (reply: Reply) => renderReplyForTelegram(reply, createButtonActions(), now);

describe("renderReplyForTelegram", () => {
  it("escapes everything users or feeds wrote, so markup in data stays text", () => {
    const reply: Reply = { blocks: [text('There is no topic "<b>x</b> & y". Try ', { text: "/subscribe <world>", code: true }, ".")] };
    const { text: html } = render(reply);
    expect(html).toBe('There is no topic &quot;&lt;b&gt;x&lt;/b&gt; &amp; y&quot;. Try <code>/subscribe &lt;world&gt;</code>.');
    const seen = parsed(html);
    expect(seen.text).toBe('There is no topic "<b>x</b> & y". Try /subscribe <world>.');
    expect(seen.entities).toEqual([{ type: "code", offset: 38, length: 18 }]);
  });

  it("renders bold, italic, links and lists; only http(s) links become links", () => {
    const reply: Reply = {
      blocks: [
        text({ text: "This chat follows:", bold: true }),
        { type: "list", items: [[{ text: "world", code: true }, " — instant"], [{ text: "docs", href: "https://example.test/a?b=1&c=\"2\"" }, " ", { text: "bad", href: "javascript:alert(1)" }]] },
        text({ text: "note", italic: true }),
      ],
    };
    const { text: html } = render(reply);
    const seen = parsed(html);
    expect(seen.text).toBe("This chat follows:\n\n• world — instant\n• docs bad\n\nnote");
    expect(seen.entities.map((e) => e.type)).toEqual(["bold", "code", "text_link", "italic"]);
    expect(html).toContain('<a href="https://example.test/a?b=1&amp;c=%222%22">docs</a>');
    expect(html).not.toContain("javascript");
  });

  it("lists stories with linked bold titles, source and time, and bold search matches", () => {
    const reply: Reply = {
      blocks: [
        {
          type: "stories",
          timezone: "UTC",
          stories: [
            { title: "Quake <hits> coast", url: "https://news.example.test/q", source: "Wire & Co", publishedAt: new Date("2026-03-02T09:30:00Z"), breaking: true, snippet: [{ text: "a strong ", match: false }, { text: "quake", match: true }] },
            { title: "Second", url: "https://news.example.test/2", source: "Wire", publishedAt: new Date("2026-03-01T09:30:00Z"), breaking: false },
          ],
        },
      ],
    };
    const seen = parsed(render(reply).text);
    expect(seen.text).toBe("1. 🔴 Quake <hits> coast\nWire & Co · 09:30 UTC\na strong quake\n\n2. Second\nWire · 1 Mar, 09:30 UTC");
    expect(seen.entities.filter((e) => e.type === "text_link").map((e) => e.url)).toEqual(["https://news.example.test/q", "https://news.example.test/2"]);
    const bold = seen.entities.filter((e) => e.type === "bold").map((e) => seen.text.slice(e.offset, e.offset + e.length));
    expect(bold).toEqual(["Quake <hits> coast", "quake", "Second"]);
  });

  it("marks errors and turns buttons into an inline keyboard whose data names the command", () => {
    expect(parsed(render(errorReply("Only chat administrators can do that.")).text).text).toBe("⚠️ Only chat administrators can do that.");
    const withButtons = render({ blocks: [text("x")], buttons: [[{ label: "Unsubscribe world", action: "unsubscribe #3" }], [{ label: "More", action: "search quake page:2" }]] });
    expect(withButtons.replyMarkup).toEqual({
      inline_keyboard: [[{ text: "Unsubscribe world", callback_data: "e:unsubscribe #3" }], [{ text: "More", callback_data: "e:search quake page:2" }]],
    });
    expect(render({ blocks: [text("x")] }).replyMarkup).toBeUndefined();
  });

  it("cuts an over-long reply to 4096 visible characters without breaking markup or escapes", () => {
    const stories = Array.from({ length: 80 }, (_, i) => ({
      title: `Story ${i} & <more> ${"x".repeat(40)}`,
      url: `https://news.example.test/${i}`,
      source: "Wire",
      publishedAt: now,
      breaking: false,
    }));
    const html = render({ blocks: [text({ text: "Results", bold: true }), { type: "stories", stories, timezone: "UTC" }] }).text;
    const seen = parsed(html);
    expect(seen.text.length).toBeLessThanOrEqual(4096);
    expect(seen.text.length).toBeGreaterThan(4000);
    expect(seen.text.endsWith("…")).toBe(true);
  });
});

describe("piecesToHtml", () => {
  it("never splits a surrogate pair or an escape at the cut", () => {
    const html = piecesToHtml([{ text: "a".repeat(8) }, { text: "&😀😀😀", bold: true }], 12);
    const seen = parsed(html);
    expect(seen.text.length).toBeLessThanOrEqual(12);
    expect(seen.text).toBe("aaaaaaaa&😀…");
  });
});
