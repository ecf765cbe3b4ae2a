import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.js";
import { pruneStoriesBefore } from "../../src/db/story-queries.js";
import { enqueueDeliveries, listDeliveries } from "../../src/db/delivery-queries.js";
import { subscribe } from "../../src/db/subscription-queries.js";
import { seedStories } from "../helpers/seed-stories.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

let t: TempDatabase;
beforeEach(async () => {
  t = await createTempDatabase();
});
afterEach(async () => t.cleanup());

describe("migrations on a fresh database", () => {
  it("create every table, and a second run applies nothing", async () => {
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`.execute(t.db);
    const names = tables.rows.map((r) => r.name);
    for (const table of ["sources", "stories", "stories_fts", "topics", "story_topics", "subscriptions", "deliveries", "kv"]) expect(names).toContain(table);
    expect(await migrateToLatest(t.db)).toEqual({ status: "ok", applied: [] });
  });

  it("uses WAL and enforces foreign keys", async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(t.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(t.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
  });

  it("keeps the full-text index in step with stories, and retention prunes old stories with their deliveries", async () => {
    const old = new Date(Date.now() - 100 * 86_400_000);
    const [oldId, newId] = await seedStories(t.db, [
      { title: "Ancient volcano story", publishedAt: old },
      { title: "Fresh volcano story" },
    ]);
    const { subscription } = await subscribe(t.db, { platform: "console", chatId: "me", target: { topic: "disasters" }, mode: "instant", timezone: "UTC" });
    await enqueueDeliveries(
      t.db,
      [oldId!, newId!].map((storyId) => ({ storyId, subscriptionId: subscription.id, clusterId: null, platform: "console", chatId: "me", threadId: null, priority: 0, nextAttemptAt: Date.now() })),
    );
    const hits = async () => (await sql<{ rowid: number }>`SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'volcano' ORDER BY rowid`.execute(t.db)).rows.map((r) => r.rowid);
    expect(await hits()).toEqual([oldId, newId]);
    expect(await pruneStoriesBefore(t.db, new Date(Date.now() - 90 * 86_400_000))).toBe(1);
    expect(await hits()).toEqual([newId]);
    expect((await listDeliveries(t.db, {})).map((d) => d.storyId)).toEqual([newId]);
  });
});
