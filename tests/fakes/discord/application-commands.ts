// Bulk overwrite of application commands: checks the rules Discord rejects registrations for and
// keeps ids stable for commands that survive an overwrite, as Discord does.
import { invalidFormBody } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { asObject } from "./message-body.js";
import type { CommandSet, JsonObject } from "./world.js";

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;
const CHAT_INPUT = 1;

function problem(path: string, message: string): JsonObject {
  const root: JsonObject = {};
  let node = root;
  for (const key of path.split(".")) node = (node[key] ??= {}) as JsonObject;
  node._errors = [{ code: "INVALID_COMMAND", message }];
  return root;
}

function checkOptions(options: unknown, path: string): JsonObject | null {
  if (options === undefined) return null;
  if (!Array.isArray(options) || options.length > 25) return problem(path, "Must be an array of 25 or fewer options.");
  for (const [index, raw] of options.entries()) {
    const option = asObject(raw);
    const at = `${path}.${index}`;
    if (typeof option.name !== "string" || !NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
      return problem(`${at}.name`, "Option names are 1-32 lowercase letters, digits, - or _.");
    }
    if (typeof option.description !== "string" || option.description.length < 1 || option.description.length > 100) {
      return problem(`${at}.description`, "Must be between 1 and 100 in length.");
    }
    if (Array.isArray(option.choices) && option.choices.length > 25) return problem(`${at}.choices`, "Must be 25 or fewer in length.");
    const nested = checkOptions(option.options, `${at}.options`);
    if (nested) return nested;
  }
  return null;
}

export function checkCommandList(list: unknown): FakeReply | null {
  if (!Array.isArray(list)) return invalidFormBody(problem("_root", "Expected an array of commands."));
  if (list.length > 100) return invalidFormBody(problem("_root", "Must be 100 or fewer in length."));
  const seen = new Set<string>();
  for (const [index, raw] of list.entries()) {
    const command = asObject(raw);
    const type = typeof command.type === "number" ? command.type : CHAT_INPUT;
    const name = command.name;
    if (typeof name !== "string" || !NAME.test(name) || (type === CHAT_INPUT && name !== name.toLowerCase())) {
      return invalidFormBody(problem(`${index}.name`, "Command names are 1-32 lowercase letters, digits, - or _."));
    }
    if (seen.has(`${type}:${name}`)) return invalidFormBody(problem(`${index}.name`, "Application command names must be unique"));
    seen.add(`${type}:${name}`);
    if (type === CHAT_INPUT) {
      const description = command.description;
      if (typeof description !== "string" || description.length < 1 || description.length > 100) {
        return invalidFormBody(problem(`${index}.description`, "Must be between 1 and 100 in length."));
      }
      const options = checkOptions(command.options, `${index}.options`);
      if (options) return invalidFormBody(options);
    }
  }
  return null;
}

export function overwriteCommands(
  previous: CommandSet | undefined | null,
  list: unknown[],
  ids: { applicationId: string; guildId?: string; nextId: () => string },
): CommandSet {
  const commands = list.map((raw) => {
    const command = asObject(raw);
    const type = typeof command.type === "number" ? command.type : CHAT_INPUT;
    const kept = previous?.commands.find((old) => old.name === command.name && old.type === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      options: [],
      description: "",
      ...command,
      id: typeof kept?.id === "string" ? kept.id : ids.nextId(),
      application_id: ids.applicationId,
      version: ids.nextId(),
      type,
      ...(ids.guildId ? { guild_id: ids.guildId } : {}),
    };
  });
  return { body: list, commands };
}
