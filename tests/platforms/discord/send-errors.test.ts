import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { mapSendError, permissionLossOf } from "../../../src/platforms/discord/send-errors.js";

const url = "https://discord.com/api/v10/channels/300000000000000001/messages";

function apiError(status: number, code: number, message: string, extra: Record<string, unknown> = {}): DiscordAPIError {
  return new DiscordAPIError({ code, message, ...extra }, code, status, "POST", url, { files: undefined, body: {} });
}

function rateLimit(overrides: Partial<ConstructorParameters<typeof RateLimitError>[0]> = {}): RateLimitError {
  return new RateLimitError({
    timeToReset: 0,
    limit: 5,
    method: "POST",
    hash: "abc",
    url,
    route: "/channels/:id/messages",
    majorParameter: "300000000000000001",
    global: false,
    retryAfter: 1500,
    sublimitTimeout: 0,
    scope: "user",
    ...overrides,
  });
}

describe("mapSendError", () => {
  it("turns a 429 into a wait of exactly retry_after, for the channel or, when global, for all of Discord", () => {
    expect(mapSendError(rateLimit())).toMatchObject({ status: "retry-after", retryAfterMs: 1500, scope: "chat" });
    expect(mapSendError(rateLimit({ global: true, retryAfter: 250 }))).toMatchObject({ status: "retry-after", retryAfterMs: 250, scope: "global" });
    // A bucket discord.js already knew was empty: no Retry-After, the time to its reset.
    expect(mapSendError(rateLimit({ retryAfter: 0, timeToReset: 800 }))).toMatchObject({ status: "retry-after", retryAfterMs: 800 });
    expect(mapSendError(apiError(429, 0, "You are being rate limited.", { retry_after: 2.5, global: true }))).toMatchObject({ status: "retry-after", retryAfterMs: 2500, scope: "global" });
  });

  it("sorts a deleted channel, lost access and missing permissions as gone", () => {
    expect(mapSendError(apiError(404, 10003, "Unknown Channel"))).toMatchObject({ status: "gone", error: expect.stringContaining("10003") });
    expect(mapSendError(apiError(403, 50001, "Missing Access"))).toMatchObject({ status: "gone", error: expect.stringContaining("50001") });
    expect(mapSendError(apiError(403, 50013, "Missing Permissions"))).toMatchObject({ status: "gone", error: expect.stringContaining("50013") });
  });

  it("retries server errors, network failures and a refused token; rejects a malformed message", () => {
    expect(mapSendError(apiError(500, 0, "Internal Server Error")).status).toBe("transient");
    expect(mapSendError(new HTTPError(502, "Bad Gateway", "POST", url, { files: undefined, body: {} })).status).toBe("transient");
    expect(mapSendError(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) })).status).toBe("transient");
    expect(mapSendError(Object.assign(new Error("This operation was aborted"), { name: "AbortError" })).status).toBe("transient");
    expect(mapSendError(apiError(401, 0, "401: Unauthorized"))).toMatchObject({ status: "transient", error: expect.stringContaining("DISCORD_TOKEN") });
    expect(mapSendError(apiError(400, 50035, "Invalid Form Body"))).toMatchObject({ status: "rejected", error: expect.stringContaining("50035") });
  });

  it("says when staff could fix the failure with permissions", () => {
    expect(permissionLossOf(apiError(403, 50013, "Missing Permissions"))).toBe("missing-permissions");
    expect(permissionLossOf(apiError(403, 50001, "Missing Access"))).toBe("missing-access");
    expect(permissionLossOf(apiError(404, 10003, "Unknown Channel"))).toBeNull();
    expect(permissionLossOf(new Error("boom"))).toBeNull();
  });
});
