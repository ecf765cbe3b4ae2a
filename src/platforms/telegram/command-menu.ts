import { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Kysely } from "kysely";
import { commands } from "../../../commands/index.js";
import { getKv, setKv } from "../../db/kv-queries.js";
import type { Database } from "../../db/schema.js";
import type { Logger } from "../../logger.js";
import { toGrammySignal } from "./grammy-signal.js";
import { telegramErrorText } from "./send-result-from-error.js";
import type { TelegramConfig } from "./telegram-config.js";

/** kv key holding the commands version last sent to Telegram. */
export const COMMANDS_VERSION_KEY = "telegram.commands.version";

/** The "/" menu: every command's name and description, in the registry's order. */
export function menuCommands(): BotCommand[] {
  // Telegram takes 1–256 characters of description; ours are one short line.
  return commands.map((c) => ({ command: c.name, description: c.description.slice(0, 256) }));
}

export type RegisterCommandsResult = { status: "ok"; commands: number } | { status: "error"; error: string };

/** `newsflash register-commands`: publish the menu now. */
export async function registerTelegramCommands(config: TelegramConfig, logger: Logger): Promise<RegisterCommandsResult> {
  const api = new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: 30 });
  const menu = menuCommands();
  try {
    await api.setMyCommands(menu);
  } catch (error) {
    const text = telegramErrorText(error, [config.token]);
    logger.error({ error: text }, "Telegram refused the command menu");
    return { status: "error", error: text };
  }
  logger.info({ commands: menu.length }, "Telegram command menu registered");
  return { status: "ok", commands: menu.length };
}

/**
 * Start-up: publish the menu only when the command definitions changed since the last time, so a
 * restart loop does not call setMyCommands each time. The version is stored after Telegram said yes.
 */
export async function syncCommandMenu(api: Api, db: Kysely<Database>, version: string, signal?: AbortSignal): Promise<"unchanged" | "registered"> {
  if ((await getKv(db, COMMANDS_VERSION_KEY)) === version) return "unchanged";
  await api.setMyCommands(menuCommands(), undefined, signal && toGrammySignal(signal));
  await setKv(db, COMMANDS_VERSION_KEY, version);
  return "registered";
}
