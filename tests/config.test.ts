import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";

describe("config", () => {
  it("defaults to the embedded SQLite database and the console (no platform sections)", () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      database: { kind: "sqlite", path: "./data/newsflash.db" },
      telegram: undefined,
      discord: undefined,
      httpPort: 8787,
      logLevel: "info",
      timezone: "UTC",
      retentionDays: 90,
    });
  });

  it("reads platform sections and strips a trailing slash from API roots", () => {
    const c = readConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_ghi",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
      DISCORD_TOKEN: "discord-token",
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_API_ROOT: "http://127.0.0.1:9001/api/",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      NEWSFLASH_TIMEZONE: "Europe/Berlin",
    });
    expect(c.telegram).toEqual({ token: "123456:ABC-def_ghi", apiRoot: "http://127.0.0.1:9000", webhookUrl: undefined });
    expect(c.discord).toMatchObject({ apiRoot: "http://127.0.0.1:9001/api", applicationId: "123456789012345678" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/test" });
    expect(c.secrets).toEqual(["123456:ABC-def_ghi", "discord-token"]);
  });

  it("treats empty variables as unset", () => {
    expect(readConfig({ TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: " " })).toMatchObject({ telegram: undefined, discord: undefined });
  });

  const bad: Array<[Record<string, string>, string, RegExp]> = [
    [{ HTTP_PORT: "abc" }, "HTTP_PORT", /port number from 0 to 65535/],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT", /port number/],
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL", /SQLite file path .* or a postgres:\/\/ URL/],
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, "TELEGRAM_BOT_TOKEN", /@BotFather/],
    [{ TELEGRAM_API_ROOT: "ftp://x" }, "TELEGRAM_API_ROOT", /http\(s\) URL/],
    [{ NEWSFLASH_TIMEZONE: "Mars/Base" }, "NEWSFLASH_TIMEZONE", /IANA time zone/],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", /one of fatal, error/],
    [{ DISCORD_APPLICATION_ID: "abc" }, "DISCORD_APPLICATION_ID", /snowflake/],
    [{ RETENTION_DAYS: "0" }, "RETENTION_DAYS", /at least 1/],
  ];
  for (const [env, variable, expected] of bad) {
    it(`names ${variable} when it is ${JSON.stringify(Object.values(env)[0])}`, () => {
      let error: unknown;
      try {
        readConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: expected `));
      expect((error as ConfigError).message).toMatch(expected);
    });
  }
});
