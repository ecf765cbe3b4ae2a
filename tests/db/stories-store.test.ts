// Stories on both engines: dedupe by guid and canonical URL, the watcher's cursor reads, topic
// counts, and retention taking a story's deliveries, topics and search entry with it.
import { expect, it } from "vitest";
import { addDigestItems } from "../../src/db/digest-queries.js";
import { enqueueDeliveries, listDeliveries } from "../../src/db/delivery-queries.js";
import { matchingStoryIds } from "../../src/db/search-queries.js";
import { ensureFileSource } from "../../src/db/source-queries.js";
import { getStory, insertStory, latestStories, maxStoryId, pruneStoriesBefore, storiesAfter, topicCountsSince, type NewStory } from "../../src/db/story-queries.js";
import { subscribe } from "../../src/db/subscription-queries.js";
import { storeStories } from "../../src/ingest/store-stories.js";
import { createClusterer } from "../../src/stories/clusterer.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { searchDocument } from "../../src/topics/query/search-document.js";
import { forEachEngine } from "../helpers/engines.js";

const NOW = new Date("2025-11-10T12:00:00Z");
const HOUR = 3_600_000;

function story(n: number, over: Partial<NewStory> = {}): NewStory {
  const url = `https://news.example/${n}`;
  const title = over.title ?? `Volcano erupts near town ${n}`;
  return {
    sourceId: null,
    sourceName: "Wire",
    guid: null,
    url,
    canonicalUrl: url,
    title,
    summary: "Ash over the valley.",
    section: null,
    topics: ["world"],
    publishedAt: new Date(NOW.getTime() - n * HOUR),
    firstSeenAt: NOW,
    breaking: false,
    alertable: true,
    clusterId: null,
    fingerprint: null,
    search: searchDocument({ title, summary: "Ash over the valley.", source: "Wire", section: null, topics: over.topics ?? ["world"] }),
    ...over,
  };
}

forEachEngine("stories", (store) => {
  it("stores a story once: a known canonical URL or source guid is a duplicate", async () => {
    const { db } = store();
    const source = await ensureFileSource(db, { url: "file:///feed.xml", name: "Feed" });
    const first = await insertStory(db, story(1, { sourceId: source.id, guid: "g-1" }));
    expect(first.status).toBe("inserted");
    if (first.status !== "inserted") return;
    // Its own cluster when none was given.
    expect(first.clusterId).toBe(first.id);
    expect(await insertStory(db, story(1))).toEqual({ status: "duplicate", id: first.id });
    expect(await insertStory(db, { ...story(2, { sourceId: source.id, guid: "g-1" }) })).toEqual({ status: "duplicate", id: first.id });
    const counts = await storeStories(db, [story(1), story(3), story(3), story(4, { alertable: false })], { now: NOW });
    expect({ new: counts.new, duplicate: counts.duplicate, alertable: counts.alertable }).toEqual({ new: 2, duplicate: 2, alertable: 1 });
    const stored = await getStory(db, first.id);
    expect(stored).toMatchObject({ id: first.id, title: "Volcano erupts near town 1", topics: ["world"], breaking: false, clusterId: first.id });
    expect(typeof stored?.id).toBe("number");
    expect(stored?.publishedAt).toEqual(new Date(NOW.getTime() - HOUR));
  });

  it("clusters the stories of one batch together, and the third outlet makes the event breaking", async () => {
    const { db } = store();
    const title = "Magnitude 7.1 earthquake strikes off the coast of northern Japan, tsunami warning issued";
    const summary = "A powerful earthquake struck off northern Japan on Monday, and authorities issued a tsunami warning for the coast.";
    const outlets = ["Wire", "Herald", "Gazette"].map((sourceName, i) =>
      story(200 + i, { sourceName, title, summary, publishedAt: new Date(NOW.getTime() - i * 60_000), search: searchDocument({ title, summary, source: sourceName, section: null, topics: ["world"] }) }),
    );
    const { newIds } = await storeStories(db, outlets, { clusterer: createClusterer(), now: NOW });
    const stored = await Promise.all(newIds.map((id) => getStory(db, id)));
    expect(stored.map((s) => s?.clusterId)).toEqual([newIds[0], newIds[0], newIds[0]]);
    expect(stored.map((s) => s?.breaking)).toEqual([false, false, true]);
  });

  it("never hands out the id of a pruned story again", async () => {
    const { db } = store();
    const { newIds: old } = await storeStories(db, [story(24 * 100), story(24 * 101)], { now: NOW });
    expect(await pruneStoriesBefore(db, new Date(NOW.getTime() - 90 * 24 * HOUR))).toBe(2);
    const { newIds: fresh } = await storeStories(db, [story(1)], { now: NOW });
    expect(fresh[0]).toBeGreaterThan(Math.max(...old));
    expect((await getStory(db, fresh[0] ?? 0))?.clusterId).toBe(fresh[0]);
  });

  it("reads what the watcher needs: alertable stories after a cursor, oldest first, and the newest id", async () => {
    const { db } = store();
    const { newIds } = await storeStories(db, [story(1), story(2, { alertable: false }), story(3)], { now: NOW });
    expect(await maxStoryId(db)).toBe(Math.max(...newIds));
    expect((await storiesAfter(db, 0, 10)).map((s) => s.id)).toEqual([newIds[0], newIds[2]]);
    expect((await storiesAfter(db, newIds[0] ?? 0, 1)).map((s) => s.id)).toEqual([newIds[2]]);
  });

  it("lists the newest stories by topic and counts stories per topic", async () => {
    const { db } = store();
    await storeStories(db, [story(1, { topics: ["world", "europe"] }), story(2, { topics: ["europe"] }), story(30, { topics: ["europe"] })], { now: NOW });
    expect((await latestStories(db, { topic: "europe", limit: 2 })).map((s) => s.title)).toEqual(["Volcano erupts near town 1", "Volcano erupts near town 2"]);
    const counts = await topicCountsSince(db, new Date(NOW.getTime() - 24 * HOUR));
    expect(Object.fromEntries(counts)).toEqual({ world: 1, europe: 2 });
  });

  it("prunes old stories with their deliveries, digest items, topics and search entries", async () => {
    const { db } = store();
    const { newIds } = await storeStories(db, [story(24 * 100), story(1)], { now: NOW });
    const [oldId, newId] = newIds as [number, number];
    const { subscription } = await subscribe(db, { platform: "telegram", chatId: "42", target: { topic: "world" }, mode: "instant", timezone: "UTC" });
    await enqueueDeliveries(
      db,
      [oldId, newId].map((storyId) => ({ storyId, subscriptionId: subscription.id, clusterId: null, platform: "telegram", chatId: "42", threadId: null, priority: 0, nextAttemptAt: NOW.getTime() })),
    );
    await addDigestItems(db, [{ platform: "telegram", chatId: "43", storyId: oldId, topic: "world", reason: "digest" }]);
    const volcano = parseQuery("volcano");
    expect(await matchingStoryIds(db, volcano)).toEqual([oldId, newId]);
    expect(await pruneStoriesBefore(db, new Date(NOW.getTime() - 90 * 24 * HOUR))).toBe(1);
    expect(await matchingStoryIds(db, volcano)).toEqual([newId]);
    expect((await listDeliveries(db, {})).map((d) => d.storyId)).toEqual([newId]);
    expect(await db.selectFrom("digest_items").selectAll().execute()).toEqual([]);
    expect((await db.selectFrom("story_topics").select("story_id").execute()).map((r) => Number(r.story_id))).toEqual([newId]);
  });
});
