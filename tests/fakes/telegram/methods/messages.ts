// sendMessage, the two edits and deleteMessage, with the refusals delivery code must handle.
import type { Message, MessageEntity, ReplyParameters } from "grammy/types";
import type { ReplyMarkup, StoredMessage } from "../chat-history.js";
import { requireBotCanPost, resolveChat } from "../chat-access.js";
import { formatMessageText, type FormattedText } from "../message-text.js";
import { botAuthor, textMessage } from "../message-objects.js";
import { chatIdParam, optionalBool, optionalInt, optionalJson, optionalString, requiredInt, type Params } from "../params.js";
import { inlineKeyboardOf, validateReplyMarkup } from "../reply-markup.js";
import { unixSeconds, type FakeState } from "../state.js";
import { fail, telegramErrors } from "../telegram-errors.js";
import { membershipOf, type ChatSpec } from "../world.js";
import type { MethodTable } from "./method-handler.js";

export const messageMethods: MethodTable = {
  sendMessage(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    requireBotCanPost(state.world, chat);
    const formatted = formattedTextParam(params);
    const replyMarkup = optionalJson<ReplyMarkup>(params, "reply_markup");
    validateReplyMarkup(replyMarkup);
    const replyTo = replyTarget(state, chat, params);
    // Flood control last: a request Telegram refuses for another reason uses up no quota.
    const admission = state.flood.admit(chat.id, chat.type === "group" || chat.type === "supergroup");
    if (!admission.ok) fail(telegramErrors.tooManyRequests(admission.retryAfterSeconds));

    const message = textMessage(state, {
      chat,
      from: botAuthor(state, chat),
      ...formatted,
      threadId: optionalInt(params, "message_thread_id"),
      replyTo,
      replyMarkup,
    });
    state.history.add({ message, sentByBot: true, ...sourceOf(params), replyMarkup, editCount: 0, deleted: false });
    state.stats.sent++;
    return message;
  },

  editMessageText(params, { state }) {
    const stored = messageToEdit(state, params);
    const formatted = formattedTextParam(params);
    const replyMarkup = optionalJson<ReplyMarkup>(params, "reply_markup");
    validateReplyMarkup(replyMarkup);
    // Leaving out reply_markup removes the keyboard, as on the real server.
    return applyEdit(state, stored, formatted, replyMarkup, sourceOf(params));
  },

  editMessageReplyMarkup(params, { state }) {
    const stored = messageToEdit(state, params);
    const replyMarkup = optionalJson<ReplyMarkup>(params, "reply_markup");
    validateReplyMarkup(replyMarkup);
    const current = { text: stored.message.text ?? "", entities: stored.message.entities ?? [] };
    return applyEdit(state, stored, current, replyMarkup, { rawText: stored.rawText, parseMode: stored.parseMode });
  },

  deleteMessage(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    const stored = state.history.get(chat.id, requiredInt(params, "message_id"));
    if (!stored || stored.deleted) fail(telegramErrors.badRequest("message to delete not found"));
    if (!stored.sentByBot && chat.type !== "private" && !botMayDeleteOthers(state, chat)) {
      fail(telegramErrors.badRequest("message can't be deleted"));
    }
    stored.deleted = true;
    state.stats.deleted++;
    return true;
  },
};

function formattedTextParam(params: Params): FormattedText {
  return formatMessageText(optionalString(params, "text"), optionalString(params, "parse_mode"), optionalJson<MessageEntity[]>(params, "entities"));
}

function sourceOf(params: Params): { rawText: string; parseMode?: string } {
  const parseMode = optionalString(params, "parse_mode");
  return { rawText: optionalString(params, "text") ?? "", ...(parseMode ? { parseMode } : {}) };
}

function replyTarget(state: FakeState, chat: ChatSpec, params: Params): StoredMessage | undefined {
  const reply = optionalJson<ReplyParameters>(params, "reply_parameters");
  const messageId = reply?.message_id ?? optionalInt(params, "reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = state.history.get(chat.id, messageId);
  if (target && !target.deleted) return target;
  const allowWithout = reply?.allow_sending_without_reply ?? optionalBool(params, "allow_sending_without_reply");
  if (!allowWithout) fail(telegramErrors.badRequest("message to be replied not found"));
  return undefined;
}

function messageToEdit(state: FakeState, params: Params): StoredMessage {
  if (params.inline_message_id !== undefined) fail(telegramErrors.badRequest("the fake Telegram server does not support inline messages"));
  const chat = resolveChat(state.world, chatIdParam(params));
  requireBotCanPost(state.world, chat);
  const stored = state.history.get(chat.id, requiredInt(params, "message_id"));
  if (!stored || stored.deleted) fail(telegramErrors.badRequest("message to edit not found"));
  if (!stored.sentByBot) fail(telegramErrors.badRequest("message can't be edited"));
  return stored;
}

function applyEdit(
  state: FakeState,
  stored: StoredMessage,
  next: FormattedText,
  replyMarkup: ReplyMarkup | undefined,
  source: { rawText: string; parseMode?: string },
): Message {
  const { message } = stored;
  const keyboard = inlineKeyboardOf(replyMarkup);
  const unchanged = next.text === message.text &&
    JSON.stringify(next.entities) === JSON.stringify(message.entities ?? []) &&
    JSON.stringify(keyboard) === JSON.stringify(message.reply_markup);
  if (unchanged) {
    fail(telegramErrors.badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
  }
  const { entities: _oldEntities, reply_markup: _oldKeyboard, ...rest } = message;
  stored.message = {
    ...rest,
    text: next.text,
    ...(next.entities.length > 0 ? { entities: next.entities } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
    edit_date: unixSeconds(state),
  } as Message;
  stored.rawText = source.rawText;
  stored.parseMode = source.parseMode;
  stored.replyMarkup = replyMarkup;
  stored.editCount++;
  state.stats.edited++;
  return stored.message;
}

function botMayDeleteOthers(state: FakeState, chat: ChatSpec): boolean {
  const { status, extra } = membershipOf(state.world, chat, state.world.bot.id);
  return status === "creator" || (status === "administrator" && extra.can_delete_messages === true);
}
