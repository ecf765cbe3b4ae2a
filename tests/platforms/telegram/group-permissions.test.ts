// Who may change what, in-process against the fake: group admins (cached), anonymous admins,
// channel posts, and subscribing a channel from a private chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram, SentMessage } from "../../fakes/telegram/index.js";
import { startHarness, type Harness } from "./adapter-harness.js";
import { waitUntil } from "./wait-until.js";

const ADA = 42;
const CAROL = 50;
const GROUP = -100;
const CHANNEL = -1001000000600;
const MUTE_CHANNEL = -1001000000700;

let h: Harness;
let tg: FakeTelegram;

beforeAll(async () => {
  h = await startHarness({
    setup: (fake) => {
      fake.addUser({ id: ADA, first_name: "Ada" });
      fake.addUser({ id: CAROL, first_name: "Carol" });
      fake.addChat({ id: ADA, type: "private" });
      fake.addChat({ id: GROUP, type: "supergroup", title: "Newsroom" });
      fake.addChat({ id: CHANNEL, type: "channel", title: "Wire Channel", username: "wirechannel" });
      fake.addChat({ id: MUTE_CHANNEL, type: "channel", title: "Quiet Channel", username: "quietchannel" });
      fake.setMember(GROUP, CAROL, "administrator");
      fake.setMember(CHANNEL, ADA, "administrator");
      fake.setMember(MUTE_CHANNEL, ADA, "creator");
      // In this channel the bot is an admin who may not post.
      fake.setMember(MUTE_CHANNEL, fake.botInfo.id, "administrator", { can_post_messages: false });
    },
  });
  tg = h.tg;
  await tg.waitForPoll(5000);
});
afterAll(() => h.close());

async function say(chatId: number, userId: number, text: string): Promise<SentMessage> {
  const before = tg.messages(chatId).length;
  tg.userSends(chatId, userId, text);
  return waitUntil(`a reply to ${text}`, () => tg.messages(chatId)[before]);
}

describe("group admins", () => {
  it("asks Telegram once per admin and minute, not once per command", async () => {
    expect((await say(GROUP, CAROL, "/subscribe world")).text).toContain("Subscribed");
    expect((await say(GROUP, CAROL, "/subscribe sports")).text).toContain("Subscribed");
    expect((await say(GROUP, CAROL, "/unsubscribe sports")).text).toContain("Unsubscribed");
    expect(tg.calls.filter((c) => c.method === "getChatMember" && c.payload.user_id === CAROL)).toHaveLength(1);
  });

  it("trusts an anonymous admin, who posts as the group itself", async () => {
    const group = { id: GROUP, type: "supergroup" as const, title: "Newsroom" };
    const before = tg.messages(GROUP).length;
    tg.injectUpdate({
      message: {
        message_id: 900, date: Math.floor(Date.now() / 1000), chat: group, sender_chat: group,
        from: { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
        text: "/subscribe business", entities: [{ type: "bot_command", offset: 0, length: 10 }],
      },
    });
    const reply = await waitUntil("the anonymous admin's reply", () => tg.messages(GROUP)[before]);
    expect(reply.text).toContain("Subscribed");
  });

  it("lets anyone read: /latest, /topics and /help need no admin check", async () => {
    const calls = tg.calls.filter((c) => c.method === "getChatMember").length;
    tg.addUser({ id: 77, first_name: "Eve" });
    expect((await say(GROUP, 77, "/topics")).text.length).toBeGreaterThan(0);
    expect(tg.calls.filter((c) => c.method === "getChatMember")).toHaveLength(calls);
  });
});

describe("channels", () => {
  it("takes commands posted in the channel itself, which only its admins can do", async () => {
    const reply = await say(CHANNEL, ADA, "/subscribe world");
    expect(reply.text).toContain("Subscribed: this chat now follows World (world).");
  });

  it("explains each reason it cannot subscribe a channel from a private chat", async () => {
    expect((await say(ADA, ADA, "/subscribe world channel:@nosuchchannel")).text).toContain("I can't find the channel @nosuchchannel");
    expect((await say(ADA, ADA, "/subscribe world channel:@quietchannel")).text).toContain("I need to be an administrator of Quiet Channel with the right to post messages");
    expect((await say(ADA, ADA, `/subscribe world channel:${GROUP}`)).text).toContain("Newsroom is a group, not a channel");
    expect((await say(ADA, ADA, "/subscribe world channel:not/a/channel")).text).toContain("is not a channel");
    const done = await say(ADA, ADA, `/subscribe world channel:${CHANNEL}`);
    // Subscribed before (from inside the channel): same subscription.
    expect(done.text).toContain("Wire Channel already follows World (world).");
  });
});
