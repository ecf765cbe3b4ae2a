// A fake Telegram Bot API server for end-to-end tests; see fake-telegram.ts for the test-side API.
//
//   const tg = await startFakeTelegram();
//   tg.addUser({ id: 42, first_name: "Ada" });
//   tg.addChat({ id: 42, type: "private" });
//   const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
//   … bot.start() or run(bot) …
//   tg.userSends(42, 42, "/subscribe world");
//   await tg.waitFor("sendMessage");
//   expect(tg.messages(42)[0].text).toContain("world");
//   await bot.stop();   // first: a closed fake makes grammY's final getUpdates fail
//   await tg.close();
export { startFakeTelegram } from "./fake-telegram.js";
export type { FakeTelegram, FakeTelegramOptions, FakeTelegramStats } from "./fake-telegram.js";
export { telegramErrors } from "./telegram-errors.js";
export type { ApiResponse, TelegramError } from "./telegram-errors.js";
export type { CallMatcher, RecordedCall } from "./call-log.js";
export type { ReplyMarkup, SentMessage } from "./chat-history.js";
export type { Fault, FaultOptions } from "./faults.js";
export type { FloodLimits } from "./flood-limits.js";
export type { UserMessageOptions } from "./incoming-updates.js";
export type { CallbackAnswer } from "./state.js";
export type { ChatSpec, ChatType, MemberExtra, MemberStatus, UserSpec } from "./world.js";
export { parseTelegramHtml, type HtmlParseResult } from "./telegram-html.js";
