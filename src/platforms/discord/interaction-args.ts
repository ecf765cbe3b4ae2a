import type { AnyCommand, OptionDefinition } from "../../../commands/types.js";

/** The part of discord.js's option resolver we read: a CHANNEL option's value is the channel id. */
export interface OptionSource {
  get(name: string): { value?: string | number | boolean } | null;
}

/** A slash command's typed options as the shared handler's argument object. */
export function argsFromInteraction(command: AnyCommand, options: OptionSource): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  for (const option of command.options as readonly OptionDefinition[]) {
    const value = options.get(option.name)?.value;
    if (value === undefined) continue;
    args[option.name] = option.type === "integer" ? Number(value) : String(value);
  }
  return args;
}
