import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnyCommand, OptionDefinition } from "../../../commands/types.js";

/**
 * Options with this name name a chat to act on (`/subscribe … channel:`): on Discord they become a
 * channel picker instead of free text, so staff choose from the server's channels.
 */
export const CHANNEL_OPTION_NAME = "channel";

/** The kinds of channel alerts can go to: text, and announcement (whose posts can be published). */
export const ALERT_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** Who may see and use `permission: "manage"` commands until a server admin says otherwise. */
export const MANAGE_PERMISSION = PermissionFlagsBits.ManageChannels;

const DESCRIPTION_MAX = 100;

const clip = (text: string) => (text.length <= DESCRIPTION_MAX ? text : text.slice(0, DESCRIPTION_MAX - 1) + "…");

export function isChannelOption(option: OptionDefinition): boolean {
  return option.name === CHANNEL_OPTION_NAME && option.type === "string";
}

function buildOption(option: OptionDefinition): APIApplicationCommandBasicOption {
  const common = { name: option.name, description: clip(option.description), required: option.required };
  if (isChannelOption(option)) {
    return { ...common, type: ApplicationCommandOptionType.Channel, channel_types: [...ALERT_CHANNEL_TYPES] };
  }
  if (option.type === "integer") {
    return {
      ...common,
      type: ApplicationCommandOptionType.Integer,
      ...(option.min !== undefined ? { min_value: option.min } : {}),
      ...(option.max !== undefined ? { max_value: option.max } : {}),
    };
  }
  return { ...common, type: ApplicationCommandOptionType.String, ...(option.autocomplete ? { autocomplete: true } : {}) };
}

/**
 * Discord's slash commands from the shared definitions. Required options go first (Discord
 * rejects a required option after an optional one); "manage" commands are hidden from members
 * without Manage Channels by default, and the handler checks again because admins can change that.
 */
export function buildSlashCommands(commands: readonly AnyCommand[], scope: { global: boolean }): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const options = [...(command.options as readonly OptionDefinition[])].sort((a, b) => Number(b.required) - Number(a.required));
    return {
      type: ApplicationCommandType.ChatInput,
      name: command.name,
      description: clip(command.description),
      options: options.map(buildOption),
      default_member_permissions: command.permission === "manage" ? MANAGE_PERMISSION.toString() : null,
      // Subscriptions belong to server channels: no DMs or group DMs (guild commands are server-only anyway).
      ...(scope.global ? { contexts: [InteractionContextType.Guild] } : {}),
    };
  });
}
