// Test-side changes to the world. Each returns what changed; the caller announces it on the gateway.
import { DEFAULT_BOT_PERMISSIONS, exactMemberOverwrite } from "./permissions.js";
import type { ChannelRecord, GuildRecord, RoleRecord, TextChannelType, World } from "./world.js";
import { requireChannel, requireGuild } from "./world.js";

export interface GuildInput {
  id?: string;
  name?: string;
  ownerId?: string;
}

export interface ChannelInput {
  id?: string;
  guildId: string;
  name?: string;
  /** 0 text (default), 5 announcement (the only kind that can crosspost). */
  type?: TextChannelType;
  topic?: string;
}

export interface RoleInput {
  id?: string;
  guildId: string;
  name?: string;
  permissions?: bigint;
  memberIds?: string[];
}

/**
 * Adds a guild the bot is in, or brings back one it left or that had an outage. @everyone grants
 * nothing, so the bot's permissions are exactly its role's (DEFAULT_BOT_PERMISSIONS until changed).
 */
export function putGuild(world: World, input: GuildInput): GuildRecord {
  const existing = input.id === undefined ? undefined : world.guilds.get(input.id);
  if (existing) {
    existing.botIsMember = true;
    existing.memberIds.add(world.identity.botUserId);
    if (input.name !== undefined) existing.name = input.name;
    return existing;
  }
  const id = input.id ?? world.nextId();
  const ownerId = input.ownerId ?? world.nextId();
  const botRoleId = world.nextId();
  const roles = new Map<string, RoleRecord>([
    [id, { id, name: "@everyone", permissions: 0n, position: 0, managed: false, memberIds: new Set() }],
    [botRoleId, {
      id: botRoleId,
      name: world.identity.botUsername,
      permissions: DEFAULT_BOT_PERMISSIONS,
      position: 1,
      managed: true,
      memberIds: new Set([world.identity.botUserId]),
    }],
  ]);
  const guild: GuildRecord = {
    id,
    name: input.name ?? `Guild ${id}`,
    ownerId,
    botIsMember: true,
    botRoleId,
    roles,
    memberPermissions: new Map(),
    memberIds: new Set([ownerId, world.identity.botUserId]),
  };
  world.guilds.set(id, guild);
  return guild;
}

export function putChannel(world: World, input: ChannelInput): ChannelRecord {
  requireGuild(world, input.guildId);
  const id = input.id ?? world.nextId();
  const position = [...world.channels.values()].filter((channel) => channel.guildId === input.guildId).length;
  const channel: ChannelRecord = {
    id,
    guildId: input.guildId,
    name: input.name ?? `channel-${id}`,
    type: input.type ?? 0,
    topic: input.topic ?? null,
    position,
    deleted: false,
    overwrites: [],
  };
  world.channels.set(id, channel);
  return channel;
}

export function putRole(world: World, input: RoleInput): RoleRecord {
  const guild = requireGuild(world, input.guildId);
  const id = input.id ?? world.nextId();
  const role: RoleRecord = {
    id,
    name: input.name ?? `role-${id}`,
    permissions: input.permissions ?? 0n,
    position: guild.roles.size,
    managed: false,
    memberIds: new Set(input.memberIds ?? []),
  };
  guild.roles.set(id, role);
  for (const userId of role.memberIds) guild.memberIds.add(userId);
  return role;
}

export type PermissionChange =
  | { scope: "guild"; guild: GuildRecord; role: RoleRecord }
  | { scope: "channel"; channel: ChannelRecord };

/** On a guild id: the bot role's permissions. On a channel id: an overwrite leaving exactly these bits. */
export function changeBotPermissions(world: World, targetId: string, permissions: bigint): PermissionChange {
  const guild = world.guilds.get(targetId);
  if (guild) {
    const role = guild.roles.get(guild.botRoleId) as RoleRecord;
    role.permissions = permissions;
    return { scope: "guild", guild, role };
  }
  const channel = requireChannel(world, targetId);
  const botUserId = world.identity.botUserId;
  channel.overwrites = [
    ...channel.overwrites.filter((overwrite) => !(overwrite.type === 1 && overwrite.id === botUserId)),
    exactMemberOverwrite(botUserId, permissions),
  ];
  return { scope: "channel", channel };
}
