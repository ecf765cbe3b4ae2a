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
import { schedules, startSchedules } from "./scheduler.js";
import { setMaxListeners } from "node:events";
import { pruneStoriesBefore } from "./db/story-queries.js";
import { createHostLimiter } from "./ingest/fetch/index.js";
import { importFile } from "./ingest/import-file.js";
import { pollDueSources } from "./ingest/poll-sources.js";
import type { Logger } from "./logger.js";
import { createMetrics } from "./metrics.js";
import { commandsVersion } from "../commands/version.js";
import { CONSOLE_CHAT_ID } from "./platforms/console/console-adapter.js";
import { createAdapters } from "./platforms/create-adapters.js";
import { createCommandServices } from "./services.js";
import { createClusterer } from "./stories/clusterer.js";
import { createDigestRunner } from "./stories/digest-runner.js";
import { createWatcher } from "./stories/watcher.js";
import { createTagger } from "./topics/tagger.js";
import { availableParallelism } from "node:os";
import { createFeedReaderThread } from "./ingest/feed-reader-pool.js";
import { createTopicDirectory } from "./topics/topic-directory.js";
import { runExclusive } from "./db/advisory-locks.js";
import { listenForChanges } from "./db/notifications.js";
import { dutiesOf, type Role } from "./roles.js";

export const examplesFolder = fileURLToPath(new URL("../examples/", import.meta.url));

export interface StartOptions {
  config: Config;
  logger: Logger;
  stdin: Readable;
  stdout: Writable;
  /** What this process does (src/roles.ts); default "all". */
  role?: Role;
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
  const opened = await openMigratedDatabase(config, { onIdleError: (error) => logger.warn({ error: error.message }, "a pooled PostgreSQL connection failed; the next query reconnects") });
  if (opened.status === "error") return { status: "error", error: opened.error, exitCode: 2 };
  const db = opened.db;
  const role = opts.role ?? "all";
  const duties = dutiesOf(role);
  if (opened.applied.length > 0) logger.info({ applied: opened.applied }, "database migrated");

  const services = createCommandServices(db, { defaultTimezone: config.timezone });
  // An ingest worker sends nothing and takes no commands: it needs no platform.
  const created = !duties.adapters ? ({ status: "ok", adapters: [], consoleMode: false } as const) : await createAdapters(config, { services, logger, commandsVersion: commandsVersion() }, { stdin: opts.stdin, stdout: opts.stdout });
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
  // On PostgreSQL NOTIFY wakes the watcher when another process stores stories; the poll is the fallback.
  const watcher = createWatcher({
    db,
    logger,
    onEnqueued: () => dispatcher.wake(),
    pollMs: config.database.kind === "postgres" ? 2000 : undefined,
    // Bot processes on one database take turns; matching twice would be wasted work.
    exclusive: (pass) => runExclusive(db, "watcher", pass),
  });
  const digests = createDigestRunner({ db, logger, defaultTimezone: config.timezone, onEnqueued: () => dispatcher.wake() });

  // The console demo is one process; split roles are for real deployments.
  if (consoleMode && role === "all") {
    await onboardConsole(db, config, logger);
    await importExamples(db, logger, config.examples);
  }

  let lastPoll: Date | null = null;
  const clusterer = createClusterer();
  const hostLimiter = createHostLimiter(2);
  // With a second core, feeds are parsed and normalised beside the main thread (feed-reader-pool.ts).
  const feedReader =
    duties.poll && availableParallelism() > 1
      ? createFeedReaderThread({ onError: (error) => logger.warn({ err: error }, "feed reader thread failed; reading feeds on the main thread until it is back") })
      : null;
  // Cancels feed downloads in flight when the bot stops.
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal);
  const http = await startHttpServer(config.httpPort, {
    metrics: metrics.registry,
    extra: duties.intake ? adapters.flatMap((a) => a.httpRoutes ?? []) : [],
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
        lastPoll: lastPoll?.toISOString() ?? null,
        platforms: Object.fromEntries(adapters.map((a) => [a.platform, a.health()])),
      };
    },
  }).catch((error: unknown) => error as Error);
  if (http instanceof Error) {
    await db.destroy();
    const busy = (http as NodeJS.ErrnoException).code === "EADDRINUSE";
    return { status: "error", error: busy ? `HTTP_PORT: port ${config.httpPort} is already in use; choose another (0 picks a free one)` : `cannot serve HTTP: ${http.message}`, exitCode: 2 };
  }

  for (const adapter of duties.intake ? adapters : []) {
    try {
      await adapter.start();
    } catch (error) {
      // A platform that refuses us at start (a revoked token) stops start-up with one clear line.
      for (const started of adapters) await started.stop().catch(() => undefined);
      await http.close();
      await db.destroy();
      return { status: "error", error: error instanceof Error ? error.message : String(error), exitCode: 2 };
    }
  }
  if (duties.watcher) watcher.start();
  if (duties.dispatch) dispatcher.start();
  const listener = listenForChanges(
    config.database,
    { ...(duties.watcher ? { stories: () => watcher.wake() } : {}), ...(duties.dispatch ? { outbox: () => dispatcher.wake() } : {}) },
    { onError: (error, retryInMs) => logger.warn({ error: error.message, retryInMs }, "PostgreSQL notifications lost; polling until they are back") },
  );
  const pollSources = async () => {
    const topics = await services.topics.all();
    const reports = await pollDueSources({ db, tagger: createTagger(topics), readFeed: feedReader?.reader(topics), clusterer, logger, hostLimiter, signal: shutdown.signal });
    lastPoll = new Date();
    for (const r of reports) if (r.outcome.status === "ok") metrics.storiesIngested.inc({ source_kind: "feed" }, r.outcome.new);
    if (reports.some((r) => r.outcome.status === "ok" && r.outcome.alertable > 0)) watcher.wake();
  };
  const pruneOldStories = async () => {
    const pruned = await pruneStoriesBefore(db, new Date(Date.now() - config.retentionDays * 86_400_000));
    if (pruned > 0) logger.info({ pruned, retentionDays: config.retentionDays }, "pruned old stories");
  };
  const scheduled = startSchedules(
    [
      // Digests and retention run in one process at a time (an advisory lock on PostgreSQL).
      { name: "digests", cron: schedules.digests, run: () => runExclusive(db, "digests", () => digests.runDue()), when: duties.digests },
      { name: "poll", cron: schedules.poll, run: pollSources, when: duties.poll },
      { name: "retention", cron: schedules.retention, run: () => runExclusive(db, "retention", pruneOldStories), when: duties.retention },
    ].filter((job) => job.when),
    logger,
  );
  // Sources due now should not wait for the first minute tick.
  if (duties.poll) void pollSources().catch((error: unknown) => logger.error({ err: error }, "first poll failed"));
  logger.info({ httpPort: http.port, database: opened.location, role }, "newsflash is running");

  let stopping: Promise<void> | undefined;
  return {
    status: "ok",
    bot: {
      httpPort: http.port,
      stop() {
        stopping ??= (async () => {
          shutdown.abort();
          await listener.close();
          // Intake first (commands, new matches), then let in-flight sends finish, then close.
          for (const adapter of adapters) await adapter.stop();
          await scheduled.stop();
          await feedReader?.close();
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
