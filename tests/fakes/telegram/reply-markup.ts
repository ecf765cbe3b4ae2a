// The keyboard checks Telegram makes that are easy to trip over: callback_data is 1-64 bytes and
// every button row is an array.
import type { InlineKeyboardMarkup } from "grammy/types";
import type { ReplyMarkup } from "./chat-history.js";
import { fail, telegramErrors } from "./telegram-errors.js";

export function validateReplyMarkup(markup: ReplyMarkup | undefined): void {
  if (markup === undefined || !("inline_keyboard" in markup)) return;
  const rows: unknown = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) fail(telegramErrors.badRequest("field \"inline_keyboard\" must be an Array of Array"));
  for (const button of markup.inline_keyboard.flat()) {
    if ("callback_data" in button) {
      const bytes = Buffer.byteLength(button.callback_data, "utf8");
      if (bytes < 1 || bytes > 64) fail(telegramErrors.badRequest("BUTTON_DATA_INVALID"));
    }
    if ("url" in button && !/^(https?|tg):\/\/\S+$/i.test(button.url)) fail(telegramErrors.badRequest("BUTTON_URL_INVALID"));
  }
}

/** Messages carry only inline keyboards back; reply keyboards live on the client. */
export function inlineKeyboardOf(markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup !== undefined && "inline_keyboard" in markup ? markup : undefined;
}
