import { optionalBool, optionalInt, optionalString } from "../params.js";
import { fail, telegramErrors } from "../telegram-errors.js";
import type { MethodTable } from "./method-handler.js";

export const callbackMethods: MethodTable = {
  answerCallbackQuery(params, { state }) {
    const query = state.callbackQueries.get(optionalString(params, "callback_query_id") ?? "");
    // Telegram accepts one answer per query; a second one gets the same error as an unknown id.
    if (!query || query.answer) {
      fail(telegramErrors.badRequest("query is too old and response timeout expired or query ID is invalid"));
    }
    const text = optionalString(params, "text");
    const url = optionalString(params, "url");
    const cacheTime = optionalInt(params, "cache_time");
    query.answer = {
      ...(text === undefined ? {} : { text }),
      show_alert: optionalBool(params, "show_alert"),
      ...(url === undefined ? {} : { url }),
      ...(cacheTime === undefined ? {} : { cache_time: cacheTime }),
    };
    return true;
  },
};
