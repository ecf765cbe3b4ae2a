import { once } from "node:events";
import { ChannelType, Client, Events, GatewayIntentBits, REST, Routes, type APIMessage, type RateLimitData } from "discord.js";
import type { Config } from "../../config.js";
import type { SendResult } from "../../delivery/send-result.js";
import { renderDiscordAlert } from "../../delivery/render/discord-alert.js";
import type { AdapterDeps } from "../adapter-deps.js";
import type { PlatformAdapter, PlatformState } from "../platform.js";
import { ButtonActions } from "./button-actions.js";
import { PLATFORM } from "./command-context.js";
import { registerCommandsIfChanged } from "./command-registration.js";
import { errorSummary } from "./error-summary.js";
import { createInteractionHandler } from "./interactions.js";
import { InvalidRequestBudget, reportEveryInvalidRequest } from "./invalid-requests.js";
import { watchLifecycle } from "./lifecycle.js";
import { createPublisher } from "./publisher.js";
import { mapSendError, permissionLossOf } from "./send-errors.js";
import { createStaffNotifier } from "./staff-notice.js";

export type DiscordConfig = NonNullable<Config["discord"]>;

export interface DiscordAdapterOptions {
  /** How long start() waits for the gateway's READY before going on without it. */
  readyTimeoutMs?: number;
  deferAfterMs?: number;
}

const ALERT_ROUTES = ["/channels/:id/messages", "/channels/:id/messages/:id/crosspost"];

/**
 * Alert traffic hands rate limits back instead of waiting inside discord.js: a 429 on a post
 * becomes a retry-after result the dispatcher schedules around (pausing one channel, or all of
 * Discord on a global limit), and a spent publish limit (10 an hour) queues the publish.
 */
const rejectAlertRateLimits = (data: RateLimitData) => data.method.toUpperCase() === "POST" && ALERT_ROUTES.includes(data.route);

/**
 * The Discord platform: slash commands through the shared command runner, alerts as embeds posted
 * through the REST API (published onward from announcement channels), and the server and channel
 * lifecycle. Commands use the gateway client; alerts use their own REST client, so sends already
 * claimed by the dispatcher still go out while the gateway shuts down.
 */
export function createDiscordAdapter(config: DiscordConfig, deps: AdapterDeps, options: DiscordAdapterOptions = {}): PlatformAdapter {
  const { services, logger } = deps;
  const db = services.db;
  let state: PlatformState = "stopped";
  let stateDetail: string | undefined;
  const setState = (next: PlatformState, detail?: string) => {
    state = next;
    stateDetail = detail;
  };

  const budget = new InvalidRequestBudget(logger);
  // shards "auto": discord.js asks GET /gateway/bot how many shards the bot's guild count calls
  // for and runs that many gateway sessions in this process (one until ~2,500 guilds).
  const client = new Client({ intents: [GatewayIntentBits.Guilds], shards: "auto", rest: { api: config.apiRoot, ...reportEveryInvalidRequest } });
  const alertRest = new REST({ api: config.apiRoot, rejectOnRateLimit: rejectAlertRateLimits, ...reportEveryInvalidRequest }).setToken(config.token);
  budget.watch(client.rest);
  budget.watch(alertRest);

  const publisher = createPublisher({ rest: alertRest, db, logger });
  const notifyStaff = createStaffNotifier({ client, rest: alertRest, logger });
  const onInteraction = createInteractionHandler({ services, logger, buttons: new ButtonActions(), deferAfterMs: options.deferAfterMs ?? 1500 });
  watchLifecycle({ client, db, logger, setState, forgetChannel: (id) => publisher.forget(id) });

  const inFlight = new Set<Promise<void>>();
  let acceptingCommands = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (!acceptingCommands) return;
    const handled = onInteraction(interaction).finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });

  async function registerCommands(): Promise<void> {
    const applicationId = config.applicationId ?? client.application?.id;
    if (!applicationId) {
      logger.warn("no Discord application id (set DISCORD_APPLICATION_ID); slash commands were not registered");
      return;
    }
    try {
      const outcome = await registerCommandsIfChanged(client.rest, db, { applicationId, guildId: config.guildId }, deps.commandsVersion);
      if (outcome !== "unchanged") logger.info({ scope: outcome.scope, commands: outcome.names.length }, "registered Discord slash commands");
    } catch (error) {
      // The previous registration still works; the bot can run with it.
      logger.error({ error: errorSummary(error) }, "could not register Discord slash commands; run `newsflash register-commands` to retry");
    }
  }

  const isAnnouncementChannel = (channelId: string) => client.channels.cache.get(channelId)?.type === ChannelType.GuildAnnouncement;

  async function afterSendFailure(chatId: string, error: unknown, result: SendResult): Promise<void> {
    try {
      const loss = permissionLossOf(error);
      if (loss) await notifyStaff(chatId, loss);
      if (result.status === "gone") await publisher.forget(chatId);
    } catch (followUp) {
      logger.warn({ channel: chatId, error: errorSummary(followUp) }, "could not tell the Discord staff why alerts stopped");
    }
  }

  return {
    platform: PLATFORM,

    async start() {
      setState("starting");
      // Interactions only arrive once the gateway is ready; from then on every one is answered.
      acceptingCommands = true;
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(config.token);
      } catch (error) {
        setState("error", "login failed");
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`DISCORD_TOKEN: Discord refused to log in (${reason}); check the token and DISCORD_API_ROOT`);
      }
      const timeoutMs = options.readyTimeoutMs ?? 30_000;
      const timedOut = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
      if ((await Promise.race([ready, timedOut])) === "timeout") {
        logger.warn({ timeoutMs }, "Discord gateway is not ready yet; alerts are sent meanwhile and commands work once it is");
      } else {
        logger.info({ guilds: client.guilds.cache.size, user: client.user?.tag }, "connected to Discord");
      }
      await registerCommands();
      await publisher.start();
    },

    async stop() {
      acceptingCommands = false;
      await Promise.allSettled([...inFlight]);
      await publisher.stop();
      await client.destroy();
      alertRest.clearHashSweeper();
      alertRest.clearHandlerSweeper();
      setState("stopped");
    },

    health() {
      const details = [stateDetail, budget.describe(), publisher.waiting > 0 ? `publishes waiting for the hourly limit: ${publisher.waiting}` : undefined];
      return { state, detail: details.filter(Boolean).join("; ") };
    },

    async send(target, alert) {
      const message = renderDiscordAlert(alert);
      let posted: APIMessage;
      try {
        posted = (await alertRest.post(Routes.channelMessages(target.chatId), {
          body: { content: message.content, embeds: message.embeds, allowed_mentions: message.allowedMentions },
        })) as APIMessage;
      } catch (error) {
        const result = mapSendError(error);
        await afterSendFailure(target.chatId, error, result);
        return result;
      }
      if (isAnnouncementChannel(target.chatId)) {
        // The alert is in the channel whatever happens to its publish.
        await publisher.publish(target.chatId, posted.id, alert.storyId).catch((error: unknown) => {
          logger.warn({ channel: target.chatId, error: errorSummary(error) }, "could not publish a Discord alert");
        });
      }
      return { status: "sent", messageId: posted.id };
    },
  };
}
