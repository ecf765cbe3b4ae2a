import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiscordAlert } from "../../src/delivery/render/discord-alert.js";
import { DISCORD_LIMITS, embedLength } from "../../src/delivery/render/discord-embed.js";
import type { DiscordEmbed } from "../../src/delivery/render/discord-embed.js";
import { escapeDiscordMarkdown, truncateEscapedMarkdown } from "../../src/delivery/render/discord-markdown.js";
import { BREAKING_COLOUR, DEFAULT_COLOUR, TOPIC_COLOURS } from "../../src/delivery/render/topic-colours.js";
import { makeAlert, PUBLISHED_AT, SAME_DAY } from "./alert-fixture.js";

const render = (overrides: Parameters<typeof makeAlert>[0] = {}) =>
  renderDiscordAlert(makeAlert(overrides), { now: SAME_DAY });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWithinLimits(embed: DiscordEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(field.value).not.toBe("");
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  const texts = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
  for (const text of texts) {
    if (text !== undefined) expect(LONE_SURROGATE.test(text)).toBe(false);
  }
}

function words(count: number, word = "lorem"): string {
  return Array.from({ length: count }, () => word).join(" ");
}

describe("renderDiscordAlert", () => {
  it("builds one embed with title link, description, footer, timestamp and fields", () => {
    const message = render();
    expect(message.content).toBeUndefined();
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.embeds).toEqual([
      {
        title: "Parliament passes budget",
        url: "https://news.example/story/42",
        description: "The vote came after a night of talks.",
        color: TOPIC_COLOURS.world,
        timestamp: PUBLISHED_AT.toISOString(),
        footer: { text: "Reuters · 14:05 CET" },
        fields: [
          { name: "+2 more", value: "AP, BBC", inline: true },
          { name: "Topics", value: "#world #europe", inline: true },
        ],
      },
    ]);
  });

  it("marks breaking news in the content and paints it red", () => {
    const message = render({ breaking: true, topics: ["sports"] });
    expect(message.content).toBe("🔴 **BREAKING**");
    expect(message.embeds[0].color).toBe(BREAKING_COLOUR);
  });

  it("colours by the first topic, with a default for unknown ones", () => {
    expect(render({ topics: ["Sports", "world"] }).embeds[0].color).toBe(TOPIC_COLOURS.sports);
    expect(render({ topics: ["knitting"] }).embeds[0].color).toBe(DEFAULT_COLOUR);
    expect(render({ topics: ["constructor"] }).embeds[0].color).toBe(DEFAULT_COLOUR);
    expect(render({ topics: [] }).embeds[0].color).toBe(DEFAULT_COLOUR);
  });

  it("escapes markdown in the title and description", () => {
    const [embed] = render({
      title: "*Bold* _claim_ ~~gone~~ `code` ||spoiler||",
      summary: "> quoted\n# Header\n- item\n1. first\nsee [here](https://evil.example) \\o/",
    }).embeds;
    expect(embed.title).toBe("\\*Bold\\* \\_claim\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|");
    expect(embed.description).toBe(
      "\\> quoted\n\\# Header\n\\- item\n1\\. first\nsee \\[here\\](https://evil.example) \\\\o/",
    );
  });

  it("leaves the footer unescaped, since footers show markdown literally", () => {
    expect(render({ source: "Bits_and_Bytes" }).embeds[0].footer?.text).toBe("Bits_and_Bytes · 14:05 CET");
  });

  it("escapes underscores in topic tags, which would otherwise italicise", () => {
    const field = render({ topics: ["middle east", "wall street"] }).embeds[0].fields?.at(-1);
    expect(field?.value).toBe("#middle\\_east #wall\\_street");
  });

  it("neutralises @everyone and @here in every text", () => {
    const message = render({
      title: "@everyone look",
      summary: "hey @here and @Everyone <@123> <@&456>",
      source: "@everyone news",
      moreSources: ["@here"],
    });
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/@(everyone|here)/i);
    expect(json).not.toMatch(/<@/);
    expect(message.embeds[0].title).toBe("@\u200Beveryone look");
    expect(message.embeds[0].footer?.text).toBe("@\u200Beveryone news · 14:05 CET");
  });

  it("keeps every limit with huge data", () => {
    const [embed] = render({
      title: words(200, "title"),
      summary: words(3000),
      source: words(50, "source"),
      moreSources: Array.from({ length: 400 }, (_, i) => `Outlet number ${i}`),
      topics: Array.from({ length: 40 }, (_, i) => `topic_${i}_with_long_name`),
    }).embeds;
    expectWithinLimits(embed);
    expect(embed.title).toMatch(/title…$/);
    expect(embed.description).toMatch(/lorem…$/);
    // Other parts are capped well below 6000 - 4096, so the description gets its full allowance.
    expect(embed.description?.length).toBeGreaterThan(DISCORD_LIMITS.description - 10);
  });

  it("counts escapes against the limits", () => {
    const [embed] = render({ title: "*".repeat(300), summary: "_".repeat(5000) }).embeds;
    expectWithinLimits(embed);
    expect(embed.title).toMatch(/^(\\\*)+…$/);
    expect(embed.description).toMatch(/^(\\_)+…$/);
  });

  it("omits the url and timestamp when they are unusable", () => {
    const [embed] = render({ url: "ftp://files.example/x", publishedAt: new Date(Number.NaN) }).embeds;
    expect(embed.url).toBeUndefined();
    expect(embed.timestamp).toBeUndefined();
    expect(embed.footer?.text).toBe("Reuters");
  });

  it("stays within limits for any data", () => {
    const text = fc.string({ unit: "binary", maxLength: 8000 });
    fc.assert(
      fc.property(text, text, fc.array(fc.string(), { maxLength: 60 }), (title, summary, sources) => {
        const message = renderDiscordAlert(makeAlert({ title, summary, moreSources: sources, topics: sources }), {
          now: SAME_DAY,
        });
        expectWithinLimits(message.embeds[0]);
        expect(JSON.stringify(message)).not.toMatch(/@(everyone|here)/i);
      }),
      { numRuns: 200 },
    );
  });
});

describe("truncateEscapedMarkdown", () => {
  it("drops a backslash a hard cut separated from its character", () => {
    const escaped = escapeDiscordMarkdown("**********", { links: false });
    expect(truncateEscapedMarkdown(escaped, 6)).toBe("\\*\\*…");
    expect(truncateEscapedMarkdown(escaped, 7)).toBe("\\*\\*\\*…");
  });
});
