// Building Message objects the way Telegram shapes them, for the bot's messages and for users'.
import type { Message, MessageEntity, User } from "grammy/types";
import type { ReplyMarkup, StoredMessage } from "./chat-history.js";
import { inlineKeyboardOf } from "./reply-markup.js";
import { unixSeconds, type FakeState } from "./state.js";
import { chatObject, type ChatSpec } from "./world.js";

export interface TextMessageParts {
  chat: ChatSpec;
  /** Omitted for channel posts, which carry the channel as sender_chat instead. */
  from?: User;
  text: string;
  entities: MessageEntity[];
  threadId?: number;
  replyTo?: StoredMessage;
  replyMarkup?: ReplyMarkup;
}

export function textMessage(state: FakeState, parts: TextMessageParts): Message {
  const { chat, from, text, entities, threadId, replyTo, replyMarkup } = parts;
  const keyboard = inlineKeyboardOf(replyMarkup);
  return {
    message_id: state.history.nextMessageId(chat.id),
    ...(from ? { from } : { sender_chat: chatObject(chat) }),
    chat: chatObject(chat),
    date: unixSeconds(state),
    ...(threadId === undefined ? {} : { message_thread_id: threadId }),
    ...(threadId !== undefined && chat.is_forum ? { is_topic_message: true } : {}),
    // A reply carries its target one level deep, never the target's own reply.
    ...(replyTo ? { reply_to_message: withoutReply(replyTo.message) } : {}),
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
  } as Message;
}

function withoutReply(message: Message): Message {
  const { reply_to_message: _nested, ...rest } = message;
  return rest as Message;
}

/** In groups and private chats the bot speaks as itself; in channels, as the channel. */
export function botAuthor(state: FakeState, chat: ChatSpec): User | undefined {
  return chat.type === "channel" ? undefined : state.world.bot;
}
