import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";
import type { SendResult } from "../../delivery/send-result.js";

/** Why the bot lost a channel it could post in, when staff can do something about it. */
export type PermissionLoss = "missing-access" | "missing-permissions";

// The channel is gone, or the bot can no longer see it or post there: sending again cannot help.
const goneCodes = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, "Unknown Channel: the channel was deleted"],
  [RESTJSONErrorCodes.UnknownGuild, "Unknown Guild: the server was deleted"],
  [RESTJSONErrorCodes.MissingAccess, "Missing Access: the bot can no longer see the channel"],
  [RESTJSONErrorCodes.MissingPermissions, "Missing Permissions: the bot may no longer post embeds in the channel"],
]);

function retryAfter(ms: number, global: boolean, what: string): SendResult {
  const wait = Math.max(0, Math.ceil(ms));
  return { status: "retry-after", retryAfterMs: wait, scope: global ? "global" : "chat", error: `${what}: retry after ${wait} ms${global ? " (global limit)" : ""}` };
}

function isNetworkError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return error.name === "AbortError" || error.name === "TimeoutError" || error.message === "fetch failed" || (typeof code === "string" && /^(E[A-Z]+|UND_ERR)/.test(code));
}

/**
 * Sorts whatever discord.js threw while sending an alert into the dispatcher's classes. Pure:
 * the only input is the error, so every branch has a unit test.
 */
export function mapSendError(error: unknown): SendResult {
  if (error instanceof RateLimitError) {
    // A 429 (retryAfter from Retry-After) or a bucket discord.js knew was empty (timeToReset).
    return retryAfter(error.retryAfter > 0 ? error.retryAfter : error.timeToReset, error.global, `rate limited on ${error.method.toUpperCase()} ${error.route}`);
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    if (error.status === 429) {
      const body = error.rawError as { retry_after?: unknown; global?: unknown };
      const seconds = typeof body.retry_after === "number" ? body.retry_after : 1;
      return retryAfter(seconds * 1000, body.global === true, "rate limited (429)");
    }
    const gone = goneCodes.get(code);
    if (gone) return { status: "gone", error: `${gone} (${code})` };
    if (error.status >= 500) return { status: "transient", error: `Discord answered ${error.status}: ${error.message}` };
    // A refused token concerns every chat, not this one: keep the alert until the operator fixes it.
    if (error.status === 401) return { status: "transient", error: "Discord refused the bot token (401); check DISCORD_TOKEN" };
    return { status: "rejected", error: `Discord refused the message (${error.status}, code ${code}): ${error.message}` };
  }
  if (error instanceof HTTPError) {
    return error.status >= 500 ? { status: "transient", error: `Discord answered ${error.status} ${error.message}` } : { status: "rejected", error: `Discord answered ${error.status} ${error.message}` };
  }
  if (error instanceof Error && isNetworkError(error)) return { status: "transient", error: `network: ${error.message}` };
  // Anything else is unexpected: retrying later loses nothing, dropping could lose an alert.
  return { status: "transient", error: error instanceof Error ? error.message : String(error) };
}

/** Whether staff could fix the failure by giving the bot its permissions back. */
export function permissionLossOf(error: unknown): PermissionLoss | null {
  if (!(error instanceof DiscordAPIError)) return null;
  if (error.code === RESTJSONErrorCodes.MissingPermissions) return "missing-permissions";
  if (error.code === RESTJSONErrorCodes.MissingAccess) return "missing-access";
  return null;
}
