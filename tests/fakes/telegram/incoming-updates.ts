// What users do, turned into the updates Telegram would queue for the bot. These are test-side
// helpers: misuse (unknown chat, a button that is not there) throws at once with a hint.
import type { MessageEntity, Update, User } from "grammy/types";
import { textMessage } from "./message-objects.js";
import { unixSeconds, type FakeState } from "./state.js";
import type { NewUpdate } from "./update-queue.js";
import {
  addChat, chatMemberObject, chatObject, membershipOf, setMembership,
  type ChatSpec, type MemberExtra, type MemberStatus,
} from "./world.js";

export interface UserMessageOptions {
  /** Forum topic the message is posted in. */
  threadId?: number;
  /** message_id in the same chat that this message replies to. */
  replyTo?: number;
  /** Overrides the bot_command entity the fake would add. */
  entities?: MessageEntity[];
}

const commandPattern = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,32})?/;

/** grammY's bot.command() only fires when a bot_command entity sits at offset 0. */
export function commandEntities(text: string): MessageEntity[] {
  const match = commandPattern.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : [];
}

export function userSends(state: FakeState, chatId: number, userId: number, text: string, options: UserMessageOptions = {}): Update {
  const user = knownUser(state, userId, "userSends");
  // Writing to the bot opens the private chat, whose id is the user's id.
  const chat = state.world.chats.get(chatId) ??
    (chatId === userId ? addChat(state.world, { id: chatId, type: "private" }) : unknownChat(chatId, "userSends"));
  let replyTo;
  if (options.replyTo !== undefined) {
    replyTo = state.history.get(chat.id, options.replyTo);
    if (!replyTo) throw new Error(`userSends: message ${options.replyTo} does not exist in chat ${chat.id}`);
  }
  const message = textMessage(state, {
    chat,
    // Channel posts come from the channel itself.
    from: chat.type === "channel" ? undefined : user,
    text,
    entities: options.entities ?? commandEntities(text),
    threadId: options.threadId,
    replyTo,
  });
  state.history.add({ message, sentByBot: false, rawText: text, editCount: 0, deleted: false });
  // grammY's Update types split messages by chat kind; the shape is the same.
  return state.updates.push((chat.type === "channel" ? { channel_post: message } : { message }) as NewUpdate);
}

/** Returns the callback query id, which the bot must answer with answerCallbackQuery. */
export function pressButton(state: FakeState, chatId: number, userId: number, messageId: number, data: string): string {
  const user = knownUser(state, userId, "pressButton");
  const chat = state.world.chats.get(chatId) ?? unknownChat(chatId, "pressButton");
  const stored = state.history.get(chat.id, messageId);
  if (!stored || stored.deleted) throw new Error(`pressButton: message ${messageId} does not exist in chat ${chatId}`);
  // A user can only press a button that is on the message right now.
  const buttons = (stored.message.reply_markup?.inline_keyboard ?? []).flat();
  const offered = buttons.flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));
  if (!offered.includes(data)) {
    throw new Error(`pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(data)}; ` +
      `it has ${offered.length ? offered.map((d) => JSON.stringify(d)).join(", ") : "no callback buttons"}`);
  }
  const id = String(800_000_000_000 + state.callbackQueries.size + 1);
  state.callbackQueries.set(id, { chatId: chat.id, messageId, data });
  state.updates.push({
    callback_query: { id, from: user, message: stored.message, chat_instance: `fake-${chat.id}`, data },
  });
  return id;
}

/** Sets the bot's own status in a chat and queues the my_chat_member update Telegram would send. */
export function changeBotMembership(
  state: FakeState, chatId: number, byUserId: number, status: MemberStatus, extra: MemberExtra = {},
): Update {
  const by = knownUser(state, byUserId, "changeBotMembership");
  const chat: ChatSpec = state.world.chats.get(chatId) ?? unknownChat(chatId, "changeBotMembership");
  const bot = state.world.bot;
  const before = chatMemberObject(bot, membershipOf(state.world, chat, bot.id));
  setMembership(state.world, chat.id, bot.id, status, extra);
  const after = chatMemberObject(bot, membershipOf(state.world, chat, bot.id));
  return state.updates.push({
    my_chat_member: { chat: chatObject(chat), from: by, date: unixSeconds(state), old_chat_member: before, new_chat_member: after },
  });
}

function knownUser(state: FakeState, userId: number, helper: string): User {
  const user = state.world.users.get(userId);
  if (!user) throw new Error(`${helper}: unknown user ${userId}; call addUser first`);
  return user;
}

function unknownChat(chatId: number, helper: string): never {
  throw new Error(`${helper}: unknown chat ${chatId}; call addChat first`);
}
