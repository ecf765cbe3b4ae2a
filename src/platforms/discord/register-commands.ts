import { REST } from "discord.js";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Logger } from "../../logger.js";
import { registerCommands, resolveApplicationId } from "./command-registration.js";
import type { DiscordConfig } from "./discord-adapter.js";

export type RegisterDiscordResult = { status: "ok"; commands: number; scope: string } | { status: "error"; error: string };

/**
 * `newsflash register-commands`: bulk-overwrites the slash commands, globally or in
 * DISCORD_GUILD_ID (guild commands show up at once, global ones can take a while), without
 * connecting to the gateway. Records what it registered so the next start-up does not repeat it.
 */
export async function registerDiscordCommands(
  config: DiscordConfig,
  logger: Logger,
  record: { db: Kysely<Database>; commandsVersion: string },
): Promise<RegisterDiscordResult> {
  const rest = new REST({ api: config.apiRoot }).setToken(config.token);
  try {
    const applicationId = await resolveApplicationId(rest, config.applicationId);
    const outcome = await registerCommands(rest, record.db, { applicationId, guildId: config.guildId }, record.commandsVersion);
    logger.info({ scope: outcome.scope, commands: outcome.names.length }, "Discord slash commands registered");
    return { status: "ok", commands: outcome.names.length, scope: outcome.scope };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    logger.error({ error: text }, "Discord refused the slash commands");
    return { status: "error", error: `Discord refused the slash commands: ${text}` };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
