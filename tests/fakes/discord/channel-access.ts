// The checks Discord makes before any channel route, in Discord's order: does the channel exist,
// may the bot see it, does it hold the permissions the action needs.
import { PermissionFlagsBits } from "discord-api-types/v10";
import { missingAccess, missingPermissions, unknownChannel } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { channelPermissions, has } from "./permissions.js";
import { liveChannel } from "./world.js";
import type { ChannelRecord, GuildRecord, World } from "./world.js";

export type ChannelAccess =
  | { allowed: true; channel: ChannelRecord; guild: GuildRecord; permissions: bigint }
  | { allowed: false; reply: FakeReply };

export function botPermissionsIn(world: World, channel: ChannelRecord): bigint {
  const guild = world.guilds.get(channel.guildId);
  return guild?.botIsMember ? channelPermissions(guild, channel, world.identity.botUserId) : 0n;
}

export function accessChannel(world: World, channelId: string, ...needed: bigint[]): ChannelAccess {
  const channel = liveChannel(world, channelId);
  if (!channel) return { allowed: false, reply: unknownChannel() };
  const guild = world.guilds.get(channel.guildId);
  if (!guild?.botIsMember) return { allowed: false, reply: missingAccess() };
  const permissions = botPermissionsIn(world, channel);
  if (!has(permissions, PermissionFlagsBits.ViewChannel)) return { allowed: false, reply: missingAccess() };
  if (needed.some((flag) => !has(permissions, flag))) return { allowed: false, reply: missingPermissions() };
  return { allowed: true, channel, guild, permissions };
}
