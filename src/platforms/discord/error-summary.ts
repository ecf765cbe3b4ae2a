import { DiscordAPIError, HTTPError } from "discord.js";

/**
 * An error as a log field without its request URL: interaction and webhook URLs carry tokens
 * that let anyone answer as the bot for 15 minutes.
 */
export function errorSummary(error: unknown): { message: string; code?: number | string; status?: number } {
  if (error instanceof DiscordAPIError) return { message: error.message, code: error.code, status: error.status };
  if (error instanceof HTTPError) return { message: error.message, status: error.status };
  return { message: error instanceof Error ? error.message : String(error) };
}
