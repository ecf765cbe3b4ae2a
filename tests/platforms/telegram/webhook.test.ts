import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { startHttpServer, type HttpHandle } from "../../../src/http.js";
import { webhookEndpoint } from "../../../src/platforms/telegram/webhook.js";
import { startHarness, type Harness } from "./adapter-harness.js";
import { waitUntil } from "./wait-until.js";

const token = "123456789:AAHsecretSecretSecretSecret-xyz";

describe("webhookEndpoint", () => {
  it("derives a secret path under TELEGRAM_WEBHOOK_URL and a header secret, both stable and token-free", () => {
    const endpoint = webhookEndpoint("https://bot.example.test/hooks/", token);
    expect(endpoint.path).toMatch(/^\/hooks\/telegram\/[0-9a-f]{32}$/);
    expect(endpoint.url).toBe(`https://bot.example.test${endpoint.path}`);
    // Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -.
    expect(endpoint.secretToken).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(JSON.stringify(endpoint)).not.toContain("AAHsecret");
    expect(webhookEndpoint("https://bot.example.test/hooks", token)).toEqual(endpoint);
    expect(webhookEndpoint("https://bot.example.test/hooks", "987:other-token-value").path).not.toBe(endpoint.path);
  });
});

describe("webhook mode", () => {
  let h: Harness | undefined;
  let http: HttpHandle | undefined;
  afterEach(async () => {
    await h?.close();
    await http?.close();
    h = http = undefined;
  });

  it("sets the webhook instead of polling and handles only updates that carry the secret header", async () => {
    h = await startHarness({
      webhookUrl: "https://bot.example.test/hooks",
      setup: (tg) => {
        tg.addUser({ id: 42, first_name: "Ada" });
        tg.addChat({ id: 42, type: "private" });
      },
    });
    const { tg, adapter } = h;
    const set = await tg.waitFor("setWebhook", 5000);
    const endpoint = webhookEndpoint("https://bot.example.test/hooks", tg.token);
    expect(set.payload).toMatchObject({ url: endpoint.url, secret_token: endpoint.secretToken });
    await waitUntil("the running state", () => adapter.health().state === "running");

    http = await startHttpServer(0, { health: async () => ({ ok: true }), metrics: new Registry(), extra: adapter.httpRoutes });
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`http://127.0.0.1:${http?.port}${endpoint.path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    // userSends also queues the update for getUpdates; here it is only the update's body.
    const update = tg.userSends(42, 42, "/help");

    expect((await post({}, update)).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong" }, update)).status).toBe(401);
    expect(tg.messages(42)).toHaveLength(0);

    const accepted = await post({ "X-Telegram-Bot-Api-Secret-Token": endpoint.secretToken }, update);
    expect(accepted.status).toBe(200);
    expect(tg.messages(42)[0]?.text).toContain("I send breaking-news alerts");
    expect(tg.calls.some((c) => c.method === "getUpdates")).toBe(false);
    expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200);

    await adapter.stop();
    // Stopped: Telegram is told to come back later, and keeps the update.
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": endpoint.secretToken }, update)).status).toBe(503);
  });
});
