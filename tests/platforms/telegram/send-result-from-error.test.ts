import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { sendResultFromError, telegramErrorText } from "../../../src/platforms/telegram/send-result-from-error.js";

const token = "123456789:AAHsecretSecretSecretSecret-xyz";

function apiError(error_code: number, description: string, parameters?: { retry_after?: number; migrate_to_chat_id?: number }) {
  return new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, "sendMessage", { chat_id: 1 });
}

describe("sendResultFromError", () => {
  it.each([
    ["429 with retry_after", apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }), { status: "retry-after", retryAfterMs: 7000, scope: "chat", httpStatus: 429 }],
    ["429 without retry_after", apiError(429, "Too Many Requests"), { status: "retry-after", retryAfterMs: 1000, scope: "chat" }],
    ["403 blocked by the user", apiError(403, "Forbidden: bot was blocked by the user"), { status: "gone", httpStatus: 403 }],
    ["403 kicked", apiError(403, "Forbidden: bot was kicked from the supergroup chat"), { status: "gone" }],
    ["403 user deactivated", apiError(403, "Forbidden: user is deactivated"), { status: "gone" }],
    ["400 chat not found", apiError(400, "Bad Request: chat not found"), { status: "gone", httpStatus: 400 }],
    ["400 group upgraded", apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1001234 }), { status: "migrated", newChatId: "-1001234" }],
    ["400 can't parse entities", apiError(400, "Bad Request: can't parse entities: unsupported start tag"), { status: "rejected" }],
    ["400 message is too long", apiError(400, "Bad Request: message is too long"), { status: "rejected" }],
    ["500", apiError(500, "Internal Server Error"), { status: "transient", httpStatus: 500 }],
    ["502", apiError(502, "Bad Gateway"), { status: "transient" }],
    ["401 token revoked", apiError(401, "Unauthorized"), { status: "transient" }],
    ["network failure", new HttpError("Network request for 'sendMessage' failed!", new Error("connect ECONNREFUSED")), { status: "transient" }],
    ["timeout", new DOMException("The operation was aborted due to timeout", "TimeoutError"), { status: "transient" }],
    ["anything else", "boom", { status: "transient" }],
  ])("%s", (_name, error, expected) => {
    expect(sendResultFromError(error, [token])).toMatchObject(expected);
  });

  it("names the method and Telegram's words in the error text", () => {
    expect(sendResultFromError(apiError(403, "Forbidden: bot was blocked by the user"), [])).toMatchObject({ error: "sendMessage: 403 Forbidden: bot was blocked by the user" });
  });

  it("scrubs the bot token from every error text, including the wrapped fetch error", () => {
    const leaky = new HttpError("Network request for 'sendMessage' failed!", new Error(`request to http://127.0.0.1:1/bot${token}/sendMessage failed, reason: ECONNRESET`));
    const result = sendResultFromError(leaky, [token]);
    expect(result.status).toBe("transient");
    expect("error" in result && result.error).toContain("ECONNRESET");
    expect("error" in result && result.error).not.toContain(token.split(":")[1]);
    expect(telegramErrorText(new Error(`bad ${token}`), [token])).toBe("bad <redacted>");
  });
});
