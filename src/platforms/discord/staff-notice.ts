import { ChannelType, PermissionFlagsBits, Routes, type Client, type GuildBasedChannel, type REST } from "discord.js";
import type { Logger } from "../../logger.js";
import { listInWords, missingAlertPermissions } from "./channel-permissions.js";
import type { PermissionLoss } from "./send-errors.js";

export interface StaffNoticeOptions {
  client: Client;
  rest: REST;
  logger: Logger;
  clock?: () => number;
  /** One notice per channel within this time, however many alerts fail. */
  quietMs?: number;
}

const postable = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];

function noticeText(channelId: string, missing: string[]): string {
  const what = missing.length > 0 ? `I am missing ${listInWords(missing)} there` : "I may no longer post there";
  const them = missing.length === 1 ? "that permission" : "those permissions";
  return (
    `⚠️ I stopped posting news alerts in <#${channelId}>: ${what}, so the channel's subscriptions are paused. ` +
    `A server admin can give me ${them} in the channel's settings (Permissions), then run /subscribe again in that channel.`
  );
}

/**
 * When the bot loses the right to post in a subscribed channel, its subscriptions are paused; the
 * staff would otherwise only notice the silence. This posts why, once, where the bot still can:
 * the server's system channel, else the first text channel it may write in.
 */
export function createStaffNotifier(opts: StaffNoticeOptions) {
  const clock = opts.clock ?? Date.now;
  const quietMs = opts.quietMs ?? 6 * 3600_000;
  const lastNotice = new Map<string, number>();

  return async function notifyStaff(channelId: string, loss: PermissionLoss): Promise<void> {
    const lost = opts.client.channels.cache.get(channelId);
    // Not in the cache: the bot left the server (or never saw it), so there is nobody to tell.
    if (!lost || !("guild" in lost)) return;
    const guild = lost.guild;
    const me = guild.members.me;
    const now = clock();
    if (!me || now - (lastNotice.get(channelId) ?? Number.NEGATIVE_INFINITY) < quietMs) return;

    const canPost = (channel: GuildBasedChannel | null): channel is GuildBasedChannel =>
      channel !== null &&
      channel.id !== channelId &&
      (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement) &&
      (channel.permissionsFor(me)?.has(postable) ?? false);
    const byPosition = [...guild.channels.cache.values()].sort((a, b) => ("rawPosition" in a && "rawPosition" in b ? a.rawPosition - b.rawPosition : 0));
    const where = [guild.systemChannel, ...byPosition].find(canPost);
    if (!where) {
      opts.logger.info({ guild: guild.id, channel: channelId }, "lost permissions in a Discord channel and found no other channel to tell the staff");
      return;
    }
    const missing = loss === "missing-access" ? ["View Channel"] : missingAlertPermissions(lost.permissionsFor(me));
    lastNotice.set(channelId, now);
    await opts.rest.post(Routes.channelMessages(where.id), { body: { content: noticeText(channelId, missing), allowed_mentions: { parse: [] } } });
    opts.logger.info({ guild: guild.id, channel: channelId, noticeIn: where.id }, "told the Discord server staff why alerts stopped");
  };
}
