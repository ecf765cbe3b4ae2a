import type { Readable, Writable } from "node:stream";
import type { Config } from "../config.js";
import type { AdapterDeps } from "./adapter-deps.js";
import { createConsoleAdapter } from "./console/console-adapter.js";
import { createDiscordAdapter } from "./discord/discord-adapter.js";
import type { PlatformAdapter } from "./platform.js";
import { createTelegramAdapter } from "./telegram/telegram-adapter.js";

export type CreateAdaptersResult = { status: "ok"; adapters: PlatformAdapter[]; consoleMode: boolean } | { status: "error"; error: string };

/**
 * One adapter per configured platform; the console channel when no platform token is set.
 * Each platform's branch is one line so the adapters stay independent of each other.
 */
export async function createAdapters(config: Config, deps: AdapterDeps, io: { stdin: Readable; stdout: Writable }): Promise<CreateAdaptersResult> {
  const adapters: PlatformAdapter[] = [];
  // TELEGRAM
  if (config.telegram) adapters.push(createTelegramAdapter(config.telegram, deps));
  // DISCORD
  if (config.discord) adapters.push(createDiscordAdapter(config.discord, deps));
  if (adapters.length > 0) return { status: "ok", adapters, consoleMode: false };
  deps.logger.info("no TELEGRAM_BOT_TOKEN or DISCORD_TOKEN set: running the local console channel (type /help)");
  return { status: "ok", adapters: [createConsoleAdapter({ services: deps.services, logger: deps.logger, input: io.stdin, output: io.stdout })], consoleMode: true };
}
