// The fake's in-memory Discord: plain records that the routes, the gateway and the test controls
// read and change. Nothing here talks to the network.
import type { NextId } from "./snowflake.js";

export type TextChannelType = 0 | 5; // GuildText | GuildAnnouncement

export interface Identity {
  token: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  memberIds: Set<string>;
}

export interface OverwriteRecord {
  id: string;
  type: 0 | 1; // role | member
  allow: bigint;
  deny: bigint;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  /** False once the bot was removed: its channels answer 403 Missing Access from then on. */
  botIsMember: boolean;
  botRoleId: string;
  roles: Map<string, RoleRecord>;
  /** Explicit per-user permissions for interactions (`setMemberPermissions`). */
  memberPermissions: Map<string, bigint>;
  /** Users GET /guilds/:id/members/:id knows: the owner, the bot, and anyone a test mentioned. */
  memberIds: Set<string>;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  name: string;
  type: TextChannelType;
  topic: string | null;
  position: number;
  deleted: boolean;
  overwrites: OverwriteRecord[];
}

export type JsonObject = Record<string, unknown>;

export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string;
  /** "channel" for POST /channels/:id/messages, "interaction" for replies and follow-ups. */
  source: "channel" | "interaction";
  interactionId: string | null;
  content: string;
  embeds: JsonObject[];
  components: JsonObject[];
  allowedMentions: JsonObject | null;
  flags: number;
  ephemeral: boolean;
  crossposted: boolean;
  deleted: boolean;
  createdAt: number;
  editedAt: number | null;
  /** Every JSON body that created or edited the message, oldest first. */
  bodies: JsonObject[];
}

export type FakeInteractionKind = "slash-command" | "autocomplete" | "button";

export interface InteractionResponseRecord {
  kind: "callback" | "edit" | "followup" | "delete";
  /** The callback type (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  type?: number;
  data?: JsonObject;
  messageId?: string;
  ephemeral: boolean;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: FakeInteractionKind;
  guildId: string;
  channelId: string;
  userId: string;
  /** The message a button sits on. */
  componentMessageId: string | null;
  dispatchedAt: number;
  acknowledgedAt: number | null;
  /** Set when a callback arrived after the deadline and got 404 Unknown interaction. */
  lateCallbackAt: number | null;
  originalMessageId: string | null;
  responses: InteractionResponseRecord[];
}

export interface CommandSet {
  body: unknown;
  commands: JsonObject[];
}

export interface World {
  identity: Identity;
  nextId: NextId;
  guilds: Map<string, GuildRecord>;
  channels: Map<string, ChannelRecord>;
  messages: Map<string, MessageRecord>;
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  globalCommands: CommandSet | null;
  guildCommands: Map<string, CommandSet>;
}

export function createWorld(identity: Identity, nextId: NextId): World {
  return {
    identity,
    nextId,
    guilds: new Map(),
    channels: new Map(),
    messages: new Map(),
    interactions: new Map(),
    interactionsByToken: new Map(),
    globalCommands: null,
    guildCommands: new Map(),
  };
}

/** A channel the API can still see: not deleted (its guild may still have removed the bot). */
export function liveChannel(world: World, channelId: string): ChannelRecord | undefined {
  const channel = world.channels.get(channelId);
  return channel && !channel.deleted ? channel : undefined;
}

export function guildChannels(world: World, guildId: string): ChannelRecord[] {
  return [...world.channels.values()].filter((channel) => channel.guildId === guildId && !channel.deleted);
}

export function channelMessages(world: World, channelId: string): MessageRecord[] {
  return [...world.messages.values()].filter((message) => message.channelId === channelId && !message.ephemeral);
}

export function requireGuild(world: World, guildId: string): GuildRecord {
  const guild = world.guilds.get(guildId);
  if (!guild) throw new Error(`fake Discord: no guild ${guildId}; call addGuild first`);
  return guild;
}

export function requireChannel(world: World, channelId: string): ChannelRecord {
  const channel = liveChannel(world, channelId);
  if (!channel) throw new Error(`fake Discord: no channel ${channelId}; call addChannel first`);
  return channel;
}
