// `newsflash migrate-data`: a SQLite store copied into an empty PostgreSQL schema with its ids,
// sequences moved past them, search working there, and a second run refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateChatSettings } from "../../src/db/chat-settings-queries.js";
import { addDigestItems } from "../../src/db/digest-queries.js";
import { enqueueDeliveries } from "../../src/db/delivery-queries.js";
import { setKv } from "../../src/db/kv-queries.js";
import { openPostgres } from "../../src/db/open-postgres.js";
import { matchingStoryIds } from "../../src/db/search-queries.js";
import { addSource } from "../../src/db/source-queries.js";
import { subscribe } from "../../src/db/subscription-queries.js";
import { upsertCustomTopic } from "../../src/db/topic-queries.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { createPgSchema, pgUrl } from "../helpers/engines.js";
import { childEnv, runCli } from "../helpers/run-cli.js";
import { seedStories } from "../helpers/seed-stories.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

const TABLES = ["sources", "stories", "topics", "story_topics", "subscriptions", "deliveries", "kv", "chat_settings", "digest_items"] as const;

describe.skipIf(pgUrl === undefined)("newsflash migrate-data", () => {
  let sqlite: TempDatabase;
  let target: Awaited<ReturnType<typeof createPgSchema>>;
  beforeEach(async () => {
    sqlite = await createTempDatabase();
    target = await createPgSchema(pgUrl ?? "");
  });
  afterEach(async () => {
    await sqlite.cleanup();
    await target.drop();
  });

  it("copies every table with its ids, resets sequences, and refuses a target that holds data", async () => {
    const db = sqlite.db;
    await addSource(db, { url: "https://feed.example/rss", name: "Feed", topics: ["world"], everySeconds: 300, breaking: false });
    const ids = await seedStories(db, [{ title: "Volcano erupts", topics: ["world"] }, { title: "Markets calm", topics: ["business"] }, { title: "Volcano ash spreads", topics: ["world"] }]);
    // A gap in the ids, as retention leaves behind.
    await db.deleteFrom("stories").where("id", "=", ids[1] ?? 0).execute();
    const { subscription } = await subscribe(db, { platform: "telegram", chatId: "-100", target: { topic: "world" }, mode: "instant", timezone: "UTC" });
    await enqueueDeliveries(db, [{ storyId: ids[2] ?? 0, subscriptionId: subscription.id, clusterId: null, platform: "telegram", chatId: "-100", threadId: null, priority: 1, nextAttemptAt: 0 }]);
    await addDigestItems(db, [{ platform: "telegram", chatId: "-200", storyId: ids[0] ?? 0, topic: "world", reason: "digest" }]);
    await updateChatSettings(db, { platform: "telegram", chatId: "-200" }, { digestTimes: "08:00", timezone: "Europe/Oslo" });
    await upsertCustomTopic(db, { slug: "volcanoes", label: "Volcanoes", query: "volcano*" });
    await setKv(db, "watcher.cursor", String(ids[2]));
    const before = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await db.selectFrom(t).selectAll().execute()] as const)));
    // The command opens the file itself, as it would a stopped bot's.
    await db.destroy();

    const run = await runCli(["migrate-data", "--from", sqlite.path, "--to", target.url, "--json"], { env: childEnv({}) });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { tables: Array<{ table: string; rows: number }> };
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toMatchObject(Object.fromEntries(TABLES.map((t) => [t, before[t]?.length])));

    const opened = await openPostgres(target.url);
    if (opened.status === "error") throw new Error(opened.error);
    const pg = opened.db;
    try {
      for (const table of TABLES) {
        const rows = await pg.selectFrom(table).selectAll().execute();
        const key = (r: Record<string, unknown>) => JSON.stringify(r);
        expect(rows.map(key).sort(), table).toEqual((before[table] ?? []).map(key).sort());
      }
      expect(await matchingStoryIds(pg, parseQuery("volcano"))).toEqual([ids[0], ids[2]]);
      // The next story continues after the copied ids.
      const [next] = await seedStories(pg, [{ title: "Fresh after the move" }]);
      expect(next).toBe((ids[2] ?? 0) + 1);
    } finally {
      await pg.destroy();
    }

    const again = await runCli(["migrate-data", "--from", sqlite.path, "--to", target.url], { env: childEnv({}) });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds data \(in sources, stories, .*\); migrate-data copies into an empty database only/);
  });

  it("names a missing file or a URL that is not PostgreSQL", async () => {
    const missing = await runCli(["migrate-data", "--from", "/nonexistent/newsflash.db", "--to", target.url], { env: childEnv({}) });
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 2, stderr: "newsflash: --from: no SQLite file at /nonexistent/newsflash.db\n" });
    const notPg = await runCli(["migrate-data", "--from", sqlite.path, "--to", "mysql://x"], { env: childEnv({}) });
    expect(notPg.stderr).toBe('newsflash: --to must be a postgres:// URL, not "mysql://x"\n');
  });
});
