// Readers for method parameters. grammY sends JSON, but the Bot API also accepts query strings and
// url-encoded forms, where every value is a string and objects arrive JSON-encoded.
import { fail, telegramErrors } from "./telegram-errors.js";

export type Params = Readonly<Record<string, unknown>>;

const invalid = (name: string) => telegramErrors.badRequest(`invalid ${name} specified`);

export function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) fail(invalid(name));
  return number;
}

export function requiredInt(params: Params, name: string): number {
  const value = optionalInt(params, name);
  if (value === undefined) fail(telegramErrors.badRequest(`${name} is empty`));
  return value;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  fail(invalid(name));
}

export function optionalBool(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === "true" || value === "1" || value === 1;
}

/** Objects and arrays: taken as they are from JSON bodies, parsed from strings in forms. */
export function optionalJson<T>(params: Params, name: string): T | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    fail(telegramErrors.badRequest(`can't parse ${name} JSON object`));
  }
}

/** A chat id is an integer or an "@username" of a public chat. */
export function chatIdParam(params: Params, name = "chat_id"): number | string {
  const value = params[name];
  if (value === undefined || value === null || value === "") fail(telegramErrors.badRequest(`${name} is empty`));
  if (typeof value === "string" && value.startsWith("@")) return value;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) fail(telegramErrors.chatNotFound());
  return number;
}
