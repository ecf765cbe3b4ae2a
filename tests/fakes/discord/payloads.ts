// Records → the JSON shapes Discord sends, typed with discord-api-types so a missing field is a
// compile error rather than a discord.js crash at runtime.
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  MessageType,
} from "discord-api-types/v10";
import type {
  APIEmbed,
  APIGuild,
  APIGuildMember,
  APIMessage,
  APIMessageTopLevelComponent,
  APINewsChannel,
  APIRole,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RoleFlags,
} from "discord-api-types/v10";
import { rolesOf } from "./permissions.js";
import { guildChannels } from "./world.js";
import type { ChannelRecord, GuildRecord, MessageRecord, RoleRecord, World } from "./world.js";

export function userPayload(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: "0", global_name: bot ? null : username, avatar: null, bot };
}

export function botUserPayload(world: World): APIUser {
  return userPayload(world.identity.botUserId, world.identity.botUsername, true);
}

export function rolePayload(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function channelPayload(channel: ChannelRecord): APITextChannel | APINewsChannel {
  const common = {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    topic: channel.topic,
    nsfw: false,
    parent_id: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    permission_overwrites: channel.overwrites.map((overwrite) => ({
      id: overwrite.id,
      type: overwrite.type,
      allow: overwrite.allow.toString(),
      deny: overwrite.deny.toString(),
    })),
  };
  return channel.type === 5
    ? { ...common, type: ChannelType.GuildAnnouncement }
    : { ...common, type: ChannelType.GuildText };
}

export function memberPayload(guild: GuildRecord, user: APIUser): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: rolesOf(guild, user.id),
    joined_at: new Date(0).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function guildPayload(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()].map(rolePayload),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    incidents_data: null,
  };
}

/** GUILD_CREATE carries the bot's own member so discord.js can compute `guild.members.me` permissions. */
export function guildCreatePayload(world: World, guild: GuildRecord): GatewayGuildCreateDispatchData {
  const channels = guildChannels(world, guild.id);
  return {
    ...guildPayload(guild),
    unavailable: false,
    joined_at: new Date(0).toISOString(),
    large: false,
    member_count: 1,
    members: [memberPayload(guild, botUserPayload(world))],
    channels: channels.map(channelPayload),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function messagePayload(world: World, message: MessageRecord): APIMessage {
  const payload: APIMessage = {
    id: message.id,
    channel_id: message.channelId,
    author: botUserPayload(world),
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: message.embeds as unknown as APIEmbed[],
    components: message.components as unknown as APIMessageTopLevelComponent[],
    pinned: false,
    type: message.source === "interaction" ? MessageType.ChatInputCommand : MessageType.Default,
    flags: message.flags,
  };
  if (message.source === "interaction") {
    payload.webhook_id = world.identity.applicationId;
    payload.application_id = world.identity.applicationId;
  }
  return payload;
}

/** Test users have no profile; a stable made-up name keeps discord.js's User happy. */
export function anyUserPayload(world: World, userId: string): APIUser {
  return userId === world.identity.botUserId ? botUserPayload(world) : userPayload(userId, `user${userId}`);
}
