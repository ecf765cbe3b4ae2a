import { GrammyError, type Api } from "grammy";
import type { InlineKeyboardMarkup, LinkPreviewOptions, Message } from "grammy/types";
import type { AlertTarget } from "../../delivery/alert-channel.js";
import type { Alert } from "../../delivery/alert.js";
import type { Digest } from "../../delivery/digest.js";
import { renderTelegramAlert } from "../../delivery/render/telegram-alert.js";
import { renderTelegramDigest } from "../../delivery/render/telegram-digest.js";
import type { SendResult } from "../../delivery/send-result.js";
import type { ButtonActions } from "./button-actions.js";
import type { ChatTypes } from "./chat-types.js";
import { toGrammySignal } from "./grammy-signal.js";
import { keyboardOf } from "./render-reply.js";
import { sendResultFromError } from "./send-result-from-error.js";

export interface AlertMessagesDeps {
  api: Api;
  actions: ButtonActions;
  chatTypes: ChatTypes;
  secrets: readonly string[];
  /** Gives up on a hung request so one chat cannot hold a dispatcher worker for minutes. */
  timeoutMs?: number;
}

/** The dispatcher's side of the adapter; every method reports a SendResult and never throws. */
export interface AlertMessages {
  send(target: AlertTarget, alert: Alert): Promise<SendResult>;
  edit(target: AlertTarget, messageId: string, alert: Alert): Promise<SendResult>;
  sendDigest(target: AlertTarget, digest: Digest): Promise<SendResult>;
}

/** "-100123" as a number; Telegram takes both, but ids are numbers everywhere else. */
const chatIdOf = (chatId: string): number | string => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

const answerSays = (error: unknown, pattern: RegExp) => error instanceof GrammyError && error.error_code === 400 && pattern.test(error.description);

interface Outgoing {
  text: string;
  preview: LinkPreviewOptions;
  keyboard?: InlineKeyboardMarkup;
}

/**
 * Alerts and digests as Telegram messages. An alert previews the story's own page (not whatever
 * link comes first) and carries a "Mute 1h" button; a forum topic deleted since the subscription
 * was made falls back to the chat's main thread rather than losing the message.
 */
export function createAlertMessages(deps: AlertMessagesDeps): AlertMessages {
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const signal = () => toGrammySignal(AbortSignal.timeout(timeoutMs));

  async function alertMessage(target: AlertTarget, alert: Alert): Promise<Outgoing> {
    const rendered = renderTelegramAlert(alert);
    // In a channel every subscriber would see the button, and only admins may use it.
    const channel = (await deps.chatTypes.lookup(target.chatId)) === "channel";
    return {
      text: rendered.text,
      preview: rendered.linkPreviewUrl === "" ? { is_disabled: true } : { url: rendered.linkPreviewUrl },
      keyboard: channel ? undefined : keyboardOf([[{ label: "Mute 1h", action: "mute 1h" }]], deps.actions, "send"),
    };
  }

  async function post(target: AlertTarget, message: Outgoing): Promise<SendResult> {
    const attempt = (threadId: string | null): Promise<Message.TextMessage> =>
      deps.api.sendMessage(
        chatIdOf(target.chatId),
        message.text,
        {
          parse_mode: "HTML",
          link_preview_options: message.preview,
          ...(threadId === null ? {} : { message_thread_id: Number(threadId) }),
          ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
        },
        signal(),
      );
    try {
      const sent = await attempt(target.threadId).catch((error: unknown) => {
        if (target.threadId === null || !answerSays(error, /thread not found/i)) throw error;
        return attempt(null);
      });
      return { status: "sent", messageId: String(sent.message_id) };
    } catch (error) {
      return sendResultFromError(error, deps.secrets);
    }
  }

  return {
    async send(target, alert) {
      return post(target, await alertMessage(target, alert));
    },
    async edit(target, messageId, alert) {
      const message = await alertMessage(target, alert);
      try {
        // The keyboard is sent again: an edit without reply_markup removes it.
        await deps.api.editMessageText(
          chatIdOf(target.chatId),
          Number(messageId),
          message.text,
          { parse_mode: "HTML", link_preview_options: message.preview, ...(message.keyboard ? { reply_markup: message.keyboard } : {}) },
          signal(),
        );
        return { status: "sent", messageId };
      } catch (error) {
        if (answerSays(error, /message is not modified/i)) return { status: "sent", messageId };
        return sendResultFromError(error, deps.secrets);
      }
    },
    async sendDigest(target, digest) {
      return post(target, { text: renderTelegramDigest(digest).text, preview: { is_disabled: true } });
    },
  };
}
