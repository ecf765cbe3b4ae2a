// Discord's permission arithmetic, enough to answer "may the bot post here?" the way the API
// (and discord.js's own cache) would: roles give a base, channel overwrites refine it.
import { PermissionFlagsBits } from "discord-api-types/v10";
import type { ChannelRecord, GuildRecord } from "./world.js";

const Flags = PermissionFlagsBits;

export const ALL_PERMISSIONS = Object.values(Flags).reduce((all, bit) => all | bit, 0n);

/** What an invite link for an alert bot typically grants. */
export const DEFAULT_BOT_PERMISSIONS =
  Flags.ViewChannel | Flags.SendMessages | Flags.EmbedLinks | Flags.AttachFiles | Flags.ReadMessageHistory |
  Flags.AddReactions | Flags.UseExternalEmojis;

/** An ordinary member: may see, talk and use commands, manages nothing. */
export const DEFAULT_MEMBER_PERMISSIONS =
  Flags.ViewChannel | Flags.SendMessages | Flags.ReadMessageHistory | Flags.AddReactions |
  Flags.UseApplicationCommands | Flags.EmbedLinks | Flags.AttachFiles;

export function rolesOf(guild: GuildRecord, userId: string): string[] {
  return [...guild.roles.values()]
    .filter((role) => role.id !== guild.id && role.memberIds.has(userId))
    .map((role) => role.id);
}

function guildPermissions(guild: GuildRecord, userId: string, roleIds: string[]): bigint {
  if (userId === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of roleIds) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
  return permissions & Flags.Administrator ? ALL_PERMISSIONS : permissions;
}

/** Discord's order: @everyone overwrite, then all role overwrites together, then the member's. */
export function channelPermissions(guild: GuildRecord, channel: ChannelRecord, userId: string): bigint {
  const roleIds = rolesOf(guild, userId);
  let permissions = guildPermissions(guild, userId, roleIds);
  if (permissions === ALL_PERMISSIONS) return permissions;

  const everyone = channel.overwrites.find((overwrite) => overwrite.type === 0 && overwrite.id === guild.id);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of channel.overwrites) {
    if (overwrite.type === 0 && roleIds.includes(overwrite.id)) {
      roleAllow |= overwrite.allow;
      roleDeny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;

  const member = channel.overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === userId);
  if (member) permissions = (permissions & ~member.deny) | member.allow;
  return permissions;
}

/** An overwrite that leaves the user with exactly `permissions` in the channel (short of Administrator). */
export function exactMemberOverwrite(userId: string, permissions: bigint) {
  return { id: userId, type: 1 as const, allow: permissions, deny: ALL_PERMISSIONS & ~permissions };
}

export function has(permissions: bigint, flag: bigint): boolean {
  return (permissions & flag) === flag;
}
