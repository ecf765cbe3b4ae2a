import { findCommand } from "./index.js";
import { parseTextArgs } from "./parse-args.js";
import { errorReply, type Reply } from "./reply.js";
import type { AnyCommand, CommandContext } from "./types.js";
import { UserError } from "./user-error.js";

export interface RunOptions {
  /** Where unexpected errors go; users only ever see a generic line. */
  onInternalError: (error: unknown, command: string) => void;
}

const internalErrorText = "Something went wrong on our side. Please try again in a minute.";

/** Runs one command with already-parsed arguments: permission check, handler, error policy. */
export async function runCommand(command: AnyCommand, args: Record<string, unknown>, ctx: CommandContext, opts: RunOptions): Promise<Reply> {
  try {
    if (command.permission === "manage" && !(await ctx.canManage())) {
      return errorReply(
        ctx.chat.kind === "private"
          ? "You are not allowed to change this chat's subscriptions."
          : "Only chat administrators can change this chat's subscriptions. Ask an admin, or use /subscribe in a private chat with me.",
      );
    }
    return await command.handle(ctx, args as Parameters<AnyCommand["handle"]>[1]);
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message);
    opts.onInternalError(error, command.name);
    return errorReply(internalErrorText);
  }
}

export type ParsedCommandLine = { name: string; mention: string | null; argsText: string };

/** Splits "/name@Bot rest…"; null when the text is not a slash command. */
export function parseCommandLine(line: string): ParsedCommandLine | null {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(line.trim());
  if (!m) return null;
  return { name: (m[1] ?? "").toLowerCase(), mention: m[2] ?? null, argsText: (m[3] ?? "").trim() };
}

/**
 * Text platforms (console, Telegram): parse the line, then `runCommand`. Returns null when the
 * line is addressed to another bot (`/help@OtherBot`), which must be ignored, not answered.
 */
export async function runTextCommand(line: string, ctx: CommandContext, opts: RunOptions & { botUsername?: string }): Promise<Reply | null> {
  const parsed = parseCommandLine(line);
  if (!parsed) return errorReply("Commands start with a slash, like /help.");
  if (parsed.mention && opts.botUsername && parsed.mention.toLowerCase() !== opts.botUsername.toLowerCase()) return null;
  const command = findCommand(parsed.name);
  if (!command) return errorReply(`Unknown command /${parsed.name}. /help lists the commands.`);
  let args: Record<string, unknown>;
  try {
    args = parseTextArgs(command, parsed.argsText);
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message);
    throw error;
  }
  return runCommand(command, args, ctx, opts);
}
