import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from "discord.js";
import type { Reply } from "../../../commands/reply.js";
import type { DiscordReplyBody } from "./render-reply.js";

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction;

export interface AnswerOptions {
  /** The command says it may take longer than a second: acknowledge at once. */
  slow: boolean;
  /** Defer so that only the caller sees the "thinking…" state (commands whose replies are confirmations). */
  deferEphemeral: boolean;
  /** Discord fails an interaction not acknowledged within 3 s; defer when the work takes longer than this. */
  deferAfterMs: number;
  render: (reply: Reply) => DiscordReplyBody;
}

const ephemeralFlag = (ephemeral: boolean | undefined) => (ephemeral ? MessageFlags.Ephemeral : undefined);

/** Resolves with "late" if `work` has not finished within `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Answers an interaction with the reply `work` produces: one immediate reply when it is fast,
 * otherwise `deferReply` first (at once for slow commands, after `deferAfterMs` for anything that
 * turns out slow) and `editReply` later. A reply can only become ephemeral at its first answer,
 * so an ephemeral reply to a public deferral replaces it with an ephemeral follow-up.
 */
export async function answerInteraction(interaction: AnswerableInteraction, work: Promise<Reply>, opts: AnswerOptions): Promise<void> {
  let deferred = false;
  const defer = async () => {
    deferred = true;
    await interaction.deferReply({ flags: ephemeralFlag(opts.deferEphemeral) });
  };
  let reply: Reply;
  if (opts.slow) {
    await defer();
    reply = await work;
  } else {
    const early = await within(work, opts.deferAfterMs);
    if (early === "late") await defer();
    reply = early === "late" ? await work : early;
  }

  const body = opts.render(reply);
  if (!deferred) {
    await interaction.reply({ ...body, flags: ephemeralFlag(reply.ephemeral) });
  } else if (reply.ephemeral && !opts.deferEphemeral) {
    await interaction.deleteReply();
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply(body);
  }
}
