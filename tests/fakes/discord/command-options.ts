// Turns a test's `{ topic: "ai", limit: 5 }` into Discord's option list. Option types come from
// the commands the bot registered (so 5 is an INTEGER or a NUMBER as declared); without a
// registration they are guessed from the JavaScript value.
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { APIInteractionDataResolved } from "discord-api-types/v10";
import { botPermissionsIn } from "./channel-access.js";
import { asObject } from "./message-body.js";
import { anyUserPayload, memberPayload, rolePayload } from "./payloads.js";
import type { GuildRecord, JsonObject, World } from "./world.js";

export type OptionValue = string | number | boolean;
export type OptionValues = Record<string, OptionValue>;

export interface CommandPath {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
}

export interface RawOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: RawOption[];
}

function declaredCommand(world: World, guildId: string, name: string): JsonObject | undefined {
  const sets = [world.guildCommands.get(guildId), world.globalCommands];
  for (const set of sets) {
    const found = set?.commands.find((command) => command.name === name && command.type === 1);
    if (found) return found;
  }
  return undefined;
}

function childOptions(parent: JsonObject | undefined, name: string | undefined): JsonObject | undefined {
  if (!parent || name === undefined) return parent;
  const options = Array.isArray(parent.options) ? parent.options.map(asObject) : [];
  return options.find((option) => option.name === name);
}

function guessType(value: OptionValue): number {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/** The option list for a command, nested under its subcommand (group) as Discord sends it. */
export function buildOptions(world: World, guildId: string, path: CommandPath, values: OptionValues, focused?: string): RawOption[] {
  const leaf = childOptions(childOptions(declaredCommand(world, guildId, path.name), path.subcommandGroup), path.subcommand);
  const declared = Array.isArray(leaf?.options) ? leaf.options.map(asObject) : [];
  let options: RawOption[] = Object.entries(values).map(([name, value]) => {
    const type = declared.find((option) => option.name === name)?.type;
    const option: RawOption = { name, type: typeof type === "number" ? type : guessType(value), value };
    if (name === focused) option.focused = true;
    return option;
  });
  if (path.subcommand !== undefined) {
    options = [{ name: path.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
  }
  if (path.subcommandGroup !== undefined) {
    options = [{ name: path.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options }];
  }
  return options;
}

function leaves(options: RawOption[]): RawOption[] {
  return options.flatMap((option) => (option.options ? leaves(option.options) : [option]));
}

/** Channel, role and user options carry ids; Discord sends the objects they name alongside. */
export function resolveOptions(world: World, guild: GuildRecord, options: RawOption[]): APIInteractionDataResolved | undefined {
  const resolved: APIInteractionDataResolved = {};
  for (const option of leaves(options)) {
    const id = String(option.value);
    const channel = world.channels.get(id);
    const role = guild.roles.get(id);
    const isUser = option.type === ApplicationCommandOptionType.User || (option.type === ApplicationCommandOptionType.Mentionable && !role);
    if (option.type === ApplicationCommandOptionType.Channel && channel) {
      const permissions = botPermissionsIn(world, channel).toString();
      (resolved.channels ??= {})[id] = { id, name: channel.name, type: channel.type, permissions };
    } else if ((option.type === ApplicationCommandOptionType.Role || option.type === ApplicationCommandOptionType.Mentionable) && role) {
      (resolved.roles ??= {})[id] = rolePayload(role);
    } else if (isUser) {
      const user = anyUserPayload(world, id);
      (resolved.users ??= {})[id] = user;
      const { user: _user, ...member } = memberPayload(guild, user);
      (resolved.members ??= {})[id] = { ...member, permissions: "0" };
    }
  }
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}
