import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { TelegramReply } from "./render-reply.js";

/** Where a reply goes: the chat, its forum topic, and the message it answers. */
export interface ReplyTarget {
  chatId: number;
  threadId?: number;
  replyTo?: number;
}

/** Sends a rendered reply. Link previews are off: only alerts preview their story. */
export function sendReply(api: Api, target: ReplyTarget, reply: TelegramReply): Promise<Message.TextMessage> {
  return api.sendMessage(target.chatId, reply.text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(target.threadId === undefined ? {} : { message_thread_id: target.threadId }),
    // A deleted command message must not stop the answer.
    ...(target.replyTo === undefined ? {} : { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } }),
    ...(reply.replyMarkup ? { reply_markup: reply.replyMarkup } : {}),
  });
}
