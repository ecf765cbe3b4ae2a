// The real `newsflash start` child process against the fake Telegram Bot API: what users in
// private chats, groups, forum topics and channels see, and what happens when chats go away.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { openSqlite } from "../../src/db/open-database.js";
import { allSubscriptions } from "../../src/db/subscription-queries.js";
import { startFakeTelegram, telegramErrors, type FakeTelegram, type SentMessage } from "../fakes/telegram/index.js";
import { childEnv, repoRoot, runCli, startCli } from "../helpers/run-cli.js";
import { waitUntil } from "../platforms/telegram/wait-until.js";

const ADA = 42; // private chat; administers the channel
const BOB = 43; // private chat; blocks the bot
const CAROL = 50; // admin of every group
const DAVE = 51; // ordinary member
const NEWSROOM = -100; // group
const OLD_GROUP = -200; // group that upgrades to a supergroup
const SUPERGROUP = -1000000000200;
const FORUM = -1001000000300; // supergroup with topics
const TOPIC = 7;
const LEAVING = -400; // group that removes the bot
const JOINING = -500; // group that adds the bot
const CHANNEL = -1001000000600;

const dir = mkdtempSync(join(tmpdir(), "newsflash-telegram-"));
const databaseUrl = join(dir, "bot.db");
let tg: FakeTelegram;
let bot: ReturnType<typeof startCli>;

function env(fake: FakeTelegram) {
  return childEnv({ DATABASE_URL: databaseUrl, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: "info" });
}

/** The user sends `text`; resolves with the bot's next message in that chat. */
async function say(chatId: number, userId: number, text: string, threadId?: number): Promise<SentMessage> {
  const before = tg.messages(chatId).length;
  tg.userSends(chatId, userId, text, threadId === undefined ? {} : { threadId });
  return waitUntil(`a reply to ${JSON.stringify(text)} in chat ${chatId}\n${bot.stderr}`, () => tg.messages(chatId)[before]);
}

const alerts = (chatId: number) => tg.messages(chatId).filter((m) => m.text.includes("Read more"));

async function subscriptionsByChat() {
  const opened = openSqlite(databaseUrl);
  if (opened.status === "error") throw new Error(opened.error);
  try {
    const subs = await allSubscriptions(opened.db, { activeOnly: false });
    return subs.filter((s) => s.platform === "telegram").map((s) => ({ chatId: s.chatId, threadId: s.threadId, topic: s.topicSlug, active: s.active }));
  } finally {
    await opened.db.destroy();
  }
}

beforeAll(async () => {
  tg = await startFakeTelegram();
  tg.addUser({ id: ADA, first_name: "Ada" });
  tg.addUser({ id: BOB, first_name: "Bob" });
  tg.addUser({ id: CAROL, first_name: "Carol" });
  tg.addUser({ id: DAVE, first_name: "Dave" });
  tg.addChat({ id: ADA, type: "private" });
  tg.addChat({ id: BOB, type: "private" });
  tg.addChat({ id: NEWSROOM, type: "group", title: "Newsroom" });
  tg.addChat({ id: OLD_GROUP, type: "group", title: "Old Group" });
  tg.addChat({ id: FORUM, type: "supergroup", title: "Forum", is_forum: true });
  tg.addChat({ id: LEAVING, type: "group", title: "Leaving" });
  tg.addChat({ id: JOINING, type: "group", title: "Joining" });
  tg.addChat({ id: CHANNEL, type: "channel", title: "Wire Channel", username: "wirechannel" });
  for (const group of [NEWSROOM, OLD_GROUP, FORUM, LEAVING, JOINING]) tg.setMember(group, CAROL, "administrator");
  tg.setMember(NEWSROOM, DAVE, "member");
  tg.setMember(CHANNEL, ADA, "administrator", { can_post_messages: true });
  tg.setMember(JOINING, tg.botInfo.id, "left");

  bot = startCli(["start"], { env: env(tg) });
  await tg.waitForPoll(15_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\nstderr:\n${bot.stderr}`);
  });
});

afterAll(async () => {
  bot?.child.kill("SIGKILL");
  await tg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("newsflash on Telegram (real bot process, fake Bot API)", () => {
  it("welcomes a private user with /start and publishes the command menu once at start-up", async () => {
    const welcome = await say(ADA, ADA, "/start");
    expect(welcome.parse_mode).toBe("HTML");
    expect(welcome.raw_text).toContain("<b>Welcome to newsflash!</b>");
    expect(welcome.text).toContain("/subscribe world");
    expect(tg.commands().map((c) => c.command)).toEqual(commands.map((c) => c.name));
    expect(tg.calls.filter((c) => c.method === "setMyCommands")).toHaveLength(1);
  });

  it("refuses a group member who is not an admin, lets an admin subscribe, and ignores other bots' commands", async () => {
    const refusal = await say(NEWSROOM, DAVE, "/subscribe world");
    expect(refusal.text).toContain("Only chat administrators can change this chat's subscriptions");

    const done = await say(NEWSROOM, CAROL, "/subscribe@newsflash_test_bot world");
    expect(done.text).toContain("Subscribed: this chat now follows World (world).");

    const before = tg.messages(NEWSROOM).length;
    tg.userSends(NEWSROOM, DAVE, "/help@OtherBot");
    const help = await say(NEWSROOM, DAVE, "/help");
    expect(help.text).toContain("I send breaking-news alerts");
    // The reply to /help is the only message since /help@OtherBot.
    expect(tg.messages(NEWSROOM)).toHaveLength(before + 1);
  });

  it("subscribes a channel from a private chat only for the channel's admins", async () => {
    const refused = await say(BOB, BOB, "/subscribe world channel:@wirechannel");
    expect(refused.text).toContain("Only administrators of Wire Channel can subscribe it.");
    const done = await say(ADA, ADA, "/subscribe world channel:@wirechannel");
    expect(done.text).toContain("Subscribed: Wire Channel now follows World (world).");
  });

  it("delivers alerts as escaped HTML to private chats, topics and channels; handles blocked, removed and upgraded chats", async () => {
    expect((await say(ADA, ADA, "/subscribe world")).text).toContain("Subscribed");
    expect((await say(BOB, BOB, "/subscribe world")).text).toContain("Subscribed");
    expect((await say(OLD_GROUP, CAROL, "/subscribe world")).text).toContain("Subscribed");
    expect((await say(FORUM, CAROL, "/subscribe world", TOPIC)).text).toContain("Subscribed");
    expect((await say(LEAVING, CAROL, "/subscribe world")).text).toContain("Subscribed");

    // Removed from a group: its subscription stops at once, before any alert bounces.
    tg.changeBotMembership(LEAVING, CAROL, "kicked");
    await waitUntil("the removed group's subscription to be deactivated", async () =>
      (await subscriptionsByChat()).some((s) => s.chatId === String(LEAVING) && !s.active),
    );
    // Added to a group: a short hello that points to /help.
    tg.changeBotMembership(JOINING, CAROL, "member");
    const hello = await waitUntil("the hello message", () => tg.messages(JOINING)[0]);
    expect(hello.text).toContain("/help");

    tg.failNext("sendMessage", telegramErrors.blockedByUser(), { chatId: BOB });
    tg.migrateChat(OLD_GROUP, SUPERGROUP);
    const imported = await runCli(["import", join(repoRoot, "tests/fixtures/two-world-stories.xml")], { env: env(tg) });
    expect(imported.code, imported.stderr).toBe(0);

    const councilHeadline = "UN Security Council meets over border clashes";
    for (const chat of [ADA, SUPERGROUP, FORUM, CHANNEL, NEWSROOM]) {
      await waitUntil(`two alerts in chat ${chat}\n${bot.stderr}`, () => alerts(chat).length === 2, 15_000);
    }
    const alert = alerts(ADA).find((m) => m.text.includes(councilHeadline));
    expect(alert?.parse_mode).toBe("HTML");
    expect(alert?.raw_text).toContain(`<b>${councilHeadline}</b>`);
    expect(alert?.raw_text).toMatch(/<a href="https:\/\/wire\.example\.test\/world\/council-meets[^"]*">Read more<\/a>/);
    expect(alert?.reply_markup).toMatchObject({ inline_keyboard: [[{ text: "Mute 1h" }]] });
    const sendCall = tg.calls.find((c) => c.method === "sendMessage" && c.payload.chat_id === ADA && String(c.payload.text).includes(councilHeadline));
    expect(sendCall?.payload.link_preview_options).toMatchObject({ url: expect.stringContaining("https://wire.example.test/world/council-meets") });

    expect(alerts(FORUM).every((m) => m.message_thread_id === TOPIC)).toBe(true);
    // Every subscriber of a channel would see the button; only its admins may use it.
    expect(alerts(CHANNEL).every((m) => m.reply_markup === undefined)).toBe(true);
    expect(alerts(OLD_GROUP)).toHaveLength(0);
    expect(alerts(BOB)).toHaveLength(0);
    expect(alerts(LEAVING)).toHaveLength(0);

    const subs = await subscriptionsByChat();
    expect(subs).toContainEqual({ chatId: String(BOB), threadId: null, topic: "world", active: false });
    expect(subs).toContainEqual({ chatId: String(SUPERGROUP), threadId: null, topic: "world", active: true });
    expect(subs).toContainEqual({ chatId: String(FORUM), threadId: String(TOPIC), topic: "world", active: true });
  });

  it("renders markup in a headline as text", async () => {
    const imported = await runCli(["import", join(repoRoot, "tests/platforms/telegram/fixtures/html-injection.xml")], { env: env(tg) });
    expect(imported.code, imported.stderr).toBe(0);
    const alert = await waitUntil(`the injected headline\n${bot.stderr}`, () => alerts(ADA).find((m) => m.text.includes("Embassy in Lisbon")), 15_000);
    expect(alert.raw_text).toContain("<b>Embassy in Lisbon reopens &lt;b&gt;today&lt;/b&gt; after flood &amp; repairs</b>");
    expect(alert.text).toContain("Embassy in Lisbon reopens <b>today</b> after flood & repairs");
    // Only the whole headline is bold: the <b> from the feed made no entity of its own.
    expect(alert.entities.filter((e) => e.type === "bold").map((e) => alert.text.slice(e.offset, e.offset + e.length))).toEqual([
      "Embassy in Lisbon reopens <b>today</b> after flood & repairs",
    ]);
  });

  it("mutes the chat from the button under an alert, answering with a new message and leaving the alert as it was", async () => {
    const alert = alerts(ADA)[0];
    const keyboard = alert.reply_markup && "inline_keyboard" in alert.reply_markup ? alert.reply_markup.inline_keyboard : [];
    const mute = keyboard[0]?.[0];
    const before = tg.messages(ADA).length;
    const queryId = tg.pressButton(ADA, ADA, alert.message_id, mute && "callback_data" in mute ? mute.callback_data : "");
    const answer = await waitUntil("the answer to Mute 1h", () => tg.messages(ADA)[before]);
    expect(answer.text).toContain("Muted until");
    expect(tg.callbackAnswer(queryId)).toBeDefined();
    expect(tg.messages(ADA).find((m) => m.message_id === alert.message_id)?.edit_count).toBe(0);
  });

  it("runs the unsubscribe button under /subscriptions, answering the button press first", async () => {
    const list = await say(ADA, ADA, "/subscriptions");
    expect(list.text).toContain("This chat follows:");
    const button = list.reply_markup && "inline_keyboard" in list.reply_markup ? list.reply_markup.inline_keyboard[0]?.[0] : undefined;
    expect(button?.text).toBe("Unsubscribe world");
    const data = button && "callback_data" in button ? button.callback_data : "";

    const pressedAt = Date.now();
    const queryId = tg.pressButton(ADA, ADA, list.message_id, data);
    await waitUntil("the list to be edited", () => tg.messages(ADA).find((m) => m.message_id === list.message_id && m.edit_count > 0));
    const answer = await tg.waitFor((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === queryId);
    expect(answer.at - pressedAt).toBeLessThan(1000);
    expect(tg.callbackAnswer(queryId)).toBeDefined();
    const edited = tg.messages(ADA).find((m) => m.message_id === list.message_id);
    expect(edited?.text).toBe("Unsubscribed from world.");
    expect(edited?.reply_markup).toBeUndefined();
    expect((await say(ADA, ADA, "/subscriptions")).text).toContain("This chat follows nothing yet");
  });

  it("refuses a group's unsubscribe button to a non-admin without touching the list", async () => {
    const list = await say(NEWSROOM, CAROL, "/subscriptions");
    const button = list.reply_markup && "inline_keyboard" in list.reply_markup ? list.reply_markup.inline_keyboard[0]?.[0] : undefined;
    const data = button && "callback_data" in button ? button.callback_data : "";
    const before = tg.messages(NEWSROOM).length;
    tg.pressButton(NEWSROOM, DAVE, list.message_id, data);
    const refusal = await waitUntil("the refusal", () => tg.messages(NEWSROOM)[before]);
    expect(refusal.text).toContain("Only chat administrators");
    expect(tg.messages(NEWSROOM).find((m) => m.message_id === list.message_id)?.edit_count).toBe(0);
  });

  it("never writes the bot token to its logs and stops cleanly on SIGTERM", async () => {
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.stderr).not.toContain(tg.token.split(":")[1]);
  });
});

describe("newsflash register-commands", () => {
  it("publishes the command menu with every command's name and description", async () => {
    const fresh = await startFakeTelegram();
    try {
      const result = await runCli(["register-commands"], { env: env(fresh) });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`telegram: ${commands.length} commands registered`);
      expect(fresh.commands()).toEqual(commands.map((c) => ({ command: c.name, description: c.description })));
    } finally {
      await fresh.close();
    }
  });
});
