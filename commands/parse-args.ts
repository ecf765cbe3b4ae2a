import type { AnyCommand, OptionDefinition } from "./types.js";
import { UserError } from "./user-error.js";

interface Token {
  raw: string;
  value: string;
}

/** Splits on spaces, keeping "quoted phrases" together (the raw form keeps the quotes). */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    tokens.push({ raw: m[0], value: m[1] ?? m[2] ?? "" });
  }
  return tokens;
}

function usageError(command: AnyCommand, problem: string): UserError {
  return new UserError(`${problem}. Usage: ${command.usage}`);
}

function convert(command: AnyCommand, option: OptionDefinition, value: string): string | number {
  if (option.type === "string") return value;
  if (!/^-?\d+$/.test(value)) throw usageError(command, `${option.name} must be a whole number, not "${value}"`);
  const n = Number(value);
  if (option.min !== undefined && n < option.min) throw usageError(command, `${option.name} must be at least ${option.min}`);
  if (option.max !== undefined && n > option.max) throw usageError(command, `${option.name} must be at most ${option.max}`);
  return n;
}

/**
 * Text platforms' arguments: `name:value` sets a named option anywhere on the line, the other
 * options take words in order, and a `rest` option takes what remains, quotes and all.
 */
export function parseTextArgs(command: AnyCommand, input: string): Record<string, string | number | undefined> {
  const options = command.options as readonly OptionDefinition[];
  const args: Record<string, string | number | undefined> = {};
  const named = new Map(options.filter((o) => !o.rest).map((o) => [o.name, o]));
  const positional: Token[] = [];
  for (const token of tokenize(input)) {
    const m = /^([a-z_]+):(.+)$/.exec(token.raw);
    const option = m ? named.get(m[1] ?? "") : undefined;
    if (m && option) args[option.name] = convert(command, option, m[2] ?? "");
    else positional.push(token);
  }
  for (const option of options) {
    if (args[option.name] !== undefined) continue;
    if (option.rest) {
      const rest = positional.splice(0).map((t) => t.raw).join(" ").trim();
      if (rest !== "") args[option.name] = convert(command, option, rest);
    } else if (positional.length > 0) {
      const token = positional.shift();
      if (token) args[option.name] = convert(command, option, token.value);
    }
    if (option.required && args[option.name] === undefined) throw usageError(command, `missing ${option.name}`);
  }
  if (positional.length > 0) throw usageError(command, `unexpected "${positional.map((t) => t.raw).join(" ")}"`);
  return args;
}
