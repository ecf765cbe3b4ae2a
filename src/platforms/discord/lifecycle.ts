import { Events, type Client, type Guild } from "discord.js";
import type { Kysely } from "kysely";
import { dropPendingForChat } from "../../db/delivery-queries.js";
import type { Database } from "../../db/schema.js";
import { deactivateChat } from "../../db/subscription-queries.js";
import type { Logger } from "../../logger.js";
import type { PlatformState } from "../platform.js";
import { PLATFORM } from "./command-context.js";

export interface LifecycleOptions {
  client: Client;
  db: Kysely<Database>;
  logger: Logger;
  setState: (state: PlatformState, detail?: string) => void;
  /** A channel can never receive alerts again: drop what waits to be published there. */
  forgetChannel: (channelId: string) => Promise<void>;
}

/**
 * Server and channel lifecycle, and the gateway connection's. By the time discord.js emits
 * `guildDelete` it has already emptied the guild's channel cache, so which channels belonged to
 * which server is remembered here as servers and channels appear.
 */
export function watchLifecycle(opts: LifecycleOptions): void {
  const { client, db, logger } = opts;
  const guildOf = new Map<string, string>();
  const remember = (guild: Guild) => {
    for (const id of guild.channels.cache.keys()) guildOf.set(id, guild.id);
  };

  async function deactivate(channelIds: string[], reason: string): Promise<number> {
    let subscriptions = 0;
    for (const chatId of channelIds) {
      const chat = { platform: PLATFORM, chatId };
      subscriptions += await deactivateChat(db, chat, reason);
      await dropPendingForChat(db, chat, reason);
      await opts.forgetChannel(chatId);
      guildOf.delete(chatId);
    }
    return subscriptions;
  }

  const onFailure = (what: string) => (error: unknown) => logger.error({ err: error }, `could not deactivate subscriptions after ${what}`);

  client.on(Events.ClientReady, (ready) => {
    ready.guilds.cache.forEach(remember);
    opts.setState("running");
  });
  client.on(Events.GuildCreate, remember);
  client.on(Events.GuildAvailable, remember);
  client.on(Events.ChannelCreate, (channel) => guildOf.set(channel.id, channel.guildId));
  client.on(Events.ThreadCreate, (thread) => guildOf.set(thread.id, thread.guildId));

  client.on(Events.GuildDelete, (guild) => {
    const channels = [...guildOf].filter(([, guildId]) => guildId === guild.id).map(([channelId]) => channelId);
    deactivate(channels, "the bot was removed from the Discord server").then((n) => {
      logger.info({ guild: guild.id, channels: channels.length, subscriptions: n }, "removed from a Discord server; its subscriptions are deactivated");
    }, onFailure("leaving a server"));
  });
  client.on(Events.ChannelDelete, (channel) => {
    deactivate([channel.id], "the Discord channel was deleted").then((n) => {
      if (n > 0) logger.info({ channel: channel.id, subscriptions: n }, "a subscribed Discord channel was deleted; its subscriptions are deactivated");
    }, onFailure("a channel deletion"));
  });
  client.on(Events.ThreadDelete, (thread) => {
    deactivate([thread.id], "the Discord thread was deleted").catch(onFailure("a thread deletion"));
  });
  client.on(Events.GuildUnavailable, (guild) => logger.warn({ guild: guild.id }, "a Discord server is unavailable (outage); its subscriptions stay"));

  let reconnecting = false;
  client.on(Events.ShardReconnecting, (shard) => {
    reconnecting = true;
    opts.setState("reconnecting");
    logger.warn({ shard }, "Discord gateway connection lost; reconnecting");
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    reconnecting = false;
    opts.setState("running");
    logger.info({ shard, replayedEvents: replayed }, "Discord gateway session resumed");
  });
  client.on(Events.ShardReady, (shard) => {
    client.guilds.cache.forEach(remember);
    if (!reconnecting) return;
    reconnecting = false;
    opts.setState("running");
    logger.info({ shard }, "Discord gateway reconnected with a new session");
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    opts.setState("error", `gateway closed with code ${event.code}`);
    logger.error({ shard, code: event.code }, "Discord closed the gateway connection for good (bad token or intents?)");
  });
  client.on(Events.ShardError, (error, shard) => logger.warn({ shard, error: error.message }, "Discord gateway connection error"));
  // Without a listener an "error" event would throw; it only ever means something to log.
  client.on(Events.Error, (error) => logger.error({ error: error.message }, "Discord client error"));
  client.on(Events.Invalidated, () => {
    opts.setState("error", "session invalidated");
    logger.error("Discord invalidated the session; the client stopped");
  });
}
