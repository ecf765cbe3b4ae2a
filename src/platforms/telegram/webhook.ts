import { createHash } from "node:crypto";
import { webhookCallback, type Bot } from "grammy";
import type { HttpRoute } from "../../http.js";

export interface WebhookEndpoint {
  /** Path served on HTTP_PORT. */
  path: string;
  /** What setWebhook is told: TELEGRAM_WEBHOOK_URL's origin and path, plus the secret segment. */
  url: string;
  /** Telegram echoes it in X-Telegram-Bot-Api-Secret-Token; requests without it are refused. */
  secretToken: string;
}

const digest = (label: string, token: string) => createHash("sha256").update(`newsflash:${label}:${token}`).digest("hex");

/**
 * The webhook's secret path and header value, derived from the bot token: stable across restarts
 * and replicas, unguessable without the token, and never the token itself.
 */
export function webhookEndpoint(webhookUrl: string, token: string): WebhookEndpoint {
  const base = new URL(webhookUrl);
  const path = `${base.pathname.replace(/\/+$/, "")}/telegram/${digest("webhook-path", token).slice(0, 32)}`;
  return { path, url: base.origin + path, secretToken: digest("webhook-secret", token) };
}

/**
 * The POST route for Telegram's webhook calls. grammY checks the secret header (401 otherwise)
 * and answers once the update is handled; after ~9 s it answers anyway so Telegram does not
 * resend an update that is still being worked on.
 */
export function webhookRoute(bot: Bot, endpoint: WebhookEndpoint, accepting: () => boolean): HttpRoute {
  const handle = webhookCallback(bot, "http", { secretToken: endpoint.secretToken, onTimeout: "return", timeoutMilliseconds: 9_000 });
  return {
    method: "POST",
    path: endpoint.path,
    async handle(req, res) {
      // Stopping or not connected yet: Telegram keeps the update and retries later.
      if (!accepting()) {
        res.writeHead(503, { "content-type": "text/plain" }).end("not accepting updates right now\n");
        return;
      }
      try {
        await handle(req, res);
      } catch {
        // A body that is not JSON; a handler's own errors never reach here (bot.catch).
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" }).end("bad update\n");
      }
    },
  };
}
