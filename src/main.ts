import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Readable, Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import { openMigratedDatabase } from "./database.js";
import { deliveryCountsByStatus } from "./db/delivery-queries.js";
import { getKv, setKv } from "./db/kv-queries.js";
import type { Database } from "./db/schema.js";
import { countSources } from "./db/source-queries.js";
import { chatSubscriptions, subscribe } from "./db/subscription-queries.js";
import { createDispatcher } from "./delivery/dispatcher.js";
import { startHttpServer } from "./http.js";
import { importFile } from "./ingest/import-file.js";
import type { Logger } from "./logger.js";
import { createMetrics } from "./metrics.js";
import { commandsVersion } from "../commands/version.js";
import { CONSOLE_CHAT_ID } from "./platforms/console/console-adapter.js";
import { createAdapters } from "./platforms/create-adapters.js";
import { createCommandServices } from "./services.js";
import { createClusterer } from "./stories/clusterer.js";
import { createWatcher } from "./stories/watcher.js";
import { createTagger } from "./topics/tagger.js";
import { createTopicDirectory } from "./topics/topic-directory.js";

export const examplesFolder = fileURLToPath(new URL("../examples/", import.meta.url));

export interface StartOptions {
  config: Config;
  logger: Logger;
  stdin: Readable;
  stdout: Writable;
}

export type StartResult = { status: "ok"; bot: RunningBot } | { status: "error"; error: string; exitCode: number };

export interface RunningBot {
  httpPort: number;
  /** Stop intake, finish in-flight sends, close the database. */
  stop(): Promise<void>;
}

/** First run on the console: follow "world" so the demo stories show up as alerts. */
async function onboardConsole(db: Kysely<Database>, config: Config, logger: Logger): Promise<void> {
  if ((await getKv(db, "console.onboarded")) !== undefined) return;
  await setKv(db, "console.onboarded", new Date().toISOString());
  if ((await chatSubscriptions(db, { platform: "console", chatId: CONSOLE_CHAT_ID })).length > 0) return;
  await subscribe(db, { platform: "console", chatId: CONSOLE_CHAT_ID, target: { topic: "world" }, mode: "instant", timezone: config.timezone, createdBy: "onboarding" });
  logger.info("this console follows the topic 'world' so you can see alerts; type /help for commands");
}

async function importExamples(db: Kysely<Database>, logger: Logger, mode: Config["examples"]): Promise<void> {
  if (mode === "off" || (mode === "auto" && (await countSources(db, "feed")) > 0)) return;
  const tagger = createTagger(await createTopicDirectory(db).all());
  const files = (await readdir(examplesFolder)).filter((f) => /\.(xml|rss|atom|json)$/.test(f)).sort();
  for (const file of files) {
    const outcome = await importFile(db, join(examplesFolder, file), { now: new Date(), tagger, clusterer: createClusterer() });
    if (outcome.status === "error") logger.warn({ file, error: outcome.error }, "example feed could not be imported");
    else if (outcome.new > 0) logger.info({ file, new: outcome.new }, "no sources configured: imported the example feed");
  }
}

/** `newsflash start`: the composition root. Builds every object and wires them together. */
export async function startBot(opts: StartOptions): Promise<StartResult> {
  const { config, logger } = opts;
  const opened = await openMigratedDatabase(config);
  if (opened.status === "error") return { status: "error", error: opened.error, exitCode: 2 };
  const db = opened.db;
  if (opened.applied.length > 0) logger.info({ applied: opened.applied }, "database migrated");

  const services = createCommandServices(db, { defaultTimezone: config.timezone });
  const created = await createAdapters(config, { services, logger, commandsVersion: commandsVersion() }, { stdin: opts.stdin, stdout: opts.stdout });
  if (created.status === "error") {
    await db.destroy();
    return { status: "error", error: created.error, exitCode: 2 };
  }
  const { adapters, consoleMode } = created;

  const metrics = createMetrics(() => deliveryCountsByStatus(db));
  const dispatcher = createDispatcher({
    db,
    channels: adapters,
    logger,
    defaultTimezone: config.timezone,
    onOutcome: ({ platform, outcome, latencyMs }) => {
      metrics.deliveries.inc({ platform, outcome });
      if (outcome === "sent" && latencyMs !== undefined) metrics.sendLatency.observe({ platform }, latencyMs / 1000);
    },
  });
  const watcher = createWatcher({ db, logger, onEnqueued: () => dispatcher.wake() });

  if (consoleMode) {
    await onboardConsole(db, config, logger);
    await importExamples(db, logger, config.examples);
  }

  let lastPass: Date | null = null;
  const http = await startHttpServer(config.httpPort, {
    metrics: metrics.registry,
    extra: adapters.flatMap((a) => a.httpRoutes ?? []),
    health: async () => {
      let database = true;
      try {
        await getKv(db, "health");
      } catch {
        database = false;
      }
      return {
        ok: database,
        database,
        lastPoll: lastPass?.toISOString() ?? null,
        platforms: Object.fromEntries(adapters.map((a) => [a.platform, a.health()])),
      };
    },
  }).catch((error: unknown) => error as Error);
  if (http instanceof Error) {
    await db.destroy();
    const busy = (http as NodeJS.ErrnoException).code === "EADDRINUSE";
    return { status: "error", error: busy ? `HTTP_PORT: port ${config.httpPort} is already in use; choose another (0 picks a free one)` : `cannot serve HTTP: ${http.message}`, exitCode: 2 };
  }

  for (const adapter of adapters) await adapter.start();
  watcher.start();
  dispatcher.start();
  const pollClock = setInterval(() => (lastPass = new Date()), 1000);
  lastPass = new Date();
  logger.info({ httpPort: http.port, database: opened.location }, "newsflash is running");

  let stopping: Promise<void> | undefined;
  return {
    status: "ok",
    bot: {
      httpPort: http.port,
      stop() {
        stopping ??= (async () => {
          clearInterval(pollClock);
          // Intake first (commands, new matches), then let in-flight sends finish, then close.
          for (const adapter of adapters) await adapter.stop();
          await watcher.stop();
          await dispatcher.stop();
          await http.close();
          await db.destroy();
          logger.info("stopped cleanly");
        })();
        return stopping;
      },
    },
  };
}
