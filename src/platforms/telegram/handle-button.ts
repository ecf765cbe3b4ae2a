import { GrammyError, type Context, type MiddlewareFn } from "grammy";
import { errorReply } from "../../../commands/reply.js";
import { runTextCommand } from "../../../commands/run-command.js";
import type { Logger } from "../../logger.js";
import { commandContextFor } from "./command-context.js";
import { renderReplyForTelegram } from "./render-reply.js";
import { sendReply } from "./send-reply.js";
import type { UpdateDeps } from "./update-deps.js";

const isNotModified = (error: unknown) => error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * Middleware placed before the per-chat queue: Telegram shows a spinner until a button press is
 * answered, and the press may wait behind a slow command in the same chat, so answer at once.
 */
export function answerButtonsAtOnce(logger: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (ctx.callbackQuery) void ctx.answerCallbackQuery().catch((error: unknown) => logger.warn({ err: error }, "could not answer a Telegram button press"));
    await next();
  };
}

/**
 * A pressed inline button (already answered by `answerButtonsAtOnce`): its action runs as that
 * command, in that chat, with the presser's permissions.
 */
export async function handleButtonPress(ctx: Context, deps: UpdateDeps): Promise<void> {
  const query = ctx.callbackQuery;
  if (!query?.data) return;
  const message = query.message;
  // Buttons on inline-mode messages have no chat: newsflash never sends those.
  if (!message) return;
  const chat = message.chat;
  deps.chatTypes.remember(chat.id, chat.type);
  // A message older than 48 hours comes back "inaccessible" (date 0), without its content.
  const accessible = message.date !== 0 && "text" in message ? message : undefined;
  const threadId = accessible?.is_topic_message ? accessible.message_thread_id : undefined;
  const press = deps.actions.decode(query.data);
  const reply = press
    ? await runTextCommand(`/${press.action}`, commandContextFor({ chat, threadId, from: query.from, senderChat: undefined }, deps), {
        onInternalError: (error, command) => deps.logger.error({ err: error, command, chat: chat.id }, "Telegram button command failed"),
      })
    : errorReply("This button has expired. Please run the command again.");
  if (!reply) return;
  // A refusal in a channel would be broadcast to every subscriber; silence is the lesser harm.
  if (reply.isError && chat.type === "channel") {
    deps.logger.info({ chat: chat.id, action: press?.action }, "button press refused in a channel; not posting the refusal");
    return;
  }
  const rendered = renderReplyForTelegram(reply, deps.actions, deps.services.clock());
  // Errors go out as a new message so the buttons stay for someone who may press them.
  if (press?.onPress === "edit" && !reply.isError && accessible) {
    try {
      await ctx.api.editMessageText(chat.id, accessible.message_id, rendered.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(rendered.replyMarkup ? { reply_markup: rendered.replyMarkup } : {}),
      });
      return;
    } catch (error) {
      if (isNotModified(error)) return;
      deps.logger.warn({ err: error, chat: chat.id }, "could not edit the message under a pressed button; sending the result instead");
    }
  }
  await sendReply(ctx.api, { chatId: chat.id, threadId, replyTo: message.message_id }, rendered);
}
