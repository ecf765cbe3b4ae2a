// getMe and the bot's command menus, stored per scope and language as Telegram keeps them.
import type { BotCommand, BotCommandScope } from "grammy/types";
import { optionalJson, optionalString, type Params } from "../params.js";
import { fail, telegramErrors } from "../telegram-errors.js";
import type { MethodTable } from "./method-handler.js";

export function scopeKey(scope: BotCommandScope | undefined, languageCode: string | undefined): string {
  const { type, ...target } = scope ?? { type: "default" };
  const chat = "chat_id" in target ? String(target.chat_id) : "";
  const user = "user_id" in target ? String(target.user_id) : "";
  return [type, chat, user, languageCode ?? ""].join("|");
}

const keyOf = (params: Params) =>
  scopeKey(optionalJson<BotCommandScope>(params, "scope"), optionalString(params, "language_code"));

export const botProfileMethods: MethodTable = {
  getMe: (_params, { state }) => state.botInfo,

  setMyCommands(params, { state }) {
    const commands = optionalJson<BotCommand[]>(params, "commands");
    if (!Array.isArray(commands)) fail(telegramErrors.badRequest('parameter "commands" is required'));
    if (commands.length > 100) fail(telegramErrors.badRequest("BOT_COMMANDS_TOO_MUCH"));
    for (const { command, description } of commands) {
      if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) fail(telegramErrors.badRequest("BOT_COMMAND_INVALID"));
      if (typeof description !== "string" || description.length < 1 || description.length > 256) {
        fail(telegramErrors.badRequest("BOT_COMMAND_DESCRIPTION_INVALID"));
      }
    }
    // An empty list clears the scope, like deleteMyCommands.
    if (commands.length === 0) state.commands.delete(keyOf(params));
    else state.commands.set(keyOf(params), commands.map(({ command, description }) => ({ command, description })));
    return true;
  },

  // No fallback to wider scopes: Telegram answers exactly what was set for this scope and language.
  getMyCommands: (params, { state }) => state.commands.get(keyOf(params)) ?? [],

  deleteMyCommands(params, { state }) {
    state.commands.delete(keyOf(params));
    return true;
  },
};
