import type { Readable, Writable } from "node:stream";
import type { Config } from "../config.js";
import type { AdapterDeps } from "./adapter-deps.js";
import { createConsoleAdapter } from "./console/console-adapter.js";
import type { PlatformAdapter } from "./platform.js";

export type CreateAdaptersResult = { status: "ok"; adapters: PlatformAdapter[]; consoleMode: boolean } | { status: "error"; error: string };

/**
 * One adapter per configured platform; the console channel when no platform token is set.
 * Each platform's branch is one line so the adapters stay independent of each other.
 */
export async function createAdapters(config: Config, deps: AdapterDeps, io: { stdin: Readable; stdout: Writable }): Promise<CreateAdaptersResult> {
  const adapters: PlatformAdapter[] = [];
  // TELEGRAM
  if (config.telegram) return { status: "error", error: "TELEGRAM_BOT_TOKEN: the Telegram adapter is not part of this version yet; unset it to use the console channel" };
  // DISCORD
  if (config.discord) return { status: "error", error: "DISCORD_TOKEN: the Discord adapter is not part of this version yet; unset it to use the console channel" };
  if (adapters.length > 0) return { status: "ok", adapters, consoleMode: false };
  deps.logger.info("no TELEGRAM_BOT_TOKEN or DISCORD_TOKEN set: running the local console channel (type /help)");
  return { status: "ok", adapters: [createConsoleAdapter({ services: deps.services, logger: deps.logger, input: io.stdin, output: io.stdout })], consoleMode: true };
}
