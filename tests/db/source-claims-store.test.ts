// Source leases on both engines: due, unpaused feeds only; a leased source is nobody else's until
// its lease ends or its poll is recorded; several ingest workers claim disjoint sets.
import { expect, it } from "vitest";
import { addSource, claimDueSources, recordPoll } from "../../src/db/source-queries.js";
import { forEachEngine } from "../helpers/engines.js";

const T = 1_760_000_000_000;

forEachEngine("source claims", (store) => {
  it("leases due feeds until the lease ends or the poll is recorded", async () => {
    const { db } = store();
    const due = (await addSource(db, { url: "https://a.example/feed", name: null, topics: ["world"], everySeconds: 300, breaking: false }, T)).source;
    await addSource(db, { url: "https://b.example/feed", name: "B", topics: [], everySeconds: 300, breaking: false }, T + 60_000);
    expect(due).toMatchObject({ name: "a.example", topics: ["world"], nextPollAt: new Date(T) });
    const claimed = await claimDueSources(db, { now: T, leaseMs: 10_000, limit: 10 });
    expect(claimed.map((s) => s.url)).toEqual(["https://a.example/feed"]);
    expect(await claimDueSources(db, { now: T + 5_000, leaseMs: 10_000, limit: 10 })).toEqual([]);
    // A crashed poller's lease ends.
    expect((await claimDueSources(db, { now: T + 10_001, leaseMs: 10_000, limit: 10 })).map((s) => s.id)).toEqual([due.id]);
    await recordPoll(db, due.id, { consecutive_failures: 0, last_error: null, next_poll_at: T + 300_000 }, T + 10_002);
    expect((await claimDueSources(db, { now: T + 60_000, leaseMs: 10_000, limit: 10 })).map((s) => s.url)).toEqual(["https://b.example/feed"]);
    expect((await claimDueSources(db, { now: T + 60_000, leaseMs: 10_000, limit: 10, all: true })).map((s) => s.id)).toEqual([due.id]);
  });

  it("gives concurrent workers disjoint sources, each exactly once", async () => {
    const opened = store();
    const workers = [opened.db, await opened.reopen(), await opened.reopen()];
    for (let i = 0; i < 40; i++) await addSource(opened.db, { url: `https://feed${i}.example/rss`, name: `F${i}`, topics: [], everySeconds: 300, breaking: false }, T);
    const claims = await Promise.all(
      workers.map(async (db) => {
        const mine: number[] = [];
        for (;;) {
          const batch = await claimDueSources(db, { now: T + 1, leaseMs: 60_000, limit: 3 });
          if (batch.length === 0) return mine;
          mine.push(...batch.map((s) => s.id));
        }
      }),
    );
    const all = claims.flat();
    expect(all.length).toBe(40);
    expect(new Set(all).size).toBe(40);
  });
});
