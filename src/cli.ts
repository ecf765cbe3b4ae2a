import { Command, InvalidArgumentError, Option } from "commander";
import type { Kysely } from "kysely";
import { ConfigError, loadDotEnv, readConfig, type Config } from "./config.js";
import { deliveryJson, sourceJson, storyJson, subscriptionJson, table } from "./cli-output.js";
import { openMigratedDatabase } from "./database.js";
import { listDeliveries, type DeliveryStatus } from "./db/delivery-queries.js";
import type { Database } from "./db/schema.js";
import { latestStories } from "./db/story-queries.js";
import { allSubscriptions, subscribe, unsubscribe, type SubscriptionMode } from "./db/subscription-queries.js";
import { importFile } from "./ingest/import-file.js";
import { createLogger, scrubSecrets, type Logger } from "./logger.js";
import { startBot } from "./main.js";
import { commandsVersion } from "../commands/version.js";
import { registerDiscordCommands } from "./platforms/discord/register-commands.js";
import { registerTelegramCommands } from "./platforms/telegram/command-menu.js";
import { createClusterer } from "./stories/clusterer.js";
import { createWatcher } from "./stories/watcher.js";
import { createTagger } from "./topics/tagger.js";
import { createTopicDirectory } from "./topics/topic-directory.js";
import { readFile } from "node:fs/promises";
import { addSource, listSources, removeSource, resumeSource } from "./db/source-queries.js";
import { createHostLimiter } from "./ingest/fetch/index.js";
import { readOpml, writeOpml } from "./ingest/opml.js";
import { parseInterval } from "./ingest/poll-schedule.js";
import { pollDueSources } from "./ingest/poll-sources.js";
import { removeCustomTopic, upsertCustomTopic } from "./db/topic-queries.js";
import { parseQuery } from "./topics/query/parser.js";
import { QueryError } from "./topics/query/query-error.js";
import { searchPage } from "./topics/search.js";
import { existsSync } from "node:fs";
import { copySqliteToPostgres } from "./db/copy-database.js";
import { migrateToLatest } from "./db/migrate.js";
import { openSqlite } from "./db/open-database.js";
import { openPostgres } from "./db/open-postgres.js";
import { ROLES, type Role } from "./roles.js";

/** Thrown inside actions: printed as one line on stderr, then the process exits with `code`. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function loadConfig(): Config {
  try {
    loadDotEnv();
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Opens and migrates the database for one CLI command, then always closes it. */
async function withDatabase<T>(fn: (db: Kysely<Database>, config: Config, logger: Logger) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  const opened = await openMigratedDatabase(config);
  if (opened.status === "error") throw new CliError(opened.error, 2);
  try {
    return await fn(opened.db, config, logger);
  } finally {
    await opened.db.destroy();
  }
}

function print(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + "\n" : human() + "\n");
}

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return Number(value);
};

const program = new Command("newsflash")
  .description("Breaking-news alerts for Telegram, Discord and the console")
  .showHelpAfterError("(run with --help for usage)")
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command("start")
  .description("run the bot (console channel when no platform token is set)")
  .addOption(new Option("--role <role>", "what this process does; run any number of each against one PostgreSQL database (README: Scaling out)").choices([...ROLES]).default("all"))
  .action(async (opts: { role: Role }) => {
    const config = loadConfig();
    const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
    const started = await startBot({ config, logger, stdin: process.stdin, stdout: process.stdout, role: opts.role });
    if (started.status === "error") throw new CliError(started.error, started.exitCode);
    const { bot } = started;
    let signals = 0;
    const shutdown = (signal: string) => {
      signals++;
      if (signals > 1) {
        logger.warn("second signal: exiting now");
        process.exit(130);
      }
      logger.info({ signal }, "shutting down");
      // Whatever happens, the process is gone within 10 s.
      setTimeout(() => {
        logger.error("shutdown took longer than 10 s; exiting");
        process.exit(1);
      }, 10_000).unref();
      bot.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .option("--json", "print JSON")
  .action(async (opts: { json?: boolean }) => {
    await withDatabase(async () => undefined);
    // withDatabase migrated already; run again to report what is pending now (nothing).
    const config = loadConfig();
    const opened = await openMigratedDatabase(config);
    if (opened.status === "error") throw new CliError(opened.error, 2);
    await opened.db.destroy();
    print(Boolean(opts.json), { database: opened.location, status: "up to date" }, () => `database ${opened.location} is up to date`);
  });

program
  .command("migrate-data")
  .description("copy a SQLite database into an empty PostgreSQL database (stop the bot first)")
  .requiredOption("--from <sqlite-file>", "the SQLite file (DATABASE_URL of the SQLite set-up); it is migrated to this version first")
  .requiredOption("--to <postgres-url>", "postgres://user:password@host:5432/database, empty (it is migrated here)")
  .option("--json", "print JSON")
  .action(async (opts: { from: string; to: string; json?: boolean }) => {
    if (!/^postgres(ql)?:\/\/\S+$/.test(opts.to)) throw new CliError(`--to must be a postgres:// URL, not "${opts.to}"`, 2);
    if (!existsSync(opts.from)) throw new CliError(`--from: no SQLite file at ${opts.from}`, 2);
    const from = openSqlite(opts.from);
    if (from.status === "error") throw new CliError(from.error, 2);
    const to = await openPostgres(opts.to);
    if (to.status === "error") {
      await from.db.destroy();
      throw new CliError(to.error, 2);
    }
    try {
      for (const [name, db] of [["--from", from.db], ["--to", to.db]] as const) {
        const migrated = await migrateToLatest(db);
        if (migrated.status === "error") throw new CliError(`${name}: database migration failed: ${migrated.error}`, 2);
      }
      const outcome = await copySqliteToPostgres(from.db, to.db);
      if (outcome.status === "refused") throw new CliError(outcome.error, 2);
      print(Boolean(opts.json), { from: from.location, to: to.location, tables: outcome.tables }, () =>
        [...outcome.tables.map((t) => `${t.table}: ${t.rows} rows`), `copied ${from.location} into ${to.location}`].join("\n"),
      );
    } finally {
      await from.db.destroy();
      await to.db.destroy();
    }
  });

program
  .command("import")
  .description("import feeds (RSS/Atom/RDF/JSON Feed), HTML article pages or saved text pages, from files or URLs; new stories are alerted")
  .argument("<files...>", "paths or http(s) URLs")
  .option("--url <url>", "for an article page: the story's link")
  .option("--source <name>", "the source name to show (default: the feed title or the page's publisher)")
  .option("--json", "print JSON")
  .action(async (files: string[], opts: { url?: string; source?: string; json?: boolean }) => {
    const outcomes = await withDatabase(async (db, _config, logger) => {
      const tagger = createTagger(await createTopicDirectory(db).all());
      const results = [];
      const clusterer = createClusterer();
      for (const file of files) results.push(await importFile(db, file, { now: new Date(), tagger, clusterer, url: opts.url, source: opts.source }));
      // Match the new stories now: the outbox is written before this command returns.
      const pass = await createWatcher({ db, logger }).runOnce();
      return { results, deliveries: pass.deliveries };
    });
    print(Boolean(opts.json), outcomes, () =>
      outcomes.results
        .map((r) => (r.status === "ok" ? `${r.file}: ${r.new} new, ${r.duplicate} duplicate${r.skipped.length ? `, ${r.skipped.length} skipped` : ""}${r.warnings.map((w) => `\n  warning: ${w}`).join("")}` : `${r.file}: error: ${r.error}`))
        .concat(`${outcomes.deliveries} deliveries queued`)
        .join("\n"),
    );
    if (outcomes.results.some((r) => r.status === "error")) process.exitCode = 1;
  });

program
  .command("stories")
  .description("list stored stories, newest first")
  .option("--topic <slug>", "only stories tagged with this topic")
  .option("--limit <n>", "how many", positiveInt, 20)
  .option("--json", "print JSON")
  .action(async (opts: { topic?: string; limit: number; json?: boolean }) => {
    const stories = await withDatabase((db) => latestStories(db, { topic: opts.topic, limit: opts.limit }));
    print(Boolean(opts.json), stories.map(storyJson), () =>
      table(stories.map((s) => ({ id: s.id, published: s.publishedAt.toISOString().slice(0, 16), source: s.source, topics: s.topics.join(","), title: s.title }))),
    );
  });

program
  .command("topics")
  .description("list the topics you can follow")
  .option("--json", "print JSON")
  .action(async (opts: { json?: boolean }) => {
    const topics = await withDatabase((db) => createTopicDirectory(db).all());
    print(Boolean(opts.json), topics, () => table(topics.map((t) => ({ slug: t.slug, label: t.label, builtin: t.builtin ? "yes" : "no" }))));
  });

const modeOption = new Option("--mode <mode>", "instant, breaking or digest").choices(["instant", "breaking", "digest"]).default("instant");

program
  .command("subscribe")
  .description("subscribe a chat to a topic")
  .argument("<platform>", "console, telegram or discord")
  .argument("<chat-id>", "the chat or channel id")
  .argument("<topic>", "a topic slug (see `newsflash topics`)")
  .addOption(modeOption)
  .option("--timezone <zone>", "IANA time zone for times in alerts")
  .option("--json", "print JSON")
  .action(async (platform: string, chatId: string, topicWords: string, opts: { mode: SubscriptionMode; timezone?: string; json?: boolean }) => {
    if (!["console", "telegram", "discord"].includes(platform)) throw new CliError(`platform must be console, telegram or discord, not "${platform}"`, 2);
    const result = await withDatabase(async (db, config) => {
      const found = await createTopicDirectory(db).lookup(topicWords);
      if (found.status === "did-you-mean") throw new CliError(`no topic "${topicWords}"; did you mean ${found.suggestions.map((t) => t.slug).join(", ")}?`, 2);
      if (found.status === "not-a-topic") throw new CliError(`no topic "${topicWords}"; \`newsflash topics\` lists them`, 2);
      return subscribe(db, {
        platform,
        chatId,
        target: { topic: found.topic.slug },
        mode: opts.mode,
        schedule: opts.mode === "digest" ? "08:00" : null,
        timezone: opts.timezone ?? config.timezone,
        createdBy: "cli",
      });
    });
    print(Boolean(opts.json), { status: result.status, subscription: subscriptionJson(result.subscription) }, () => `${result.status}: ${platform}:${chatId} follows ${result.subscription.topicSlug} (${result.subscription.mode})`);
  });

program
  .command("unsubscribe")
  .description("unsubscribe a chat from a topic, or from everything")
  .argument("<platform>")
  .argument("<chat-id>")
  .argument("<topic>", "a topic slug, or all")
  .option("--json", "print JSON")
  .action(async (platform: string, chatId: string, topic: string, opts: { json?: boolean }) => {
    const removed = await withDatabase((db) => unsubscribe(db, { platform, chatId }, topic === "all" ? "all" : { topic }));
    print(Boolean(opts.json), { removed }, () => `${removed} subscription${removed === 1 ? "" : "s"} removed`);
  });

program
  .command("subscriptions")
  .description("list subscriptions")
  .option("--all", "include inactive ones")
  .option("--json", "print JSON")
  .action(async (opts: { all?: boolean; json?: boolean }) => {
    const subs = await withDatabase((db) => allSubscriptions(db, { activeOnly: !opts.all }));
    print(Boolean(opts.json), subs.map(subscriptionJson), () =>
      table(subs.map((s) => ({ id: s.id, platform: s.platform, chat: s.chatId, follows: s.topicSlug ?? `"${s.query}"`, mode: s.mode, active: s.active ? "yes" : "no" }))),
    );
  });

program
  .command("deliveries")
  .description("list outbox rows")
  .addOption(new Option("--status <status>", "only this status").choices(["pending", "sending", "sent", "failed", "dropped"]))
  .option("--limit <n>", "how many", positiveInt, 1000)
  .option("--json", "print JSON")
  .action(async (opts: { status?: DeliveryStatus; limit: number; json?: boolean }) => {
    const rows = await withDatabase((db) => listDeliveries(db, { status: opts.status, limit: opts.limit }));
    print(Boolean(opts.json), rows.map(deliveryJson), () =>
      table(rows.map((d) => ({ id: d.id, story: d.storyId, platform: d.platform, chat: d.chatId, status: d.status, attempts: d.attempts, error: d.lastError }))),
    );
  });

program
  .command("search")
  .description("search stored stories (the /search query language)")
  .argument("<query...>", 'e.g. "interest rates" -bitcoin since:7d')
  .option("--limit <n>", "how many", positiveInt, 10)
  .option("--json", "print JSON")
  .action(async (words: string[], opts: { limit: number; json?: boolean }) => {
    const outcome = await withDatabase((db) => searchPage(db, words.join(" "), { page: 1, pageSize: opts.limit, now: new Date() }));
    if (outcome.status === "invalid") throw new CliError(`cannot read the query: ${outcome.message}`, 2);
    const rows = outcome.items.map((i) => ({ ...storyJson(i.story), score: Number(i.score.toFixed(4)), snippet: i.snippet.map((p) => (p.match ? `**${p.text}**` : p.text)).join("") }));
    print(Boolean(opts.json), rows, () => table(rows.map((r) => ({ score: r.score, published: r.publishedAt.slice(0, 16), source: r.source, title: r.title }))));
  });

const topicsCommand = program.commands.find((c) => c.name() === "topics");
topicsCommand
  ?.command("add")
  .description("add (or replace) a custom topic")
  .argument("<slug>", "lower-case letters, digits and hyphens")
  .requiredOption("--label <label>", "the name people see")
  .requiredOption("--query <query>", "which stories belong to it, in the /search language")
  .option("--json", "print JSON")
  .action(async (slug: string, opts: { label: string; query: string; json?: boolean }) => {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(slug)) throw new CliError(`topic slug must be lower-case letters, digits and hyphens, not "${slug}"`, 2);
    try {
      parseQuery(opts.query);
    } catch (error) {
      if (error instanceof QueryError) throw new CliError(`--query: ${error.message}`, 2);
      throw error;
    }
    const status = await withDatabase((db) => upsertCustomTopic(db, { slug, label: opts.label, query: opts.query }));
    print(Boolean(opts.json), { status, slug }, () => `${status}: topic ${slug}`);
  });
topicsCommand
  ?.command("remove")
  .description("remove a custom topic (subscriptions to it stay, and match nothing new)")
  .argument("<slug>")
  .option("--json", "print JSON")
  .action(async (slug: string, opts: { json?: boolean }) => {
    const removed = await withDatabase((db) => removeCustomTopic(db, slug));
    if (!removed) throw new CliError(`no custom topic "${slug}" (catalog topics cannot be removed)`, 2);
    print(Boolean(opts.json), { removed: slug }, () => `removed topic ${slug}`);
  });

/** What each platform's command registration reports; one line per platform below. */
type CommandRegistration = { platform: string } & ({ status: "ok"; commands: number } | { status: "error"; error: string });

program
  .command("register-commands")
  .description("publish the slash-command menus to every configured platform")
  .option("--json", "print JSON")
  .action(async (opts: { json?: boolean }) => {
    const config = loadConfig();
    const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
    const results: CommandRegistration[] = [];
    if (config.telegram) results.push({ platform: "telegram", ...(await registerTelegramCommands(config.telegram, logger)) });
    // DISCORD (the database remembers what was registered, so start-up does not register it again)
    const discord = config.discord;
    if (discord) results.push({ platform: "discord", ...(await withDatabase((db) => registerDiscordCommands(discord, logger, { db, commandsVersion: commandsVersion() }))) });
    if (results.length === 0) throw new CliError("no platform is configured: set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN", 2);
    print(Boolean(opts.json), results, () =>
      results.map((r) => (r.status === "ok" ? `${r.platform}: ${r.commands} commands registered` : `${r.platform}: error: ${r.error}`)).join("\n"),
    );
    if (results.some((r) => r.status === "error")) process.exitCode = 1;
  });

const sources = program.command("sources").description("feeds that are polled for stories");

sources
  .command("add")
  .description("add a feed to poll")
  .argument("<url>", "an http(s) feed URL")
  .option("--name <name>", "display name (default: the feed's title)")
  .option("--topic <slug>", "tag every story with this topic (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option("--every <interval>", "poll interval, 1m to 1d", "5m")
  .option("--breaking", "every story from this source is breaking news")
  .option("--json", "print JSON")
  .action(async (url: string, opts: { name?: string; topic: string[]; every: string; breaking?: boolean; json?: boolean }) => {
    if (!/^https?:\/\/[^\s/]+/i.test(url)) throw new CliError(`url must be an http(s) URL, not "${url}"`, 2);
    const every = parseInterval(opts.every);
    if (every === null) throw new CliError(`--every must be between 1m and 1d (e.g. 5m, 2h), not "${opts.every}"`, 2);
    const result = await withDatabase(async (db) => {
      const known = new Set((await createTopicDirectory(db).all()).map((t) => t.slug));
      const unknown = opts.topic.filter((t) => !known.has(t));
      if (unknown.length > 0) throw new CliError(`unknown topic ${unknown.join(", ")}; \`newsflash topics\` lists them`, 2);
      return addSource(db, { url, name: opts.name ?? null, topics: opts.topic, everySeconds: every, breaking: Boolean(opts.breaking) });
    });
    print(Boolean(opts.json), { status: result.status, source: sourceJson(result.source) }, () =>
      result.status === "exists" ? `already polled as source ${result.source.id}` : `added source ${result.source.id}: ${url} (every ${opts.every}; its current items are stored without alerts on the first poll)`,
    );
  });

sources
  .command("list")
  .description("list sources with their polling state")
  .option("--json", "print JSON")
  .action(async (opts: { json?: boolean }) => {
    const list = await withDatabase((db) => listSources(db, { kind: "feed" }));
    print(Boolean(opts.json), list.map(sourceJson), () =>
      table(list.map((s) => ({ id: s.id, name: s.name, state: s.paused ? "PAUSED" : s.consecutiveFailures > 0 ? `failing (${s.consecutiveFailures})` : "ok", every: `${s.everySeconds / 60}m`, "last error": s.lastError, url: s.url }))),
    );
  });

sources
  .command("remove")
  .description("stop polling a source (its stories stay)")
  .argument("<id>", "source id", positiveInt)
  .option("--json", "print JSON")
  .action(async (id: number, opts: { json?: boolean }) => {
    const removed = await withDatabase((db) => removeSource(db, id));
    if (!removed) throw new CliError(`no source ${id}`, 2);
    print(Boolean(opts.json), { removed: id }, () => `removed source ${id}`);
  });

sources
  .command("resume")
  .description("resume a paused source and poll it at once")
  .argument("<id>", "source id", positiveInt)
  .action(async (id: number) => {
    if (!(await withDatabase((db) => resumeSource(db, id)))) throw new CliError(`no source ${id}`, 2);
    process.stdout.write(`source ${id} resumed\n`);
  });

sources
  .command("import")
  .description("add every feed of an OPML file")
  .argument("<opml>", "OPML file")
  .option("--every <interval>", "poll interval for the imported feeds", "5m")
  .option("--json", "print JSON")
  .action(async (file: string, opts: { every: string; json?: boolean }) => {
    const every = parseInterval(opts.every);
    if (every === null) throw new CliError(`--every must be between 1m and 1d, not "${opts.every}"`, 2);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, 2);
    }
    const parsed = readOpml(text);
    if (parsed.status === "error") throw new CliError(`${file}: ${parsed.error}`, 2);
    const results = await withDatabase(async (db) => {
      const known = new Set((await createTopicDirectory(db).all()).map((t) => t.slug));
      const out = [];
      for (const feed of parsed.feeds) {
        const r = await addSource(db, { url: feed.url, name: feed.name, topics: feed.topics.filter((t) => known.has(t)), everySeconds: every, breaking: false });
        out.push({ status: r.status, id: r.source.id, url: feed.url });
      }
      return out;
    });
    print(Boolean(opts.json), results, () => `${results.filter((r) => r.status === "created").length} added, ${results.filter((r) => r.status === "exists").length} already known`);
  });

sources
  .command("export")
  .description("print the sources as OPML")
  .action(async () => {
    const list = await withDatabase((db) => listSources(db, { kind: "feed" }));
    process.stdout.write(writeOpml(list) + "\n");
  });

program
  .command("poll")
  .description("poll every due source once and print what each gave")
  .option("--all", "poll every active source, due or not")
  .option("--json", "print JSON")
  .action(async (opts: { all?: boolean; json?: boolean }) => {
    const outcome = await withDatabase(async (db, _config, logger) => {
      const tagger = createTagger(await createTopicDirectory(db).all());
      const reports = await pollDueSources({ db, tagger, clusterer: createClusterer(), logger, hostLimiter: createHostLimiter(2) }, { all: opts.all });
      const pass = await createWatcher({ db, logger }).runOnce();
      return { reports, deliveries: pass.deliveries };
    });
    print(Boolean(opts.json), outcome, () =>
      outcome.reports.length === 0
        ? "no source is due"
        : outcome.reports
            .map((r) => {
              const o = r.outcome;
              const what = o.status === "ok" ? `${o.new} new, ${o.duplicate} duplicate${o.warning ? ` (${o.warning})` : ""}` : o.status === "not-modified" ? "not modified" : `failed: ${o.error}${o.paused ? " (paused)" : ""}`;
              return `${r.sourceId} ${r.name}: ${what}`;
            })
            .concat(`${outcome.deliveries} deliveries queued`)
            .join("\n"),
    );
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`newsflash: ${error.message}\n`);
    process.exit(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`newsflash: unexpected error: ${scrubSecrets(message, [])}\n`);
  process.exit(1);
});
