import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, repoRoot, runCli } from "../helpers/run-cli.js";

const fixture = join(repoRoot, "tests/fixtures/two-world-stories.xml");
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "newsflash-cli-"));
  env = childEnv({ DATABASE_URL: join(dir, "data", "bot.db") });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("newsflash CLI", () => {
  it("prints help", async () => {
    const r = await runCli(["--help"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: newsflash/);
    expect(r.stdout).toMatch(/import \[options\] <files\.\.\.>/);
  });

  it("migrates once, then finds nothing to do", async () => {
    const first = await runCli(["migrate", "--json"], { env });
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(["migrate", "--json"], { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: "up to date" });
  });

  it("imports a feed into two deliveries for a subscribed chat, and a re-import adds nothing", async () => {
    const sub = await runCli(["subscribe", "console", "me", "world", "--json"], { env });
    expect(sub.code, sub.stderr).toBe(0);
    expect(JSON.parse(sub.stdout)).toMatchObject({ status: "created", subscription: { chatId: "me", topic: "world", mode: "instant" } });

    const imported = await runCli(["import", fixture, "--json"], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ results: [{ status: "ok", new: 3, duplicate: 0 }], deliveries: 2 });

    const deliveries = await runCli(["deliveries", "--json"], { env });
    const rows = JSON.parse(deliveries.stdout) as Array<{ chatId: string; platform: string; status: string; storyId: number }>;
    expect(rows).toHaveLength(2);
    expect(rows.every((d) => d.chatId === "me" && d.platform === "console" && d.status === "pending")).toBe(true);

    const again = await runCli(["import", fixture, "--json"], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ results: [{ new: 0, duplicate: 3 }], deliveries: 0 });
    const after = await runCli(["deliveries", "--json"], { env });
    expect(JSON.parse(after.stdout)).toHaveLength(2);

    const stories = await runCli(["stories", "--topic", "world", "--json"], { env });
    const list = JSON.parse(stories.stdout) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    const council = list.find((s) => String(s.title).startsWith("UN Security Council"));
    expect(council).toMatchObject({
      url: "https://wire.example.test/world/council-meets?utm_source=rss",
      source: "Test Wire",
      breaking: false,
      summary: "The United Nations Security Council held an emergency session on Monday after clashes on a disputed border. Diplomats said a statement could follow.",
    });
    expect(council?.topics).toContain("world");
    expect(String(council?.publishedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("refuses an unknown topic with a suggestion", async () => {
    const r = await runCli(["subscribe", "console", "me", "wrold"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('newsflash: no topic "wrold"; did you mean world?');
  });

  it("reports a missing import file without a stack trace", async () => {
    const r = await runCli(["import", join(dir, "nope.xml")], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error: no such file/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe("bad configuration stops with one line and exit code 2", () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["HTTP_PORT=abc", { HTTP_PORT: "abc" }, /^newsflash: HTTP_PORT: expected a port number/],
    ["a DATABASE_URL of another scheme", { DATABASE_URL: "mysql://db/x" }, /^newsflash: DATABASE_URL: expected a SQLite file path/],
    ["a bad time zone", { NEWSFLASH_TIMEZONE: "Mars/Olympus" }, /^newsflash: NEWSFLASH_TIMEZONE: expected an IANA time zone/],
  ];
  for (const [name, extra, message] of cases) {
    it(name, async () => {
      const r = await runCli(["start"], { env: { ...env, ...extra } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }

  it("an unwritable data folder", async () => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores permission bits: use a path under a regular file instead, which nobody can create.
    const path = process.getuid?.() === 0 ? join(fixture, "sub", "bot.db") : join(locked, "data", "bot.db");
    const r = await runCli(["start"], { env: { ...env, DATABASE_URL: path } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^newsflash: cannot open the SQLite database at .*bot\.db: /);
  });
});
