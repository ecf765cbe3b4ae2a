import type { Context } from "grammy";
import type { ChatMember } from "grammy/types";
import { text, type Reply } from "../../../commands/reply.js";
import { dropPendingForChat } from "../../db/delivery-queries.js";
import { deactivateChat } from "../../db/subscription-queries.js";
import { renderReplyForTelegram } from "./render-reply.js";
import { sendReply } from "./send-reply.js";
import type { UpdateDeps } from "./update-deps.js";

const isPresent = (member: ChatMember) =>
  member.status === "creator" || member.status === "administrator" || member.status === "member" || (member.status === "restricted" && member.is_member);

const hello: Reply = {
  blocks: [
    text("👋 Hi! I post breaking-news alerts. An admin picks the topics with ", { text: "/subscribe world", code: true }, " (", { text: "/topics", code: true }, " lists them)."),
    text({ text: "/help", code: true }, " shows everything I can do."),
  ],
};

/**
 * The bot's own membership changed (my_chat_member). Removed, kicked or blocked: stop at once
 * rather than wait for the next alert to bounce. Added to a group or channel: say hello.
 */
export async function handleMembershipChange(ctx: Context, deps: UpdateDeps): Promise<void> {
  const change = ctx.myChatMember;
  if (!change) return;
  const { chat, old_chat_member: before, new_chat_member: after } = change;
  deps.chatTypes.remember(chat.id, chat.type);
  const where = { platform: "telegram", chatId: String(chat.id) };
  const db = deps.services.db;
  if (!isPresent(after)) {
    const reason = chat.type === "private" ? "the user blocked the bot" : `the bot was removed from the ${chat.type} (${after.status})`;
    const subscriptions = await deactivateChat(db, where, reason);
    const deliveries = await dropPendingForChat(db, where, reason);
    deps.logger.info({ chat: chat.id, subscriptions, droppedDeliveries: deliveries }, "removed from a Telegram chat; its subscriptions are deactivated");
    return;
  }
  if (!isPresent(before) && chat.type !== "private") {
    deps.logger.info({ chat: chat.id, type: chat.type }, "added to a Telegram chat");
    // Joined as a channel member without posting rights, this fails; nothing else depends on it.
    await sendReply(ctx.api, { chatId: chat.id }, renderReplyForTelegram(hello, deps.actions)).catch((error: unknown) =>
      deps.logger.warn({ err: error, chat: chat.id }, "could not post the hello message"),
    );
  }
}
