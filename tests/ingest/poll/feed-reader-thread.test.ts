import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createFeedReaderThread, type FeedReaderThread } from "../../../src/ingest/feed-reader-pool.js";
import { feedStories, type FeedSource, type FeedStories } from "../../../src/ingest/feed-stories.js";
import { catalogTopics } from "../../../src/topics/catalog.js";
import { createTagger } from "../../../src/topics/tagger.js";

const NOW = new Date("2025-11-26T12:00:00Z");
const body = readFileSync(new URL("../fixtures/rss2-newsroom.xml", import.meta.url));
const fetched = { body: new Uint8Array(body), url: "https://newsroom.example/feed.xml", contentType: "application/rss+xml" };
const source: FeedSource = { id: 7, name: "Newsroom", namedByUser: false, topics: ["local"], breaking: false, alert: true };

const storiesOf = (read: FeedStories) => (read.status === "ok" || read.status === "partial" ? read.stories : []);

describe("feed reader thread", () => {
  let thread: FeedReaderThread | undefined;
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
  });

  it("reads a feed on the worker exactly as on the main thread", async () => {
    thread = createFeedReaderThread();
    const onWorker = await thread.reader(catalogTopics)(fetched, source, NOW);
    const here = feedStories(fetched, source, { now: NOW, tagger: createTagger(catalogTopics) });
    expect(storiesOf(onWorker).length).toBeGreaterThan(0);
    expect(onWorker).toEqual(here);
  });

  it("tags with the topics of each poll, custom ones included", async () => {
    thread = createFeedReaderThread();
    const read = thread.reader(catalogTopics);
    const before = storiesOf(await read(fetched, source, NOW));
    const custom = [...catalogTopics, { slug: "everything", label: "Everything", query: "the OR a OR of", builtin: false }];
    const after = storiesOf(await thread.reader(custom)(fetched, source, NOW));
    expect(before.some((story) => story.topics.includes("everything"))).toBe(false);
    expect(after.some((story) => story.topics.includes("everything"))).toBe(true);
    // Back to the catalog: the worker drops the custom topic again.
    expect(storiesOf(await read(fetched, source, NOW)).some((story) => story.topics.includes("everything"))).toBe(false);
  });

  it("answers feeds in flight on the calling thread when it is closed under them", async () => {
    thread = createFeedReaderThread();
    const reads = Array.from({ length: 5 }, () => thread!.reader(catalogTopics)(fetched, source, NOW));
    await thread.close();
    for (const read of await Promise.all(reads)) expect(storiesOf(read).length).toBeGreaterThan(0);
  });

  it("reports a body that is not a feed, like the main thread does", async () => {
    thread = createFeedReaderThread();
    const html = { ...fetched, body: new TextEncoder().encode("<html><head><title>Moved</title></head><body>gone</body></html>") };
    expect(await thread.reader(catalogTopics)(html, source, NOW)).toMatchObject({ status: "not-a-feed" });
  });
});
