// The fake Telegram server, driven by the real grammY Bot (long polling and @grammyjs/runner).
import { run } from "@grammyjs/runner";
import { Bot, GrammyError, HttpError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, telegramErrors, type FakeTelegram } from "./index.js";

let tg: FakeTelegram;
let teardown: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  tg = await startFakeTelegram();
});

afterEach(async () => {
  for (const step of teardown.reverse()) await step();
  teardown = [];
  await tg.close();
});

function newBot(): Bot {
  return new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
}

/** Starts bot.start() long polling; the bot is stopped (and its errors checked) after the test. */
function startPolling(bot: Bot): void {
  const handlerErrors: unknown[] = [];
  bot.catch((err) => void handlerErrors.push(err.error));
  const running = bot.start();
  running.catch(() => undefined); // awaited below, after stop()
  teardown.push(async () => {
    await bot.stop();
    await running;
    expect(handlerErrors).toEqual([]);
  });
}

/** The GrammyError a call fails with; fails the test if the call succeeds. */
async function grammyError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

function addAda(): void {
  tg.addUser({ id: 42, first_name: "Ada", username: "ada" });
  tg.addChat({ id: 42, type: "private" });
}

describe("receiving updates", () => {
  it("delivers an injected /start to bot.start() and records the HTML reply", async () => {
    addAda();
    const bot = newBot();
    bot.command("start", (ctx) => ctx.reply("Welcome, <b>Ada</b> &amp; friends", { parse_mode: "HTML" }));
    startPolling(bot);

    const update = tg.userSends(42, 42, "/start");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    const call = await tg.waitFor("sendMessage");
    expect(call.response).toMatchObject({
      ok: true,
      result: { message_id: 2, chat: { id: 42, type: "private" }, from: { id: tg.botInfo.id, is_bot: true }, text: "Welcome, Ada & friends" },
    });
    expect(tg.messages(42)).toMatchObject([{
      message_id: 2,
      text: "Welcome, Ada & friends",
      entities: [{ type: "bold", offset: 9, length: 3 }],
      raw_text: "Welcome, <b>Ada</b> &amp; friends",
      parse_mode: "HTML",
    }]);
  });

  it("routes /help@<bot username> in a group to bot.command under @grammyjs/runner", async () => {
    tg.addChat({ id: -1001, type: "group", title: "Newsroom" });
    tg.addUser({ id: 7, first_name: "Bo" });
    const bot = newBot();
    bot.command("help", (ctx) => ctx.reply(`help for ${ctx.chat.type === "group" ? ctx.chat.title : "?"}`));
    const runner = run(bot);
    teardown.push(async () => runner.isRunning() && (await runner.stop()));

    tg.userSends(-1001, 7, "/help@some_other_bot");
    tg.userSends(-1001, 7, `/help@${tg.botInfo.username}`);

    await tg.waitFor("sendMessage");
    expect(tg.messages(-1001).map((m) => m.text)).toEqual(["help for Newsroom"]);
  });

  it("answers a pressed button and applies the edit, dropping the keyboard", async () => {
    addAda();
    const bot = newBot();
    bot.callbackQuery("more", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Loading" });
      await ctx.editMessageText("Full <i>story</i>", { parse_mode: "HTML" });
    });
    startPolling(bot);

    const sent = await bot.api.sendMessage(42, "Headline", { reply_markup: new InlineKeyboard().text("More", "more") });
    expect(() => tg.pressButton(42, 42, sent.message_id, "less")).toThrow(/no button with callback_data "less"; it has "more"/);
    const queryId = tg.pressButton(42, 42, sent.message_id, "more");

    await tg.waitFor("editMessageText");
    expect(tg.callbackAnswer(queryId)).toMatchObject({ text: "Loading", show_alert: false });
    const [message] = tg.messages(42);
    expect(message).toMatchObject({ text: "Full story", raw_text: "Full <i>story</i>", edit_count: 1 });
    expect(message.reply_markup).toBeUndefined();
    await expect(bot.api.answerCallbackQuery(queryId)).rejects.toThrow(/query is too old/);
  });

  it("long-polls for real: confirms by offset, honours limit, wakes on injection", async () => {
    addAda();
    const api = newBot().api;
    const ids = ["a", "b", "c"].map((text) => tg.userSends(42, 42, text).update_id);

    expect((await api.getUpdates({ limit: 2 })).map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    expect((await api.getUpdates({ offset: ids[1] + 1 })).map((u) => u.update_id)).toEqual([ids[2]]);
    expect(tg.stats.pendingUpdates).toBe(1);

    const started = Date.now();
    const waiting = api.getUpdates({ offset: ids[2] + 1, timeout: 30 });
    await tg.waitForPoll();
    const late = tg.userSends(42, 42, "late");
    expect((await waiting).map((u) => u.update_id)).toEqual([late.update_id]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tg.stats.pendingUpdates).toBe(1); // confirmed only by a later offset
  });
});

describe("fault injection", () => {
  it("surfaces an injected 429 as a GrammyError with parameters.retry_after, once", async () => {
    addAda();
    const api = newBot().api;
    tg.failNext("sendMessage", telegramErrors.tooManyRequests(3));

    const error = await grammyError(api.sendMessage(42, "hi"));
    expect(error).toMatchObject({ method: "sendMessage", error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
    await expect(api.sendMessage(42, "hi")).resolves.toMatchObject({ text: "hi" });
    expect(tg.stats).toMatchObject({ sent: 1, tooManyRequests: 1, faultsInjected: 1 });
  });

  it("can target one chat, repeat, hang or drop the connection", async () => {
    addAda();
    tg.addChat({ id: -5, type: "group", title: "G" });
    const api = newBot().api;
    tg.failNext("sendMessage", telegramErrors.blockedByUser(), { chatId: 42, times: 2 });
    await expect(api.sendMessage(-5, "group is fine")).resolves.toBeDefined();
    expect(await grammyError(api.sendMessage(42, "x"))).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await grammyError(api.sendMessage(42, "x"))).toMatchObject({ error_code: 403 });

    tg.failNext("sendMessage", telegramErrors.badGateway());
    expect(await grammyError(api.sendMessage(42, "x"))).toMatchObject({ error_code: 502 });

    tg.failNext("sendMessage", "drop");
    await expect(api.sendMessage(42, "x")).rejects.toBeInstanceOf(HttpError);

    tg.failNext("sendMessage", "hang");
    // grammY's Node build types its signal with the abort-controller shim; the runtime takes Node's own.
    const giveUp = AbortSignal.timeout(200) as Parameters<typeof api.sendMessage>[3];
    await expect(api.sendMessage(42, "x", {}, giveUp)).rejects.toBeInstanceOf(HttpError);
    expect(tg.calls.filter((c) => c.fault).map((c) => c.fault)).toEqual(["drop", "hang"]);
    await expect(api.sendMessage(42, "x")).resolves.toBeDefined();
  });
});

describe("the world answers like Telegram", () => {
  it("refuses unknown, migrated, blocked and never-started chats with Telegram's errors", async () => {
    const api = newBot().api;
    tg.addChat({ id: -100, type: "group", title: "Old" });
    tg.addUser({ id: 9, first_name: "Cy" });
    addAda();
    tg.changeBotMembership(42, 42, "kicked");
    tg.addChat({ id: -200, type: "channel", title: "Wire" });
    tg.setMember(-200, tg.botInfo.id, "administrator", { can_post_messages: false });
    tg.migrateChat(-100, -1009);

    expect(await grammyError(api.sendMessage(777, "x"))).toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });
    expect(await grammyError(api.sendMessage(-100, "x"))).toMatchObject({
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: -1009 },
    });
    await expect(api.sendMessage(-1009, "moved")).resolves.toMatchObject({ chat: { id: -1009, type: "supergroup", title: "Old" } });
    expect(await grammyError(api.sendMessage(42, "x"))).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await grammyError(api.sendMessage(9, "x"))).toMatchObject({ error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    expect(await grammyError(api.sendMessage(-200, "x"))).toMatchObject({ description: "Bad Request: need administrator rights in the channel chat" });
  });

  it("reports chats, members and administrators", async () => {
    const api = newBot().api;
    tg.addChat({ id: -300, type: "supergroup", title: "Desk", username: "desk" });
    tg.addUser({ id: 1, first_name: "Owner" });
    tg.addUser({ id: 2, first_name: "Mod" });
    tg.setMember(-300, 1, "creator");
    tg.setMember(-300, 2, "administrator", { can_delete_messages: true });

    await expect(api.getChat("@desk")).resolves.toMatchObject({ id: -300, type: "supergroup", title: "Desk" });
    await expect(api.getChatMember(-300, 2)).resolves.toMatchObject({ status: "administrator", can_delete_messages: true, user: { id: 2 } });
    await expect(api.getChatMember(-300, tg.botInfo.id)).resolves.toMatchObject({ status: "member" });
    expect((await api.getChatAdministrators(-300)).map((m) => m.user.id)).toEqual([1, 2]);
    await expect(api.sendChatAction(-300, "typing")).resolves.toBe(true);
  });

  it("keeps command menus per scope and validates command names", async () => {
    const api = newBot().api;
    await api.setMyCommands([{ command: "subscribe", description: "Follow a topic" }]);
    await api.setMyCommands([{ command: "mute", description: "Pause alerts" }], { scope: { type: "all_group_chats" } });
    await expect(api.getMyCommands()).resolves.toEqual([{ command: "subscribe", description: "Follow a topic" }]);
    expect(tg.commands({ type: "all_group_chats" })).toEqual([{ command: "mute", description: "Pause alerts" }]);
    expect(await grammyError(api.setMyCommands([{ command: "Sub-scribe", description: "x" }]))).toMatchObject({ description: "Bad Request: BOT_COMMAND_INVALID" });
    await api.deleteMyCommands();
    await expect(api.getMyCommands()).resolves.toEqual([]);
  });

  it("refuses edits that change nothing and deletes of deleted messages", async () => {
    addAda();
    const api = newBot().api;
    const sent = await api.sendMessage(42, "Same");
    expect(await grammyError(api.editMessageText(42, sent.message_id, "Same"))).toMatchObject({
      description: expect.stringMatching(/^Bad Request: message is not modified/),
    });
    await expect(api.deleteMessage(42, sent.message_id)).resolves.toBe(true);
    expect(await grammyError(api.deleteMessage(42, sent.message_id))).toMatchObject({ description: "Bad Request: message to delete not found" });
    expect(tg.messages(42)).toMatchObject([{ deleted: true }]);
  });
});

describe("message text checks", () => {
  it.each([
    ["<div>x</div>", 'Unsupported start tag "div" at byte offset 0'],
    ["<b>bold", `Can't find end tag corresponding to start tag "b"`],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
    ["Tom & Jerry", 'Character "&" at byte offset 4'],
    ["it&apos;s", 'Character "&" at byte offset 2'],
    ['<span class="x">x</span>', 'Tag "span" must have class "tg-spoiler"'],
  ])("rejects %j with 400 can't parse entities", async (html, reason) => {
    addAda();
    const error = await grammyError(newBot().api.sendMessage(42, html, { parse_mode: "HTML" }));
    expect(error.error_code).toBe(400);
    expect(error.description).toContain(`Bad Request: can't parse entities: ${reason}`);
  });

  it("accepts properly escaped HTML and measures length after parsing", async () => {
    addAda();
    const api = newBot().api;
    const html = `<b>Tom &amp; Jerry</b> &lt;3 &#39;q&#39; <a href="https://e.example/?a=1&amp;b=2">link</a> <tg-spoiler>s</tg-spoiler>`;
    await expect(api.sendMessage(42, html, { parse_mode: "HTML" })).resolves.toMatchObject({
      text: "Tom & Jerry <3 'q' link s",
      entities: [
        { type: "bold", offset: 0, length: 11 },
        { type: "text_link", offset: 19, length: 4, url: "https://e.example/?a=1&b=2" },
        { type: "spoiler", offset: 24, length: 1 },
      ],
    });
    await expect(api.sendMessage(42, "&amp;".repeat(4096), { parse_mode: "HTML" })).resolves.toBeDefined();
    expect(await grammyError(api.sendMessage(42, "x".repeat(4097)))).toMatchObject({ description: "Bad Request: message is too long" });
    expect(await grammyError(api.sendMessage(42, "<b> </b>", { parse_mode: "HTML" }))).toMatchObject({ description: "Bad Request: message text is empty" });
  });
});

describe("flood limits", () => {
  it("answers 429 beyond 1 msg/s per chat and 20/min per group, counting them", async () => {
    await tg.close();
    let now = 1_700_000_000_000;
    tg = await startFakeTelegram({ clock: () => now });
    addAda();
    tg.addUser({ id: 43, first_name: "Bea" });
    tg.addChat({ id: 43, type: "private" });
    const api = newBot().api;
    tg.setLimits({ perChatPerSecond: 1, perGroupPerMinute: 20 });

    await api.sendMessage(42, "one");
    const error = await grammyError(api.sendMessage(42, "two"));
    expect(error).toMatchObject({ error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    await expect(api.sendMessage(43, "other chat has its own budget")).resolves.toBeDefined();
    now += 1000;
    await expect(api.sendMessage(42, "two, a second later")).resolves.toBeDefined();

    tg.addChat({ id: -7, type: "group", title: "Busy" });
    for (let i = 0; i < 20; i++, now += 1000) await api.sendMessage(-7, `alert ${i}`);
    expect(await grammyError(api.sendMessage(-7, "21st"))).toMatchObject({ parameters: { retry_after: 40 } });
    expect(tg.stats).toMatchObject({ sent: 23, tooManyRequests: 2 });
  });
});

describe("shutting down", () => {
  it("lets bot.stop() and close() finish within a second while a 30 s long poll waits", async () => {
    const bot = newBot();
    const running = bot.start({ timeout: 30 });
    await tg.waitForPoll();
    const started = performance.now();
    await bot.stop();
    await running;
    await tg.close();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("stops @grammyjs/runner promptly too", async () => {
    const runner = run(newBot());
    await tg.waitForPoll();
    const started = performance.now();
    await runner.stop();
    await tg.close();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("ends a hung call when closed, so the client sees a network error", async () => {
    tg.failNext("getMe", "hang");
    const hung = newBot().api.getMe();
    await tg.waitFor((c) => c.fault === "hang");
    await tg.close();
    await expect(hung).rejects.toBeInstanceOf(HttpError);
  });

  it("answers a parked long poll with no updates when closed", async () => {
    const waiting = newBot().api.getUpdates({ timeout: 30 });
    await tg.waitForPoll();
    await tg.close();
    await expect(waiting).resolves.toEqual([]);
  });
});

describe("the wire protocol", () => {
  it("speaks 401, 404, query strings and url-encoded forms", async () => {
    addAda();
    const wrongToken = await fetch(`${tg.apiRoot}/bot1:wrong/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });

    const unknown = await fetch(`${tg.apiRoot}/bot${tg.token}/sendTelepathy`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error_code: 404, description: "Not Found" });

    const getMe = await fetch(`${tg.apiRoot}/bot${tg.token}/getme?unused=1`);
    expect(await getMe.json()).toEqual({ ok: true, result: tg.botInfo });

    const form = new URLSearchParams({ chat_id: "42", text: "<b>hi</b>", parse_mode: "HTML", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Go", callback_data: "go" }]] }) });
    const sent = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, { method: "POST", body: form });
    expect(await sent.json()).toMatchObject({ ok: true, result: { text: "hi", reply_markup: { inline_keyboard: [[{ callback_data: "go" }]] } } });
    await expect(tg.waitFor((c) => c.method === "sendPigeon", 50)).rejects.toThrow(/no matching call.*\n.*sendMessage/s);
  });
});
