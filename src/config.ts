import { existsSync } from "node:fs";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), "an http(s) URL such as " + fallback)
    // grammY and discord.js both append paths: a trailing slash would double it.
    .transform((v) => v.replace(/\/+$/, ""));

const databaseUrl = z
  .string()
  .trim()
  .default("./data/newsflash.db")
  .refine(
    (v) => v !== "" && (/^postgres(ql)?:\/\/[^\s]+$/.test(v) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith("file://") || v.startsWith("sqlite://")),
    "a SQLite file path (e.g. ./data/newsflash.db) or a postgres:// URL",
  );

/** Every variable the bot reads; names are part of the contract (see .env.example). */
const envSchema = z.object({
  DATABASE_URL: databaseUrl,
  TELEGRAM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d+:[\w-]+$/.test(v), "a bot token from @BotFather, like 123456:ABC-DEF"),
  TELEGRAM_API_ROOT: httpUrl("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), "an https URL that Telegram can reach"),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{5,20}$/.test(v), "a numeric application id (snowflake)"),
  DISCORD_API_ROOT: httpUrl("https://discord.com/api"),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{5,20}$/.test(v), "a numeric guild id (snowflake)"),
  HTTP_PORT: z
    .string()
    .trim()
    .default("8787")
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 65535, "a port number from 0 to 65535 (0 picks a free port)")
    .transform(Number),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .default("info")
    .refine((v): v is (typeof logLevels)[number] => (logLevels as readonly string[]).includes(v), `one of ${logLevels.join(", ")}`),
  NEWSFLASH_TIMEZONE: z.string().trim().default("UTC").refine(isTimezone, "an IANA time zone such as UTC or Europe/Berlin"),
  RETENTION_DAYS: z
    .string()
    .trim()
    .default("90")
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, "a whole number of days, at least 1")
    .transform(Number),
  NEWSFLASH_EXAMPLES: z
    .string()
    .trim()
    .toLowerCase()
    .default("auto")
    .refine((v) => ["auto", "on", "off"].includes(v), "auto, on or off"),
});

export type Config = {
  database: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
  telegram: { token: string; apiRoot: string; webhookUrl: string | undefined } | undefined;
  discord: { token: string; applicationId: string | undefined; apiRoot: string; guildId: string | undefined } | undefined;
  httpPort: number;
  logLevel: (typeof logLevels)[number];
  timezone: string;
  retentionDays: number;
  examples: "auto" | "on" | "off";
  /** Tokens to scrub from logs and error text. */
  secrets: string[];
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable}: expected ${expected}`);
    this.name = "ConfigError";
  }
}

/** Reads `.env` (when present) into process.env without overriding variables already set. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Validates the environment; throws ConfigError naming the first bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, issue?.message ?? "a valid value");
  }
  const e = parsed.data;
  const dbUrl = e.DATABASE_URL;
  const database: Config["database"] = /^postgres(ql)?:\/\//.test(dbUrl)
    ? { kind: "postgres", url: dbUrl }
    : { kind: "sqlite", path: dbUrl.replace(/^(file|sqlite):\/\//, "") };
  return {
    database,
    telegram: e.TELEGRAM_BOT_TOKEN ? { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT, webhookUrl: e.TELEGRAM_WEBHOOK_URL } : undefined,
    discord: e.DISCORD_TOKEN
      ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, apiRoot: e.DISCORD_API_ROOT, guildId: e.DISCORD_GUILD_ID }
      : undefined,
    httpPort: e.HTTP_PORT,
    logLevel: e.LOG_LEVEL as Config["logLevel"],
    timezone: e.NEWSFLASH_TIMEZONE,
    retentionDays: e.RETENTION_DAYS,
    examples: e.NEWSFLASH_EXAMPLES as Config["examples"],
    secrets: [e.TELEGRAM_BOT_TOKEN, e.DISCORD_TOKEN].filter((s): s is string => Boolean(s)),
  };
}
