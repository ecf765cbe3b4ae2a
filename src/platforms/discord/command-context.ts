import { ChannelType, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { CommandContext, CommandServices } from "../../../commands/types.js";
import { UserError } from "../../../commands/user-error.js";
import { listInWords, missingAlertPermissions } from "./channel-permissions.js";
import { MANAGE_PERMISSION } from "./slash-commands.js";

export const PLATFORM = "discord";

type CommandInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** The channel id from a channel option's value, or from a `<#id>` mention typed into a button line. */
function channelIdOf(ref: string): string | undefined {
  return /^<#(\d{17,20})>$/.exec(ref.trim())?.[1] ?? (/^\d{17,20}$/.test(ref.trim()) ? ref.trim() : undefined);
}

/**
 * `/subscribe channel:#x`: the caller must be allowed to manage #x (not just the channel they typed
 * in), and the bot must be able to post embeds there, or the first alert would fail.
 */
async function resolveTargetChannel(interaction: CommandInteraction, ref: string): Promise<{ id: string; title: string; threadId: null }> {
  const id = channelIdOf(ref);
  if (!id) throw new UserError("Pick the channel from the list Discord offers for the channel option.");
  if (!interaction.inCachedGuild()) throw new UserError("I cannot see this server's channels right now. Try again in a minute.");
  const channel = interaction.guild.channels.cache.get(id);
  if (!channel) throw new UserError("That channel is not in this server, or I cannot see it.");
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new UserError(`#${channel.name} is not a text or announcement channel; alerts can only go to those.`);
  }
  if (!channel.permissionsFor(interaction.member).has(MANAGE_PERMISSION)) {
    throw new UserError(`You need the Manage Channels permission in #${channel.name} to choose what it follows.`);
  }
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
  const missing = missingAlertPermissions(channel.permissionsFor(me));
  if (missing.length > 0) {
    const them = missing.length === 1 ? "that permission" : "those permissions";
    throw new UserError(`I cannot post alerts in #${channel.name}: I am missing ${listInWords(missing)} there. Give me ${them} in the channel's settings (Permissions), then try again.`);
  }
  return { id: channel.id, title: `#${channel.name}`, threadId: null };
}

function channelTitle(interaction: CommandInteraction): string | undefined {
  const channel = interaction.channel;
  return channel && "name" in channel && channel.name ? `#${channel.name}` : undefined;
}

/** Who, where and with which rights, for the shared command handlers. A channel is the chat. */
export function discordCommandContext(interaction: CommandInteraction, services: CommandServices): CommandContext {
  return {
    platform: PLATFORM,
    chat: { id: interaction.channelId, threadId: null, kind: "group", title: channelTitle(interaction) },
    user: { id: interaction.user.id, name: interaction.user.displayName },
    // The member's permissions in this very channel, as Discord computed them for the interaction:
    // an admin may have made the command visible to everyone, so the definition's default is not enough.
    canManage: async () => interaction.memberPermissions?.has(MANAGE_PERMISSION) ?? false,
    resolveTargetChat: (ref) => resolveTargetChannel(interaction, ref),
    services,
  };
}
