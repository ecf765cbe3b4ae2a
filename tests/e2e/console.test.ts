import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { childEnv, startCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "newsflash-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start with no tokens: the console channel", () => {
  it("shows an example alert, answers commands typed on stdin, serves /healthz and stops cleanly on SIGTERM", async () => {
    const bot = startCli(["start"], { env: childEnv({ DATABASE_URL: join(dir, "bot.db"), NEWSFLASH_EXAMPLES: "auto", LOG_LEVEL: "info" }) });
    try {
      // The example feed's world stories arrive as alerts without any command.
      await bot.waitForStdout(/Leaders of 40 nations agree on a global treaty[\s\S]*https:\/\/example\.org\/newsflash-demo\/reef-treaty/, 20_000);
      expect(bot.stderr).toMatch(/no TELEGRAM_BOT_TOKEN or DISCORD_TOKEN set/);

      bot.send("/help");
      await bot.waitForStdout(/\/subscribe world — follow a topic/);

      bot.send("/subscribe");
      await bot.waitForStdout(/missing topic\. Usage: \/subscribe <topic or search words>/);

      bot.send("/latest nonsense-topic");
      await bot.waitForStdout(/No topic "nonsense-topic"/);

      bot.send("/subscribe sports");
      await bot.waitForStdout(/Subscribed: this chat now follows Sports \(sports\)\./);

      const port = Number(/"httpPort":(\d+)/.exec(bot.stderr)?.[1]);
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ ok: true, database: true, platforms: { console: { state: "running" } } });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/newsflash_deliveries\{status="sent"\} [1-9]/);

      const started = Date.now();
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(bot.stderr).toMatch(/stopped cleanly/);
    } finally {
      bot.child.kill("SIGKILL");
    }
  });
});
