import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDeliveries } from "../../src/db/delivery-queries.js";
import { latestStories } from "../../src/db/story-queries.js";
import { subscribe } from "../../src/db/subscription-queries.js";
import { importFile } from "../../src/ingest/import-file.js";
import { createClusterer } from "../../src/stories/clusterer.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { catalogTopics } from "../../src/topics/catalog.js";
import { createTagger } from "../../src/topics/tagger.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

const tagger = createTagger(catalogTopics);
let t: TempDatabase;
beforeEach(async () => {
  t = await createTempDatabase();
});
afterEach(async () => t.cleanup());

function feedFile(name: string, source: string, items: Array<{ id: string; title: string; summary: string }>): string {
  const path = join(t.dir, name);
  writeFileSync(
    path,
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${source}</title><link>https://${name}.example.test/</link>
${items.map((i) => `<item><title>${i.title}</title><link>https://${name}.example.test/${i.id}</link><guid>${i.id}</guid><description>${i.summary}</description></item>`).join("\n")}
</channel></rss>`,
  );
  return path;
}

describe("import: clustering and breaking news", () => {
  it("the same event from three outlets is one alert per chat, and the third outlet makes it breaking", async () => {
    await subscribe(t.db, { platform: "console", chatId: "me", target: { topic: "disasters" }, mode: "instant", timezone: "UTC" });
    await subscribe(t.db, { platform: "console", chatId: "breaking-only", target: { topic: "disasters" }, mode: "breaking", timezone: "UTC" });
    const clusterer = createClusterer();
    const watcher = createWatcher({ db: t.db, logger: pino({ level: "silent" }) });
    const now = new Date();
    const files = [
      feedFile("a", "Alpha News", [{ id: "1", title: "Magnitude 6.1 earthquake strikes off northern Japan", summary: "TOKYO (Alpha) - A magnitude 6.1 earthquake struck off the coast of northern Japan on Tuesday, the meteorological agency said. No tsunami warning was issued." }]),
      feedFile("b", "Beta Wire", [{ id: "1", title: "Strong quake hits northern Japan coast, no tsunami warning", summary: "A strong 6.1 magnitude earthquake shook northern Japan on Tuesday. Authorities said there was no tsunami risk." }]),
      feedFile("c", "Gamma Times", [{ id: "1", title: "Japan: 6.1 magnitude earthquake rattles the north", summary: "An earthquake of magnitude 6.1 hit northern Japan's coast on Tuesday; no tsunami warning followed." }]),
    ];
    for (const file of files) {
      const r = await importFile(t.db, file, { now, tagger, clusterer });
      expect(r).toMatchObject({ status: "ok", new: 1 });
      await watcher.runOnce();
    }
    const stories = await latestStories(t.db, { limit: 10 });
    expect(new Set(stories.map((s) => s.clusterId)).size).toBe(1);
    expect(stories.find((s) => s.source === "Gamma Times")?.breaking).toBe(true);
    expect(stories.find((s) => s.source === "Alpha News")?.breaking).toBe(false);

    const deliveries = await listDeliveries(t.db, {});
    const byChat = (chat: string) => deliveries.filter((d) => d.chatId === chat);
    expect(byChat("me")).toHaveLength(1);
    expect(byChat("breaking-only")).toHaveLength(1);
    expect(byChat("breaking-only")[0]!.storyId).toBe(stories.find((s) => s.source === "Gamma Times")?.id);
  });

  it("strips a BREAKING marker from the headline and marks the story; different events stay apart", async () => {
    const file = feedFile("d", "Delta", [
      { id: "1", title: "BREAKING: Central bank cuts rates by half a point", summary: "The central bank cut its main rate to 3%." },
      { id: "2", title: "Football: City beat United 2-1 in the derby", summary: "City won the derby with a late goal." },
    ]);
    await importFile(t.db, file, { now: new Date(), tagger, clusterer: createClusterer() });
    const stories = await latestStories(t.db, { limit: 10 });
    const rates = stories.find((s) => s.title.startsWith("Central bank"));
    expect(rates).toMatchObject({ title: "Central bank cuts rates by half a point", breaking: true });
    expect(new Set(stories.map((s) => s.clusterId)).size).toBe(2);
  });
});
