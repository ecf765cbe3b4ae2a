import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from "discord.js";
import { findCommand } from "../../../commands/index.js";
import { errorReply, text, type Reply } from "../../../commands/reply.js";
import { parseCommandLine, runCommand, runTextCommand, type RunOptions } from "../../../commands/run-command.js";
import type { AnyCommand, CommandContext, CommandServices, OptionDefinition } from "../../../commands/types.js";
import { publishBacklog } from "../../db/discord-queries.js";
import { chatSubscriptions } from "../../db/subscription-queries.js";
import type { Logger } from "../../logger.js";
import { subscriptionChoices, topicChoices, type Choice } from "./autocomplete-choices.js";
import type { ButtonActions } from "./button-actions.js";
import { discordCommandContext, PLATFORM } from "./command-context.js";
import { errorSummary } from "./error-summary.js";
import { argsFromInteraction } from "./interaction-args.js";
import { renderReplyForDiscord } from "./render-reply.js";
import { answerInteraction, type AnswerableInteraction } from "./respond.js";

export interface InteractionDeps {
  services: CommandServices;
  logger: Logger;
  buttons: ButtonActions;
  /** Defer a reply whose handler has not finished after this long (Discord allows 3 s to answer). */
  deferAfterMs: number;
}

const notAllowed = "You need the Manage Channels permission in this channel to change what it follows. Ask a server admin.";

/** Staff see the publishes waiting for Discord's hourly limit under /subscriptions. */
async function withPublishBacklog(reply: Reply, ctx: CommandContext): Promise<Reply> {
  if (reply.isError || !(await ctx.canManage())) return reply;
  const backlog = await publishBacklog(ctx.services.db, ctx.chat.id);
  if (backlog.count === 0) return reply;
  const n = backlog.count;
  const next = backlog.nextDueAt === null ? "" : ` Next try <t:${Math.ceil(backlog.nextDueAt / 1000)}:R>.`;
  const line = `📣 ${n} alert${n === 1 ? " is" : "s are"} waiting to be published to the servers that follow this channel (Discord allows 10 publishes an hour per channel).${next}`;
  return { ...reply, blocks: [...reply.blocks, text(line)] };
}

export function createInteractionHandler(deps: InteractionDeps) {
  const { services, logger, buttons } = deps;
  const runOptions: RunOptions = { onInternalError: (error, command) => logger.error({ err: error, command }, "command failed") };
  const render = (reply: Reply) => renderReplyForDiscord(reply, (action) => buttons.encode(action));

  /** The shared runner plus what only Discord adds: a clearer refusal and the publish backlog. */
  async function execute(command: AnyCommand | undefined, ctx: CommandContext, run: () => Promise<Reply | null>): Promise<Reply> {
    if (command?.permission === "manage" && !(await ctx.canManage())) return errorReply(notAllowed);
    const reply = (await run()) ?? errorReply("That button does not work here.");
    return command?.name === "subscriptions" ? withPublishBacklog(reply, ctx) : reply;
  }

  async function answer(interaction: AnswerableInteraction, command: AnyCommand | undefined, work: Promise<Reply>): Promise<void> {
    // `work` settles on its own: runCommand turns every handler failure into an error reply.
    const safe = work.catch((error: unknown) => {
      logger.error({ err: error, command: command?.name }, "command failed");
      return errorReply("Something went wrong on our side. Please try again in a minute.");
    });
    await answerInteraction(interaction, safe, {
      slow: command?.slow ?? false,
      deferEphemeral: command?.permission === "manage",
      deferAfterMs: deps.deferAfterMs,
      render,
    });
  }

  async function onSlashCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = findCommand(interaction.commandName);
    if (!command || !interaction.inGuild()) {
      const why = command ? "Use me in a server channel: subscriptions belong to channels." : "I no longer know this command; it will disappear from the menu shortly.";
      await interaction.reply({ ...render(errorReply(why)), flags: MessageFlags.Ephemeral });
      return;
    }
    const ctx = discordCommandContext(interaction, services);
    const args = argsFromInteraction(command, interaction.options);
    await answer(interaction, command, execute(command, ctx, () => runCommand(command, args, ctx, runOptions)));
  }

  /** A button's custom_id is a command line without the slash; clicking it runs that command. */
  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const action = buttons.decode(interaction.customId);
    if (action === undefined || !interaction.inGuild()) {
      await interaction.reply({ ...render(errorReply("This button has expired. Run the command again.")), flags: MessageFlags.Ephemeral });
      return;
    }
    const line = `/${action}`;
    const command = findCommand(parseCommandLine(line)?.name ?? "");
    const ctx = discordCommandContext(interaction, services);
    await answer(interaction, command, execute(command, ctx, () => runTextCommand(line, ctx, runOptions)));
  }

  async function choicesFor(interaction: AutocompleteInteraction): Promise<Choice[]> {
    const focused = interaction.options.getFocused(true);
    const option = (findCommand(interaction.commandName)?.options as readonly OptionDefinition[] | undefined)?.find((o) => o.name === focused.name);
    const typed = String(focused.value);
    if (option?.autocomplete === "topic") return topicChoices(await services.topics.all(), typed);
    if (option?.autocomplete === "subscription") {
      return subscriptionChoices(await chatSubscriptions(services.db, { platform: PLATFORM, chatId: interaction.channelId ?? "" }), typed);
    }
    return [];
  }

  return async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await interaction.respond(await choicesFor(interaction));
      else if (interaction.isChatInputCommand()) await onSlashCommand(interaction);
      else if (interaction.isButton()) await onButton(interaction);
    } catch (error) {
      // Usually the 3-second window passed (10062) or the token expired: nothing left to answer.
      logger.warn({ error: errorSummary(error), interaction: interaction.id }, "could not answer a Discord interaction");
    }
  };
}
