import { sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { AdapterDeps } from "../adapter-deps.js";
import type { PlatformAdapter, PlatformState } from "../platform.js";
import { createAdminCheck } from "./admin-check.js";
import { createAlertMessages } from "./alert-messages.js";
import { createButtonActions } from "./button-actions.js";
import { createChatTypes } from "./chat-types.js";
import { syncCommandMenu } from "./command-menu.js";
import { toGrammySignal } from "./grammy-signal.js";
import { answerButtonsAtOnce, handleButtonPress } from "./handle-button.js";
import { handleTextMessage } from "./handle-command.js";
import { handleMembershipChange } from "./handle-membership.js";
import { keepTrying, telegramBackoff } from "./keep-trying.js";
import { allowedUpdates, confirmUpdates, resilientGetUpdates, startPolling } from "./polling.js";
import { resolveChannel } from "./resolve-channel.js";
import { telegramErrorText } from "./send-result-from-error.js";
import type { TelegramConfig } from "./telegram-config.js";
import type { UpdateDeps } from "./update-deps.js";
import { webhookEndpoint, webhookRoute } from "./webhook.js";

/**
 * Telegram on grammY: long polling by default, a webhook on HTTP_PORT when TELEGRAM_WEBHOOK_URL is
 * set. Connecting happens in the background with backoff, so an unreachable Telegram delays
 * nothing else and never stops the process; health() tells how it is going.
 */
export function createTelegramAdapter(config: TelegramConfig, deps: AdapterDeps): PlatformAdapter {
  const { logger, services } = deps;
  const secrets = [config.token];
  const describe = (error: unknown) => telegramErrorText(error, secrets);
  let state: PlatformState = "stopped";
  let detail: string | undefined;
  const setState = (next: PlatformState, why?: string) => {
    state = next;
    detail = why;
  };

  // Long polls last 30 s; anything slower than a minute is a hung connection.
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot, timeoutSeconds: 60 } });
  const actions = createButtonActions();
  const chatTypes = createChatTypes(bot.api);
  const admins = createAdminCheck(bot.api);
  const updateDeps: UpdateDeps = {
    services,
    logger,
    actions,
    chatTypes,
    admins,
    resolveChannel: async (ref, callerId) => {
      const channel = await resolveChannel(bot.api, ref, callerId, bot.botInfo.id);
      chatTypes.remember(channel.id, channel.type);
      return { id: channel.id, title: channel.title, threadId: null };
    },
  };

  const inFlight = new Set<Promise<unknown>>();
  let lastUpdateId: number | undefined;
  bot.use(async (ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  bot.use(answerButtonsAtOnce(logger));
  // One chat's updates in order (a subscribe before the unsubscribe that follows it); chats in parallel.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.on(["message:text", "channel_post:text"], (ctx) => handleTextMessage(ctx, updateDeps));
  bot.on("callback_query:data", (ctx) => handleButtonPress(ctx, updateDeps));
  bot.on("my_chat_member", (ctx) => handleMembershipChange(ctx, updateDeps));
  // A failed reply (chat gone, Telegram down) loses one answer, never the process; the logger scrubs the token.
  bot.catch((error) => logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "a Telegram update failed"));

  const polling = {
    onHealthy: () => {
      if (state === "reconnecting") logger.info("Telegram polling recovered");
      if (state === "reconnecting" || state === "starting") setState("running");
    },
    onRetry: (error: unknown, delayMs: number, failures: number) => {
      setState("reconnecting", describe(error));
      logger.warn({ error: describe(error), retryInMs: delayMs, failures }, "Telegram getUpdates failed; retrying");
    },
    onFatal: (error: unknown) => {
      setState("error", describe(error));
      logger.error({ error: describe(error) }, "Telegram polling stopped: check TELEGRAM_BOT_TOKEN");
    },
  };
  bot.api.config.use(resilientGetUpdates(polling));

  const endpoint = config.webhookUrl === undefined ? undefined : webhookEndpoint(config.webhookUrl, config.token);
  const stopSignal = new AbortController();
  let runner: RunnerHandle | undefined;
  let connecting: Promise<void> | undefined;

  /** getMe, the command menu, then polling or setWebhook; each step retried until it works. */
  async function connect(signal: AbortSignal): Promise<void> {
    const retry = <T>(what: string, attempt: () => Promise<T>) =>
      keepTrying(attempt, {
        signal,
        delayFor: telegramBackoff(1000, 60_000),
        onRetry: (error, delayMs) => {
          setState("reconnecting", describe(error));
          logger.warn({ error: describe(error), retryInMs: delayMs }, `Telegram ${what} failed; retrying`);
        },
      });
    // getMe ourselves rather than bot.init(), whose own silent retries would hide an outage from health().
    bot.botInfo = await retry("getMe", () => bot.api.getMe(toGrammySignal(signal)));
    await syncCommandMenu(bot.api, services.db, deps.commandsVersion, signal).then(
      (outcome) => outcome === "registered" && logger.info("Telegram command menu updated"),
      // The menu is a convenience; commands work without it. `newsflash register-commands` retries it.
      (error: unknown) => logger.warn({ error: describe(error) }, "could not update the Telegram command menu"),
    );
    if (endpoint) {
      await retry("setWebhook", () => bot.api.setWebhook(endpoint.url, { secret_token: endpoint.secretToken, allowed_updates: allowedUpdates }, toGrammySignal(signal)));
      setState("running");
      logger.info({ path: endpoint.path }, "Telegram webhook set");
      return;
    }
    // getUpdates answers 409 while a webhook is set, e.g. by an earlier webhook deployment.
    await retry("deleteWebhook", () => bot.api.deleteWebhook({}, toGrammySignal(signal)));
    if (signal.aborted) return;
    runner = startPolling(bot, polling);
    setState("running");
    logger.info({ username: bot.botInfo.username }, "Telegram bot polling for updates");
  }

  const alertMessages = createAlertMessages({ api: bot.api, actions, chatTypes, secrets });

  return {
    platform: "telegram",
    httpRoutes: endpoint ? [webhookRoute(bot, endpoint, () => state === "running" || state === "reconnecting")] : [],
    async start() {
      setState("starting");
      connecting = connect(stopSignal.signal).catch((error: unknown) => {
        if (stopSignal.signal.aborted) return;
        setState("error", describe(error));
        logger.error({ error: describe(error) }, "cannot connect to Telegram: check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT");
      });
    },
    async stop() {
      stopSignal.abort();
      await connecting;
      // Waits for updates being handled; webhook updates are tracked by the first middleware.
      await runner?.stop();
      await Promise.allSettled([...inFlight]);
      if (runner && lastUpdateId !== undefined) await confirmUpdates(bot, lastUpdateId + 1);
      setState("stopped");
    },
    health() {
      return detail === undefined ? { state } : { state, detail };
    },
    send: alertMessages.send,
    edit: alertMessages.edit,
    sendDigest: alertMessages.sendDigest,
    // Group ids are negative (channels too): they go through the per-group bucket as well.
    isGroupChat: (chatId) => chatId.startsWith("-"),
  };
}
