// The dispatcher's side of the adapter against the fake: sends, edits, digests and the errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../../src/delivery/digest.js";
import { telegramErrors, type FakeTelegram } from "../../fakes/telegram/index.js";
import { makeAlert } from "../../delivery/alert-fixture.js";
import { startHarness, type Harness } from "./adapter-harness.js";

const ADA = 42;
const FORUM = -1001000000300;
const CHANNEL = -1001000000600;

let h: Harness;
let tg: FakeTelegram;

beforeAll(async () => {
  h = await startHarness({
    start: false,
    setup: (fake) => {
      fake.addUser({ id: ADA, first_name: "Ada" });
      fake.addChat({ id: ADA, type: "private" });
      fake.addChat({ id: FORUM, type: "supergroup", title: "Forum", is_forum: true });
      fake.addChat({ id: CHANNEL, type: "channel", title: "Wire Channel" });
    },
  });
  tg = h.tg;
});
afterAll(() => h.close());

const target = (chatId: number, threadId: string | null = null) => ({ chatId: String(chatId), threadId });

describe("alerts", () => {
  it("sends HTML with the story's link preview and a Mute 1h button", async () => {
    const result = await h.adapter.send(target(ADA), makeAlert({ title: "Budget <b>passes</b>" }));
    expect(result).toMatchObject({ status: "sent" });
    const [message] = tg.messages(ADA);
    expect(message?.raw_text).toContain("<b>Budget &lt;b&gt;passes&lt;/b&gt;</b>");
    expect(message?.reply_markup).toEqual({ inline_keyboard: [[{ text: "Mute 1h", callback_data: "s:mute 1h" }]] });
    const call = tg.calls.find((c) => c.method === "sendMessage");
    expect(call?.payload.link_preview_options).toEqual({ url: "https://news.example/story/42" });
  });

  it("turns the preview off when the story has no usable link, and leaves the button out in channels", async () => {
    expect(await h.adapter.send(target(CHANNEL), makeAlert({ url: "javascript:alert(1)" }))).toMatchObject({ status: "sent" });
    const call = tg.calls.filter((c) => c.method === "sendMessage").at(-1);
    expect(call?.payload.link_preview_options).toEqual({ is_disabled: true });
    expect(tg.messages(CHANNEL)[0]?.reply_markup).toBeUndefined();
  });

  it("posts into the forum topic, and into the main thread when the topic is gone", async () => {
    expect(await h.adapter.send(target(FORUM, "7"), makeAlert())).toMatchObject({ status: "sent" });
    expect(tg.messages(FORUM)[0]?.message_thread_id).toBe(7);
    tg.failNext("sendMessage", telegramErrors.badRequest("message thread not found"));
    expect(await h.adapter.send(target(FORUM, "8"), makeAlert())).toMatchObject({ status: "sent" });
    expect(tg.messages(FORUM)[1]?.message_thread_id).toBeUndefined();
  });

  it("reports Telegram's refusals as the dispatcher's classes", async () => {
    expect(await h.adapter.send(target(-999), makeAlert())).toMatchObject({ status: "gone", error: "sendMessage: 400 Bad Request: chat not found" });
    tg.failNext("sendMessage", telegramErrors.tooManyRequests(5));
    expect(await h.adapter.send(target(ADA), makeAlert())).toMatchObject({ status: "retry-after", retryAfterMs: 5000, scope: "chat" });
    tg.failNext("sendMessage", "drop");
    expect(await h.adapter.send(target(ADA), makeAlert())).toMatchObject({ status: "transient" });
    expect(h.adapter.isGroupChat?.(String(FORUM))).toBe(true);
    expect(h.adapter.isGroupChat?.(String(ADA))).toBe(false);
  });

  it("edits an alert in place, keeping its button; an unchanged edit counts as sent", async () => {
    const sent = await h.adapter.send(target(ADA), makeAlert({ moreSources: [] }));
    if (sent.status !== "sent") throw new Error(`not sent: ${JSON.stringify(sent)}`);
    const grown = makeAlert({ moreSources: ["AP", "BBC"] });
    expect(await h.adapter.edit?.(target(ADA), sent.messageId, grown)).toEqual({ status: "sent", messageId: sent.messageId });
    const edited = tg.messages(ADA).find((m) => String(m.message_id) === sent.messageId);
    expect(edited?.edit_count).toBe(1);
    expect(edited?.text).toContain("AP");
    expect(edited?.reply_markup).toBeDefined();
    expect(await h.adapter.edit?.(target(ADA), sent.messageId, grown)).toEqual({ status: "sent", messageId: sent.messageId });
    expect(await h.adapter.edit?.(target(ADA), "99999", grown)).toMatchObject({ status: "rejected" });
  });

  it("sends a digest as one HTML message without a preview", async () => {
    const digest: Digest = {
      reason: "scheduled",
      total: 1,
      more: 0,
      timezone: "UTC",
      sections: [{ topic: "world", headlines: [{ storyId: 1, title: "Talks & <more>", url: "https://news.example/1", source: "Wire", publishedAt: new Date(), breaking: false, otherSources: 0 }] }],
    };
    expect(await h.adapter.sendDigest?.(target(ADA), digest)).toMatchObject({ status: "sent" });
    expect(tg.messages(ADA).at(-1)?.text).toContain("Talks & <more>");
    expect(tg.calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.link_preview_options).toEqual({ is_disabled: true });
  });
});
