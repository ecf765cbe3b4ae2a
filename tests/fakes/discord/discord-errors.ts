// Error replies shaped like Discord's, usable both by the routes and by tests in `failNext`.
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function discordError(status: number, code: number, message: string, errors?: unknown): FakeReply {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

export const unauthorized = (): FakeReply => discordError(401, 0, "401: Unauthorized");
export const notFound = (): FakeReply => discordError(404, 0, "404: Not Found");
export const unknownApplication = (): FakeReply => discordError(404, 10002, "Unknown Application");
export const unknownChannel = (): FakeReply => discordError(404, 10003, "Unknown Channel");
export const unknownGuild = (): FakeReply => discordError(404, 10004, "Unknown Guild");
export const unknownMember = (): FakeReply => discordError(404, 10007, "Unknown Member");
export const unknownMessage = (): FakeReply => discordError(404, 10008, "Unknown Message");
export const unknownWebhook = (): FakeReply => discordError(404, 10015, "Unknown Webhook");
export const unknownInteraction = (): FakeReply => discordError(404, 10062, "Unknown interaction");
export const alreadyCrossposted = (): FakeReply =>
  discordError(400, 40033, "This message has already been crossposted.");
export const alreadyAcknowledged = (): FakeReply =>
  discordError(400, 40060, "Interaction has already been acknowledged.");
export const missingAccess = (): FakeReply => discordError(403, 50001, "Missing Access");
export const cannotEditOthersMessage = (): FakeReply =>
  discordError(403, 50005, "Cannot edit a message authored by another user");
export const emptyMessage = (): FakeReply => discordError(400, 50006, "Cannot send an empty message");
export const missingPermissions = (): FakeReply => discordError(403, 50013, "Missing Permissions");
export const wrongChannelType = (): FakeReply =>
  discordError(400, 50024, "Cannot execute action on this channel type");
export const invalidFormBody = (errors: unknown): FakeReply => discordError(400, 50035, "Invalid Form Body", errors);
export const serverError = (): FakeReply => ({ status: 500, body: { message: "500: Internal Server Error", code: 0 } });

/**
 * A 429 as Discord sends it: seconds (a float) in the body, and the same wait in `Retry-After`,
 * which is the one @discordjs/rest actually reads. Real Discord rounds the header up to whole
 * seconds; the fake keeps the fraction so tests can use waits of a few hundred milliseconds.
 */
export function rateLimited(retryAfterSeconds: number, options: { global?: boolean; scope?: string } = {}): FakeReply {
  const global = options.global ?? false;
  const headers: Record<string, string> = {
    "Retry-After": formatSeconds(retryAfterSeconds),
    "X-RateLimit-Scope": options.scope ?? (global ? "global" : "user"),
  };
  if (global) headers["X-RateLimit-Global"] = "true";
  return {
    status: 429,
    body: { message: "You are being rate limited.", retry_after: retryAfterSeconds, global },
    headers,
  };
}

export function formatSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}
