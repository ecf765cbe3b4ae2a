import type { Context } from "grammy";
import { findCommand } from "../../../commands/index.js";
import { parseCommandLine, runTextCommand } from "../../../commands/run-command.js";
import { chatKind, commandContextFor } from "./command-context.js";
import { renderReplyForTelegram } from "./render-reply.js";
import { sendReply } from "./send-reply.js";
import type { UpdateDeps } from "./update-deps.js";

/**
 * In groups and channels most messages are people talking, and a bare /command may be meant for
 * another bot in the chat: answer only our own commands, or any command addressed to us by name.
 */
function isForUs(text: string, botUsername: string): boolean {
  const parsed = parseCommandLine(text);
  if (!parsed) return false;
  if (parsed.mention !== null) return parsed.mention.toLowerCase() === botUsername.toLowerCase();
  return findCommand(parsed.name) !== undefined;
}

/** A message or channel post: every text command goes through the shared command runner. */
export async function handleTextMessage(ctx: Context, deps: UpdateDeps): Promise<void> {
  const msg = ctx.msg;
  const chat = ctx.chat;
  if (!msg || msg.text === undefined || !chat) return;
  deps.chatTypes.remember(chat.id, chat.type);
  if (chatKind(chat.type) !== "private" && !isForUs(msg.text, ctx.me.username)) return;
  // message_thread_id is also set on plain reply threads; only forum topics are places to post.
  const threadId = msg.is_topic_message ? msg.message_thread_id : undefined;
  const context = commandContextFor({ chat, threadId, from: msg.from, senderChat: msg.sender_chat }, deps);
  const reply = await runTextCommand(msg.text, context, {
    botUsername: ctx.me.username,
    onInternalError: (error, command) => deps.logger.error({ err: error, command, chat: chat.id }, "Telegram command failed"),
  });
  // null: the command was addressed to another bot (/help@OtherBot).
  if (!reply) return;
  await sendReply(ctx.api, { chatId: chat.id, threadId, replyTo: msg.message_id }, renderReplyForTelegram(reply, deps.actions, deps.services.clock()));
}
