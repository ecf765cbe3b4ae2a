// Everything the fake remembers, in one plain object that method handlers and test helpers share.
import type { BotCommand, User, UserFromGetMe } from "grammy/types";
import { createChatHistory, type ChatHistory } from "./chat-history.js";
import { createFloodControl, type FloodControl } from "./flood-limits.js";
import { createUpdateQueue, type UpdateQueue } from "./update-queue.js";
import { createWorld, type World } from "./world.js";

export interface CallbackQueryRecord {
  chatId: number;
  messageId: number;
  data: string;
  answer?: CallbackAnswer;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

export interface WebhookRecord {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

/** Counters; `tg.stats` hands out a copy. */
export interface FakeStats {
  /** Every call answered, including getUpdates and failed ones. */
  calls: number;
  /** Messages the bot sent successfully. */
  sent: number;
  edited: number;
  deleted: number;
  /** 429 answers, whether from setLimits or from failNext. */
  tooManyRequests: number;
  /** Answers with ok: false, for any reason. */
  failed: number;
  /** Calls that hit a failNext fault. */
  faultsInjected: number;
}

export interface FakeState {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly clock: () => number;
  readonly world: World;
  readonly history: ChatHistory;
  readonly updates: UpdateQueue;
  readonly flood: FloodControl;
  /** Keyed by scopeKey(scope, language_code). */
  readonly commands: Map<string, BotCommand[]>;
  readonly callbackQueries: Map<string, CallbackQueryRecord>;
  webhook: WebhookRecord;
  readonly stats: FakeStats;
}

export function createState(token: string, botInfo: UserFromGetMe, clock: () => number): FakeState {
  const botUser: User = { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username };
  return {
    token,
    botInfo,
    clock,
    world: createWorld(botUser),
    history: createChatHistory(),
    // Update ids far from message ids, so a mixed-up id in a test fails loudly.
    updates: createUpdateQueue(100_001),
    flood: createFloodControl(clock),
    commands: new Map(),
    callbackQueries: new Map(),
    webhook: { url: "" },
    stats: { calls: 0, sent: 0, edited: 0, deleted: 0, tooManyRequests: 0, failed: 0, faultsInjected: 0 },
  };
}

export const unixSeconds = (state: FakeState) => Math.floor(state.clock() / 1000);
