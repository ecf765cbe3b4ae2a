// Digests as each platform shows them: within every limit, data escaped, nobody pinged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Digest, DigestHeadline } from "../../src/delivery/digest.js";
import { renderConsoleDigest } from "../../src/delivery/render/console-digest.js";
import { digestAsAlert } from "../../src/delivery/render/digest-as-alert.js";
import { renderDiscordDigest } from "../../src/delivery/render/discord-digest.js";
import { DISCORD_LIMITS, embedLength } from "../../src/delivery/render/discord-embed.js";
import { renderTelegramDigest } from "../../src/delivery/render/telegram-digest.js";
import { TELEGRAM_TEXT_LIMIT } from "../../src/delivery/render/telegram-alert.js";
import { SAME_DAY } from "./alert-fixture.js";
import { checkTelegramHtml } from "./telegram-html-checker.js";

function headline(over: Partial<DigestHeadline> = {}): DigestHeadline {
  return { storyId: 1, title: "Dam bursts", url: "https://news.example/a", source: "Reuters", publishedAt: new Date("2024-11-26T13:05:00Z"), breaking: false, otherSources: 0, ...over };
}

function digest(over: Partial<Digest> = {}): Digest {
  return {
    reason: "scheduled",
    total: 3,
    more: 1,
    timezone: "Europe/Berlin",
    sections: [
      { topic: "world", headlines: [headline({ breaking: true, otherSources: 2 }), headline({ storyId: 2, title: "Summit ends" })] },
      { topic: '"interest rates"', headlines: [headline({ storyId: 3, title: "Rates <held> & steady", url: "https://news.example/b?q=(1)" })] },
    ],
    ...over,
  };
}

describe("renderTelegramDigest", () => {
  it("lays out the heading, each topic in bold and its headlines as links", () => {
    const message = renderTelegramDigest(digest(), { now: SAME_DAY });
    expect(message.text).toBe(
      [
        "<b>📰 Your news digest · 3 stories</b>",
        "",
        "<b>World</b>",
        '• 🔴 <a href="https://news.example/a">Dam bursts</a>',
        "   <i>Reuters · 14:05 CET · +2 sources</i>",
        '• <a href="https://news.example/a">Summit ends</a>',
        "   <i>Reuters · 14:05 CET</i>",
        "",
        "<b>&quot;interest rates&quot;</b>",
        '• <a href="https://news.example/b?q=(1)">Rates &lt;held&gt; &amp; steady</a>',
        "   <i>Reuters · 14:05 CET</i>",
        "",
        "<i>…and 1 more story</i>",
      ].join("\n"),
    );
    expect(checkTelegramHtml(message.text).errors).toEqual([]);
  });

  it("stays valid and within 4,096 visible characters for any ten headlines", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 600 }), { minLength: 10, maxLength: 10 }), fc.string({ maxLength: 200 }), (titles, source) => {
        const many = digest({ sections: [{ topic: "world", headlines: titles.map((title, i) => headline({ storyId: i, title, source })) }], total: 10, more: 0 });
        const report = checkTelegramHtml(renderTelegramDigest(many, { now: SAME_DAY }).text);
        expect(report.errors).toEqual([]);
        expect(report.visible.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      }),
      { numRuns: 100 },
    );
  });
});

describe("renderDiscordDigest", () => {
  it("puts headlines as masked links in one embed, escapes markdown and pings nobody", () => {
    const message = renderDiscordDigest(digest({ sections: [{ topic: "world", headlines: [headline({ title: "@everyone *look* [here](https://evil.example)", url: "https://news.example/a_(b)" })] }] }), { now: SAME_DAY });
    expect(message.allowedMentions).toEqual({ parse: [] });
    const description = message.embeds[0].description ?? "";
    expect(description).toContain("[@\u200Beveryone \\*look\\* \\[here\\](https://evil.example)](https://news.example/a_%28b%29)");
    expect(message.embeds[0].title).toBe("📰 Your news digest · 3 stories");
    expect(message.embeds[0].footer?.text).toBe("…and 1 more story");
  });

  it("stays within the embed limits for any ten headlines", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 1000 }), { minLength: 10, maxLength: 10 }), (titles) => {
        const many = digest({ sections: titles.map((title, i) => ({ topic: `topic-${i}`, headlines: [headline({ storyId: i, title })] })), total: 10, more: 0 });
        const embed = renderDiscordDigest(many, { now: SAME_DAY }).embeds[0];
        expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      }),
      { numRuns: 100 },
    );
  });
});

describe("digests elsewhere", () => {
  it("reads on the console, and as an alert on a platform without digests", () => {
    const text = renderConsoleDigest(digest({ reason: "quiet-hours", more: 0 }), { now: SAME_DAY });
    expect(text.split("\n").slice(0, 4)).toEqual(["🌙 While your quiet hours were on · 3 stories", "", "World", "1. 🔴 Dam bursts"]);
    const alert = digestAsAlert(digest(), SAME_DAY);
    expect(alert).toMatchObject({ title: "📰 Your news digest · 3 stories", url: "https://news.example/a", topics: ["world"], breaking: false });
    expect(alert.summary.split("\n")).toEqual(["World:", "• Dam bursts (Reuters)", "• Summit ends (Reuters)", '"interest rates":', "• Rates <held> & steady (Reuters)", "…and 1 more story"]);
  });
});
