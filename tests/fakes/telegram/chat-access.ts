// Which chat a chat_id names, and whether the bot may write there, with Telegram's wording for
// each refusal: these are the errors the delivery engine sorts into "gone" and "rejected".
import { fail, telegramErrors } from "./telegram-errors.js";
import { findChat, membershipOf, type ChatSpec, type World } from "./world.js";

export function resolveChat(world: World, chatId: number | string): ChatSpec {
  if (typeof chatId === "number") {
    const newId = world.migratedTo.get(chatId);
    if (newId !== undefined) fail(telegramErrors.migrated(newId));
  }
  const chat = findChat(world, chatId);
  if (chat) return chat;
  // A known user who never opened a private chat with the bot.
  if (typeof chatId === "number" && world.users.has(chatId) && chatId !== world.bot.id) {
    fail(telegramErrors.forbidden("bot can't initiate conversation with a user"));
  }
  fail(telegramErrors.chatNotFound());
}

/** Groups and channels answer nothing to a bot that was removed or never joined. */
export function requireBotInChat(world: World, chat: ChatSpec): void {
  if (chat.type === "private") return;
  const { status } = membershipOf(world, chat, world.bot.id);
  if (status === "kicked") fail(telegramErrors.kickedFrom(chat.type));
  if (status === "left") fail(telegramErrors.forbidden(`bot is not a member of the ${chat.type} chat`));
}

export function requireBotCanPost(world: World, chat: ChatSpec): void {
  const { status, extra } = membershipOf(world, chat, world.bot.id);
  if (chat.type === "private") {
    if (status === "kicked") fail(telegramErrors.blockedByUser());
    return;
  }
  requireBotInChat(world, chat);
  if (chat.type === "channel") {
    const canPost = status === "creator" || (status === "administrator" && extra.can_post_messages === true);
    if (!canPost) fail(telegramErrors.badRequest("need administrator rights in the channel chat"));
    return;
  }
  if (status === "restricted" && extra.can_send_messages !== true) {
    fail(telegramErrors.badRequest("not enough rights to send text messages to the chat"));
  }
}
