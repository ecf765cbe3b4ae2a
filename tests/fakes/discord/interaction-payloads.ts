// Builds INTERACTION_CREATE payloads with every field discord.js 14.28 reads (it throws without
// `entitlements` and `authorizing_integration_owners`), and the record that tracks the answer.
import { randomBytes } from "node:crypto";
import { ApplicationCommandType, ComponentType, InteractionContextType, InteractionType, Locale } from "discord-api-types/v10";
import { botPermissionsIn } from "./channel-access.js";
import { buildOptions, resolveOptions } from "./command-options.js";
import type { CommandPath, OptionValues } from "./command-options.js";
import { channelPayload, anyUserPayload, memberPayload, messagePayload } from "./payloads.js";
import { channelPermissions, DEFAULT_MEMBER_PERMISSIONS } from "./permissions.js";
import { liveChannel } from "./world.js";
import type { ChannelRecord, FakeInteractionKind, GuildRecord, InteractionRecord, World } from "./world.js";

export interface InteractionSource {
  guildId: string;
  channelId: string;
  userId: string;
  /** The invoking member's permissions in the channel; default: `setMemberPermissions`, else an ordinary member's. */
  memberPermissions?: bigint;
  locale?: Locale;
}

export interface SlashCommandInput extends InteractionSource, CommandPath {
  options?: OptionValues;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option the user is typing in; its value in `options` is the partial text. */
  focused: string;
}

export interface ButtonClickInput extends InteractionSource {
  messageId: string;
  customId: string;
}

export interface BuiltInteraction {
  record: InteractionRecord;
  payload: Record<string, unknown>;
}

function where(world: World, source: InteractionSource): { guild: GuildRecord; channel: ChannelRecord } {
  const guild = world.guilds.get(source.guildId);
  if (!guild?.botIsMember) throw new Error(`fake Discord: the bot is not in guild ${source.guildId}; call addGuild first`);
  const channel = liveChannel(world, source.channelId);
  if (channel?.guildId !== guild.id) throw new Error(`fake Discord: no channel ${source.channelId} in guild ${guild.id}`);
  return { guild, channel };
}

function start(world: World, kind: FakeInteractionKind, source: InteractionSource, componentMessageId: string | null): BuiltInteraction {
  const { guild, channel } = where(world, source);
  guild.memberIds.add(source.userId);
  const record: InteractionRecord = {
    id: world.nextId(),
    token: `aW50ZXJhY3Rpb24${randomBytes(48).toString("base64url")}`,
    kind,
    guildId: guild.id,
    channelId: channel.id,
    userId: source.userId,
    componentMessageId,
    dispatchedAt: Date.now(),
    acknowledgedAt: null,
    lateCallbackAt: null,
    originalMessageId: null,
    responses: [],
  };
  const permissions =
    source.memberPermissions ??
    guild.memberPermissions.get(source.userId) ??
    channelPermissions(guild, channel, source.userId) | DEFAULT_MEMBER_PERMISSIONS;
  const locale = source.locale ?? Locale.EnglishUS;
  const payload = {
    id: record.id,
    application_id: world.identity.applicationId,
    token: record.token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: channel.id,
    channel: channelPayload(channel),
    member: { ...memberPayload(guild, anyUserPayload(world, source.userId)), permissions: permissions.toString() },
    app_permissions: botPermissionsIn(world, channel).toString(),
    locale,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { "0": guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  world.interactions.set(record.id, record);
  world.interactionsByToken.set(record.token, record);
  return { record, payload };
}

function commandData(world: World, input: SlashCommandInput, focused?: string) {
  const guild = where(world, input).guild;
  const options = buildOptions(world, input.guildId, input, input.options ?? {}, focused);
  const registered = [world.guildCommands.get(input.guildId), world.globalCommands]
    .flatMap((set) => set?.commands ?? [])
    .find((command) => command.name === input.name && command.type === ApplicationCommandType.ChatInput);
  const resolved = resolveOptions(world, guild, options);
  return {
    id: typeof registered?.id === "string" ? registered.id : world.nextId(),
    name: input.name,
    type: ApplicationCommandType.ChatInput,
    ...(typeof registered?.guild_id === "string" ? { guild_id: registered.guild_id } : {}),
    options,
    ...(resolved ? { resolved } : {}),
  };
}

export function buildSlashCommand(world: World, input: SlashCommandInput): BuiltInteraction {
  const built = start(world, "slash-command", input, null);
  built.payload.type = InteractionType.ApplicationCommand;
  built.payload.data = commandData(world, input);
  return built;
}

export function buildAutocomplete(world: World, input: AutocompleteInput): BuiltInteraction {
  if (!(input.focused in (input.options ?? {}))) {
    throw new Error(`fake Discord: the focused option "${input.focused}" needs a (partial) value in options`);
  }
  const built = start(world, "autocomplete", input, null);
  built.payload.type = InteractionType.ApplicationCommandAutocomplete;
  built.payload.data = commandData(world, input, input.focused);
  return built;
}

export function buildButtonClick(world: World, input: ButtonClickInput): BuiltInteraction {
  const message = world.messages.get(input.messageId);
  if (!message || message.deleted) throw new Error(`fake Discord: no message ${input.messageId} to click a button on`);
  const built = start(world, "button", input, message.id);
  built.payload.type = InteractionType.MessageComponent;
  built.payload.data = { custom_id: input.customId, component_type: ComponentType.Button };
  built.payload.message = messagePayload(world, message);
  return built;
}
