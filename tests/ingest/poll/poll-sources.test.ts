import type { Kysely } from "kysely";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/schema.js";
import { addSource, listSources, type Source } from "../../../src/db/source-queries.js";
import { latestStories } from "../../../src/db/story-queries.js";
import { createHostLimiter } from "../../../src/ingest/fetch/index.js";
import { PAUSE_AFTER_FAILURES } from "../../../src/ingest/poll-schedule.js";
import { pollDueSources, type PollOutcome } from "../../../src/ingest/poll-sources.js";
import { createClusterer } from "../../../src/stories/clusterer.js";
import { createWatcher } from "../../../src/stories/watcher.js";
import { subscribe } from "../../../src/db/subscription-queries.js";
import { listDeliveries } from "../../../src/db/delivery-queries.js";
import { catalogTopics } from "../../../src/topics/catalog.js";
import { createTagger } from "../../../src/topics/tagger.js";
import { addRedirectChain, addRedirectLoop, conditionalFeed, hugeBody, httpStatus, slowResponse, startFeedServer, type FeedServer } from "../../fakes/feed-server/index.js";
import { createTempDatabase, type TempDatabase } from "../../helpers/temp-db.js";

const logger = pino({ level: "silent" });
const tagger = createTagger(catalogTopics);
let server: FeedServer;
let t: TempDatabase;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => server.close());
beforeEach(async () => {
  t = await createTempDatabase();
});
afterEach(async () => t.cleanup());

function rss(items: Array<{ guid: string; title: string; hoursAgo?: number }>, extra = ""): string {
  const now = Date.now();
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Quirk Wire</title><link>${server.url("/")}</link>${extra}
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>${server.url(`/story/${i.guid}`)}</link><guid>${i.guid}</guid>
<pubDate>${new Date(now - (i.hoursAgo ?? 0) * 3600_000).toUTCString()}</pubDate><description>${i.title}. More details follow.</description></item>`,
  )
  .join("\n")}</channel></rss>`;
}

async function poll(db: Kysely<Database>, now = new Date(), opts: { all?: boolean } = { all: true }) {
  return pollDueSources(
    { db, tagger, clusterer: createClusterer(), logger, hostLimiter: createHostLimiter(2), now: () => now, fetchOptions: { totalTimeoutMs: 1500, connectTimeoutMs: 1000 } },
    opts,
  );
}

async function only(db: Kysely<Database>): Promise<Source> {
  const [source] = await listSources(db, { kind: "feed" });
  if (!source) throw new Error("no source");
  return source;
}

const outcome = (reports: Awaited<ReturnType<typeof poll>>): PollOutcome => reports[0]!.outcome;

describe("polling sources", () => {
  it("stores the first poll without alerting, then alerts only new items; a 304 counts as not modified", async () => {
    let body = rss([{ guid: "a", title: "Earthquake shakes northern Japan" }]);
    server.route("/feed-a", (req, res) => conditionalFeed({ body, etag: `"v${body.length}"` })(req, res, new AbortController().signal));
    await addSource(t.db, { url: server.url("/feed-a"), name: null, topics: [], everySeconds: 300, breaking: false });
    await subscribe(t.db, { platform: "console", chatId: "me", target: { topic: "disasters" }, mode: "instant", timezone: "UTC" });
    const watcher = createWatcher({ db: t.db, logger });

    expect(outcome(await poll(t.db))).toMatchObject({ status: "ok", new: 1, alertable: 0 });
    expect((await only(t.db)).name).toBe("Quirk Wire");
    await watcher.runOnce();
    expect(await listDeliveries(t.db, {})).toHaveLength(0);

    expect(outcome(await poll(t.db))).toEqual({ status: "not-modified" });

    body = rss([
      { guid: "a", title: "Earthquake shakes northern Japan" },
      { guid: "b", title: "Floods force thousands to evacuate in Spain" },
      { guid: "c", title: "Old storm report resurfaces", hoursAgo: 72 },
    ]);
    expect(outcome(await poll(t.db))).toMatchObject({ status: "ok", new: 2, duplicate: 1, alertable: 1 });
    await watcher.runOnce();
    const deliveries = await listDeliveries(t.db, {});
    expect(deliveries).toHaveLength(1);
    const stories = await latestStories(t.db, { limit: 10 });
    expect(stories.find((s) => s.id === deliveries[0]!.storyId)?.title).toBe("Floods force thousands to evacuate in Spain");
  });

  it("backs off on failures, keeps the last error, pauses after 20 in a row and one success resets it", async () => {
    let failing = true;
    server.route("/flaky", (req, res) => {
      if (failing) res.writeHead(500).end("boom");
      else res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss([{ guid: "x", title: "Markets rally" }]));
    });
    await addSource(t.db, { url: server.url("/flaky"), name: "Flaky", topics: [], everySeconds: 300, breaking: false });
    const start = Date.now();
    const r1 = await poll(t.db, new Date(start));
    expect(outcome(r1)).toMatchObject({ status: "failed", error: "HTTP 500 Internal Server Error", paused: false });
    let s = await only(t.db);
    expect(s.consecutiveFailures).toBe(1);
    expect(s.nextPollAt.getTime() - start).toBe(300_000);
    await poll(t.db, new Date(start));
    s = await only(t.db);
    expect(s.nextPollAt.getTime() - start).toBe(600_000);

    for (let i = 2; i < PAUSE_AFTER_FAILURES; i++) await poll(t.db, new Date(start));
    s = await only(t.db);
    expect(s.paused).toBe(true);
    expect(s.consecutiveFailures).toBe(PAUSE_AFTER_FAILURES);
    expect(s.nextPollAt.getTime() - start).toBe(24 * 3600_000);
    expect(await poll(t.db, new Date(start))).toEqual([]);

    failing = false;
    await t.db.updateTable("sources").set({ paused: 0 }).execute();
    expect(outcome(await poll(t.db, new Date(start)))).toMatchObject({ status: "ok", new: 1 });
    s = await only(t.db);
    expect(s.consecutiveFailures).toBe(0);
    expect(s.lastError).toBeNull();
  });

  it("a failing or slow source never delays the others", async () => {
    server.route("/slow", slowResponse(5000));
    server.route("/ok", { body: rss([{ guid: "q", title: "Quick story" }]), headers: { "content-type": "application/rss+xml" } });
    await addSource(t.db, { url: server.url("/slow"), name: "Slow", topics: [], everySeconds: 300, breaking: false });
    await addSource(t.db, { url: server.url("/ok"), name: "Ok", topics: [], everySeconds: 300, breaking: false });
    const started = Date.now();
    const reports = await poll(t.db);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(reports.map((r) => r.outcome.status)).toEqual(["failed", "ok"]);
    expect(reports[0]!.outcome).toMatchObject({ error: expect.stringMatching(/timeout/) });
  });

  it("ends each hostile case with a clear error: 50 MB body, redirect loop, 500, not a feed, entity expansion", async () => {
    server.route("/huge", hugeBody({ bytes: 50 * 1024 * 1024 }));
    addRedirectLoop(server, ["/loop-a", "/loop-b"]);
    server.route("/broken", httpStatus(500));
    server.route("/page", { body: `<html><head><link rel="alternate" type="application/rss+xml" href="/real.xml"></head><body>hi</body></html>`, headers: { "content-type": "text/html" } });
    server.route("/lol", { body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>`, headers: { "content-type": "application/rss+xml" } });
    for (const path of ["/huge", "/loop-a", "/broken", "/page", "/lol"]) await addSource(t.db, { url: server.url(path), name: path, topics: [], everySeconds: 300, breaking: false });
    const reports = await poll(t.db);
    const errors = Object.fromEntries(reports.map((r) => [r.name, r.outcome.status === "failed" ? r.outcome.error : r.outcome.status]));
    expect(errors["/huge"]).toMatch(/larger than 5 MB: download aborted/);
    expect(errors["/loop-a"]).toMatch(/redirect loop/);
    expect(errors["/broken"]).toBe("HTTP 500 Internal Server Error");
    expect(errors["/page"]).toBe(`not a feed; the page links to ${server.url("/real.xml")}`);
    expect(errors["/lol"]).toMatch(/refused to expand/);
    const listed = await listSources(t.db, { kind: "feed" });
    expect(listed.every((s) => s.lastError !== null && s.consecutiveFailures === 1)).toBe(true);
  });

  it("a permanent redirect updates the stored URL; <ttl> lengthens the interval", async () => {
    const target = server.url("/moved-feed");
    server.route("/moved-feed", { body: rss([{ guid: "m", title: "Moved story" }], "<ttl>60</ttl>"), headers: { "content-type": "application/rss+xml" } });
    const start = addRedirectChain(server, "/old", [301, 308], target);
    await addSource(t.db, { url: server.url(start), name: "Mover", topics: [], everySeconds: 300, breaking: false });
    const now = new Date();
    expect(outcome(await poll(t.db, now))).toMatchObject({ status: "ok", new: 1 });
    const s = await only(t.db);
    expect(s.url).toBe(target);
    expect(s.nextPollAt.getTime() - now.getTime()).toBe(3600_000);
  });
});
