import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderTelegramAlert, TELEGRAM_TEXT_LIMIT } from "../../src/delivery/render/telegram-alert.js";
import { makeAlert, SAME_DAY } from "./alert-fixture.js";
import { checkTelegramHtml } from "./telegram-html-checker.js";

const render = (overrides: Parameters<typeof makeAlert>[0] = {}) =>
  renderTelegramAlert(makeAlert(overrides), { now: SAME_DAY });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function words(count: number, word = "lorem"): string {
  return Array.from({ length: count }, () => word).join(" ");
}

describe("renderTelegramAlert", () => {
  it("lays out headline, summary, byline, other sources, link and tags", () => {
    const message = render();
    expect(message.parseMode).toBe("HTML");
    expect(message.linkPreviewUrl).toBe("https://news.example/story/42");
    expect(message.text).toBe(
      [
        "<b>Parliament passes budget</b>",
        "",
        "The vote came after a night of talks.",
        "",
        "<i>Reuters · 14:05 CET</i>",
        "<i>+2 more: AP, BBC</i>",
        '<a href="https://news.example/story/42">Read more</a>',
        "#world #europe",
      ].join("\n"),
    );
  });

  it("puts the breaking marker above the headline", () => {
    expect(render({ breaking: true }).text.split("\n")[0]).toBe("🔴 <b>BREAKING</b>");
  });

  it("shows day and month for an alert from another day", () => {
    const message = renderTelegramAlert(makeAlert(), { now: new Date("2024-11-28T09:00:00Z") });
    expect(message.text).toContain("<i>Reuters · 26 Nov, 14:05 CET</i>");
  });

  it("escapes markup in the headline so it arrives as text", () => {
    const { text } = render({ title: "<b>Bold</b> claim & <a href='x'>link</a>" });
    expect(text).toContain("<b>&lt;b&gt;Bold&lt;/b&gt; claim &amp; &lt;a href='x'&gt;link&lt;/a&gt;</b>");
    expect(checkTelegramHtml(text).errors).toEqual([]);
  });

  it("escapes every data field", () => {
    const { text } = render({
      summary: "1 < 2 && 3 > 2",
      source: "<Evil & Co>",
      moreSources: ["A&B", "<i>"],
    });
    const report = checkTelegramHtml(text);
    expect(report.errors).toEqual([]);
    expect(report.visible).toContain("1 < 2 && 3 > 2");
    expect(report.visible).toContain("<Evil & Co> · 14:05 CET");
    expect(report.visible).toContain("+2 more: A&B, <i>");
  });

  it("escapes & in the link's href attribute", () => {
    const { text } = render({ url: "https://news.example/a?b=1&c=2" });
    expect(text).toContain('<a href="https://news.example/a?b=1&amp;c=2">Read more</a>');
  });

  it("leaves out a link that is not http(s)", () => {
    const message = render({ url: "javascript:alert(1)" });
    expect(message.text).not.toContain("<a ");
    expect(message.linkPreviewUrl).toBe("");
  });

  it("makes topic tags safe", () => {
    const { text } = render({ topics: ["Middle-East", "<script>", "Wall St."] });
    expect(text.split("\n").at(-1)).toBe("#middle_east #script #wall_st");
  });

  it("cuts a 10,000-character summary to the limit with valid markup", () => {
    const summary = words(2000).slice(0, 10_000);
    const { text } = render({ summary, title: "Title with <tags> & ampersands" });
    const report = checkTelegramHtml(text);
    expect(report.errors).toEqual([]);
    expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(report.visible.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT - 10);
    expect(report.visible).toContain("lorem lorem…");
    expect(report.visible).toContain("Title with <tags> & ampersands");
    expect(text).toContain('<a href="https://news.example/story/42">Read more</a>');
  });

  it("counts escaped characters once, as Telegram does", () => {
    // 10,000 ampersands are 50,000 characters of HTML but only 10,000 visible ones.
    const { text } = render({ summary: words(2500, "&&&") });
    const report = checkTelegramHtml(text);
    expect(report.errors).toEqual([]);
    expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(report.visible.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT - 10);
    expect(text.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT * 3);
  });

  it("never splits an emoji when cutting", () => {
    const { text } = render({ summary: "😀".repeat(6000) });
    const report = checkTelegramHtml(text);
    expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(LONE_SURROGATE.test(report.visible)).toBe(false);
    expect(report.visible).toContain("😀…");
  });

  it("cuts the headline too once the summary is gone", () => {
    const { text } = render({ title: words(1500, "huge"), summary: words(100) });
    const report = checkTelegramHtml(text);
    expect(report.errors).toEqual([]);
    expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(report.visible).not.toContain("lorem");
    expect(report.visible).toContain("huge huge…");
  });

  it("stays valid and within the limit for any data", () => {
    const text = fc.string({ unit: "binary", maxLength: 6000 });
    fc.assert(
      fc.property(text, text, fc.array(fc.string(), { maxLength: 40 }), fc.boolean(), (title, summary, topics, breaking) => {
        const message = renderTelegramAlert(makeAlert({ title, summary, topics, breaking, moreSources: topics }), {
          now: SAME_DAY,
        });
        const report = checkTelegramHtml(message.text);
        expect(report.errors).toEqual([]);
        expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
        expect(LONE_SURROGATE.test(report.visible)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("cuts long summaries full of markup characters and emoji at the exact limit", () => {
    const piece = fc.constantFrom("&", "<", ">", '"', "😀", "👨‍👩‍👧", " ", "\n", "word", "&amp;", "<b>");
    const longText = fc.array(piece, { minLength: 3000, maxLength: 6000 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(longText, fc.string({ maxLength: 300 }), (summary, title) => {
        const { text } = renderTelegramAlert(makeAlert({ title, summary }), { now: SAME_DAY });
        const report = checkTelegramHtml(text);
        expect(report.errors).toEqual([]);
        expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
        expect(LONE_SURROGATE.test(report.visible)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
