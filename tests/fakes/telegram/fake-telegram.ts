// startFakeTelegram: a Bot API server on 127.0.0.1 that the real grammY Bot talks to, plus the
// handles a test uses to set up the world, act as users, inject faults and inspect what was sent.
import type { BotCommand, BotCommandScope, Chat, Update, User, UserFromGetMe } from "grammy/types";
import { createCallLog, type CallMatcher, type RecordedCall } from "./call-log.js";
import { sentMessageView, type SentMessage } from "./chat-history.js";
import { createDispatcher } from "./dispatch.js";
import { createFaultPlan, type Fault, type FaultOptions } from "./faults.js";
import type { FloodLimits } from "./flood-limits.js";
import { serveBotApi } from "./http-server.js";
import { changeBotMembership, pressButton, userSends, type UserMessageOptions } from "./incoming-updates.js";
import { scopeKey } from "./methods/bot-profile.js";
import { botApiMethods } from "./methods/index.js";
import { createState, type CallbackAnswer, type FakeStats } from "./state.js";
import type { NewUpdate } from "./update-queue.js";
import {
  addChat, addUser, chatObject, migrateChat, setMembership,
  type ChatSpec, type MemberExtra, type MemberStatus, type UserSpec,
} from "./world.js";

export interface FakeTelegramOptions {
  /** "<bot id>:<secret>"; the bot id part becomes botInfo.id. */
  token?: string;
  botUsername?: string;
  botFirstName?: string;
  /** Milliseconds clock for message dates, call times and flood limits; defaults to Date.now. */
  clock?: () => number;
}

export type FakeTelegramStats = FakeStats & { pendingUpdates: number };

export interface FakeTelegram {
  /** "http://127.0.0.1:<port>": pass as `new Bot(token, { client: { apiRoot } })`. */
  readonly apiRoot: string;
  readonly token: string;
  /** What getMe answers. */
  readonly botInfo: UserFromGetMe;
  /** Every call answered so far (including getUpdates), oldest first. */
  readonly calls: readonly RecordedCall[];
  /** A snapshot of the counters. */
  readonly stats: FakeTelegramStats;

  addChat(chat: ChatSpec): Chat;
  addUser(user: UserSpec): User;
  setMember(chatId: number, userId: number, status: MemberStatus, extra?: MemberExtra): void;
  /** Sets the bot's own status (e.g. "kicked" = blocked in a private chat) and queues my_chat_member. */
  changeBotMembership(chatId: number, byUserId: number, status: MemberStatus, extra?: MemberExtra): Update;
  /** Afterwards calls naming oldId fail with 400 and parameters.migrate_to_chat_id = newId. */
  migrateChat(oldId: number, newId: number): Chat;

  /** Queues a message (a channel_post in channels); a leading /command gets its bot_command entity. */
  userSends(chatId: number, userId: number, text: string, options?: UserMessageOptions): Update;
  /** Queues a callback_query for a button on the bot's message; returns the query id. */
  pressButton(chatId: number, userId: number, messageId: number, callbackData: string): string;
  /** Queues any other update; update_id is assigned. */
  injectUpdate(update: NewUpdate): Update;

  /** Messages the bot sent to the chat, oldest first, edits applied, deleted ones flagged. */
  messages(chatId: number): SentMessage[];
  /** The bot's answer to a callback query, or undefined while unanswered. */
  callbackAnswer(queryId: string): CallbackAnswer | undefined;
  /** The command menu set for exactly this scope and language. */
  commands(scope?: BotCommandScope, languageCode?: string): BotCommand[];

  /** The first call (already made or still to come) that matches; a string matches the method name. */
  waitFor(match: CallMatcher, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves once a getUpdates long poll is parked, i.e. the bot is up and listening. */
  waitForPoll(timeoutMs?: number): Promise<void>;

  /** The next matching call(s) fail with this Telegram error, or hang, or lose their connection. */
  failNext(method: string, fault: Fault, options?: FaultOptions): void;
  /** Enforce Telegram's flood limits on sendMessage; null turns enforcement off again. */
  setLimits(limits: FloodLimits | null): void;

  /** Answers parked long polls with no updates, then stops the server. Stop the bot first. */
  close(): Promise<void>;
}

const defaultToken = "1234567890:AAFakeTelegramTestTokenDoNotUse-0123456";

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? defaultToken;
  const botId = Number(token.split(":")[0]);
  if (!Number.isSafeInteger(botId) || !token.includes(":")) throw new Error(`startFakeTelegram: token must look like "<bot id>:<secret>", got "${token}"`);
  const clock = options.clock ?? Date.now;
  const botInfo: UserFromGetMe = {
    id: botId,
    is_bot: true,
    first_name: options.botFirstName ?? "Newsflash Test",
    username: options.botUsername ?? "newsflash_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const state = createState(token, botInfo, clock);
  const log = createCallLog(clock());
  const faults = createFaultPlan();
  const server = await serveBotApi(createDispatcher(state, log, faults, botApiMethods));
  let closing: Promise<void> | undefined;

  return {
    apiRoot: server.apiRoot,
    token,
    botInfo,
    get calls() {
      return log.calls;
    },
    get stats() {
      return { ...state.stats, pendingUpdates: state.updates.pendingCount() };
    },

    addChat: (chat) => chatObject(addChat(state.world, chat)),
    addUser: (user) => addUser(state.world, user),
    setMember: (chatId, userId, status, extra) => setMembership(state.world, chatId, userId, status, extra),
    changeBotMembership: (chatId, byUserId, status, extra) => changeBotMembership(state, chatId, byUserId, status, extra),
    migrateChat: (oldId, newId) => chatObject(migrateChat(state.world, oldId, newId)),

    userSends: (chatId, userId, text, messageOptions) => userSends(state, chatId, userId, text, messageOptions),
    pressButton: (chatId, userId, messageId, data) => pressButton(state, chatId, userId, messageId, data),
    injectUpdate: (update) => state.updates.push(update),

    messages: (chatId) => state.history.list(chatId).filter((m) => m.sentByBot).map(sentMessageView),
    callbackAnswer(queryId) {
      const query = state.callbackQueries.get(queryId);
      if (!query) throw new Error(`callbackAnswer: no callback query ${queryId}; pressButton returns the id`);
      return query.answer;
    },
    commands: (scope, languageCode) => state.commands.get(scopeKey(scope, languageCode)) ?? [],

    waitFor: (match, timeoutMs = 2000) => log.waitFor(match, timeoutMs),
    waitForPoll: (timeoutMs = 2000) => state.updates.waitForPoller(timeoutMs),

    failNext: (method, fault, faultOptions) => faults.add(method, fault, faultOptions),
    setLimits: (limits) => state.flood.configure(limits),

    close() {
      closing ??= (async () => {
        state.updates.releaseAll();
        log.abandonWaiters("the fake Telegram server was closed");
        await server.close();
      })();
      return closing;
    },
  };
}
