// Every message in every chat, from users and from the bot, with ids counted per chat as Telegram
// does. The bot's own messages also keep what was sent (markup source, keyboard) for assertions.
import type { ForceReply, InlineKeyboardMarkup, Message, MessageEntity, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

export interface StoredMessage {
  /** As Telegram would return it now, edits applied. */
  message: Message;
  sentByBot: boolean;
  rawText: string;
  parseMode?: string;
  replyMarkup?: ReplyMarkup;
  editCount: number;
  deleted: boolean;
}

/** A message the bot sent, as `tg.messages(chatId)` shows it. */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  message_thread_id?: number;
  /** Plain text as a reader sees it: markup parsed away, edits applied. */
  text: string;
  entities: MessageEntity[];
  /** The text exactly as the bot sent it (the HTML source when parse_mode is HTML). */
  raw_text: string;
  parse_mode?: string;
  reply_markup?: ReplyMarkup;
  date: number;
  edit_date?: number;
  edit_count: number;
  deleted: boolean;
}

export interface ChatHistory {
  nextMessageId(chatId: number): number;
  add(stored: StoredMessage): void;
  get(chatId: number, messageId: number): StoredMessage | undefined;
  list(chatId: number): StoredMessage[];
}

export function createChatHistory(): ChatHistory {
  const chats = new Map<number, { lastId: number; messages: Map<number, StoredMessage> }>();
  const chatLog = (chatId: number) => {
    let log = chats.get(chatId);
    if (!log) chats.set(chatId, (log = { lastId: 0, messages: new Map() }));
    return log;
  };
  return {
    nextMessageId: (chatId) => ++chatLog(chatId).lastId,
    add: (stored) => void chatLog(stored.message.chat.id).messages.set(stored.message.message_id, stored),
    get: (chatId, messageId) => chats.get(chatId)?.messages.get(messageId),
    list: (chatId) => [...(chats.get(chatId)?.messages.values() ?? [])],
  };
}

export function sentMessageView(stored: StoredMessage): SentMessage {
  const { message } = stored;
  return {
    message_id: message.message_id,
    chat_id: message.chat.id,
    ...(message.message_thread_id === undefined ? {} : { message_thread_id: message.message_thread_id }),
    text: message.text ?? "",
    entities: message.entities ?? [],
    raw_text: stored.rawText,
    ...(stored.parseMode === undefined ? {} : { parse_mode: stored.parseMode }),
    ...(stored.replyMarkup === undefined ? {} : { reply_markup: stored.replyMarkup }),
    date: message.date,
    ...(message.edit_date === undefined ? {} : { edit_date: message.edit_date }),
    edit_count: stored.editCount,
    deleted: stored.deleted,
  };
}
