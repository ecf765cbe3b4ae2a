import { ButtonStyle, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import { errorReply, text, type Reply } from "../../../commands/reply.js";
import { ButtonActions } from "../../../src/platforms/discord/button-actions.js";
import { renderReplyForDiscord, spanMarkdown } from "../../../src/platforms/discord/render-reply.js";

const PUBLISHED = new Date("2024-11-26T13:05:00Z");

describe("renderReplyForDiscord", () => {
  it("escapes user data so it neither formats the reply nor mentions anyone", () => {
    const body = renderReplyForDiscord({ blocks: [text('There is no topic "*spicy* __news__ @everyone <@123>".')] });
    expect(body.content).toBe('There is no topic "\\*spicy\\* \\_\\_news\\_\\_ @\u200Beveryone <\u200B@123>".');
    expect(body.allowedMentions).toEqual({ parse: [] });
    expect(body.components).toEqual([]);
  });

  it("renders bold, italic, code and safe links, and drops links that are not http(s)", () => {
    expect(spanMarkdown({ text: "Topics", bold: true })).toBe("**Topics**");
    expect(spanMarkdown({ text: "soon", italic: true })).toBe("*soon*");
    expect(spanMarkdown({ text: "/subscribe `x`", code: true })).toBe("`/subscribe ˋxˋ`");
    expect(spanMarkdown({ text: "the [story]", href: "https://news.example/a b" })).toBe("[the \\[story\\]](<https://news.example/a%20b>)");
    expect(spanMarkdown({ text: "click", href: "javascript:alert(1)" })).toBe("click");
  });

  it("lists items and stories with a masked link, the source and a time each reader sees in their own zone", () => {
    const reply: Reply = {
      blocks: [
        { type: "list", items: [[{ text: "world", code: true }, " — instant"]] },
        {
          type: "stories",
          timezone: "UTC",
          stories: [{ title: "Rates *rise*", url: "https://news.example/1", source: "Wire_Service", publishedAt: PUBLISHED, breaking: true, snippet: [{ text: "rates", match: true }, { text: " went up", match: false }] }],
        },
      ],
    };
    expect(renderReplyForDiscord(reply).content).toBe(
      "• `world` — instant\n\n" + `**1.** 🔴 [Rates \\*rise\\*](<https://news.example/1>)\nWire\\_Service · <t:${PUBLISHED.getTime() / 1000}:R>\n> **rates** went up`,
    );
  });

  it("turns buttons into rows whose custom_id is the command line, without duplicates", () => {
    const reply: Reply = {
      blocks: [text("This chat follows:")],
      buttons: [[{ label: "Unsubscribe world", action: "unsubscribe #3" }], [{ label: "Again", action: "unsubscribe #3" }, { label: "More", action: "search x page:2" }]],
    };
    expect(renderReplyForDiscord(reply).components).toEqual([
      { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: "unsubscribe #3", label: "Unsubscribe world" }] },
      { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: "search x page:2", label: "More" }] },
    ]);
  });

  it("moves a reply too long for the content into an embed, within the description's limit", () => {
    const long = renderReplyForDiscord({ blocks: [text("word ".repeat(1000))] });
    expect(long.content).toBeUndefined();
    expect(long.embeds?.[0]?.description?.length).toBeLessThanOrEqual(4096);
    expect(long.embeds?.[0]?.description?.endsWith("…")).toBe(true);
  });

  it("marks errors; whether the reply is ephemeral is for the caller to flag", () => {
    const body = renderReplyForDiscord(errorReply("You need Manage Channels."));
    expect(body.content).toBe("⚠️ You need Manage Channels.");
    expect(body).not.toHaveProperty("flags");
  });
});

describe("ButtonActions", () => {
  it("keeps short command lines in the custom_id and stores long ones until they expire", () => {
    const actions = new ButtonActions(2);
    expect(actions.encode("unsubscribe #3")).toBe("unsubscribe #3");
    const long = `search ${"word ".repeat(30)} page:2`;
    const key = actions.encode(long);
    expect(key.length).toBeLessThanOrEqual(100);
    expect(actions.decode(key)).toBe(long);
    actions.encode(long + "a");
    actions.encode(long + "b");
    expect(actions.decode(key)).toBeUndefined();
    expect(actions.decode("unsubscribe #3")).toBe("unsubscribe #3");
  });
});
