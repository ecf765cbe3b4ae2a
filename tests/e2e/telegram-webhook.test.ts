// `newsflash start` with TELEGRAM_WEBHOOK_URL: the bot registers its webhook instead of polling and
// answers updates POSTed to its secret path on HTTP_PORT, next to /healthz.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { webhookEndpoint } from "../../src/platforms/telegram/webhook.js";
import { startFakeTelegram } from "../fakes/telegram/index.js";
import { childEnv, startCli } from "../helpers/run-cli.js";
import { waitUntil } from "../platforms/telegram/wait-until.js";

const dir = mkdtempSync(join(tmpdir(), "newsflash-telegram-webhook-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("newsflash on Telegram in webhook mode", () => {
  it("sets the webhook and answers updates that carry the secret header", async () => {
    const tg = await startFakeTelegram();
    tg.addUser({ id: 42, first_name: "Ada" });
    tg.addChat({ id: 42, type: "private" });
    const webhookUrl = "https://bot.example.test/hooks";
    const bot = startCli(["start"], {
      env: childEnv({ DATABASE_URL: join(dir, "bot.db"), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_WEBHOOK_URL: webhookUrl, LOG_LEVEL: "info" }),
    });
    try {
      const endpoint = webhookEndpoint(webhookUrl, tg.token);
      const set = await tg.waitFor("setWebhook", 15_000);
      expect(set.payload).toMatchObject({ url: endpoint.url, secret_token: endpoint.secretToken });
      const port = Number(await waitUntil("the HTTP port", () => /"httpPort":(\d+)/.exec(bot.stderr)?.[1]));
      await waitUntil("the webhook to be live", () => /Telegram webhook set/.test(bot.stderr));

      const update = tg.userSends(42, 42, "/start");
      const post = (secret: string) =>
        fetch(`http://127.0.0.1:${port}${endpoint.path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
          body: JSON.stringify(update),
        });
      expect((await post("not-the-secret")).status).toBe(401);
      expect((await post(endpoint.secretToken)).status).toBe(200);
      expect(tg.messages(42)[0]?.text).toContain("Welcome to newsflash!");
      expect(tg.calls.some((c) => c.method === "getUpdates")).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill("SIGKILL");
      await tg.close();
    }
  });
});
