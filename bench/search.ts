// Search over a million stories: p50/p95 latency of typical 1–3 word queries and the process's
// memory while serving them. The generated database is cached in the temp folder between runs.
// `node bin/run-ts.js bench/search.ts [--json] [--stories N]`
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../src/db/migrate.js";
import { openSqlite } from "../src/db/open-database.js";
import type { Database } from "../src/db/schema.js";
import type { NewStory } from "../src/db/story-queries.js";
import { storeStories } from "../src/ingest/store-stories.js";
import { searchDocument } from "../src/topics/query/search-document.js";
import { searchPage } from "../src/topics/search.js";
import { isMain } from "./lib/is-main.js";
import { generateStory, percentile, pick, seededRandom } from "./lib/news-text.js";

const QUERIES = [
  "ukraine", "interest rates", "climate plan", "election results", "gaza ceasefire", "central bank", "tokyo", "vaccine", "oil output", "ai rules",
  "border controls", "peace talks berlin", "tax reform", "wildfire", "strike action", "budget", "chip exports china", "pension changes", "rail project", "drought",
  "president warns", "court blocks", "investors", "housing plan spain", "energy prices", "protests", "scientists", "rescue mission", "trade deal", "parliament approves",
];

async function build(db: Kysely<Database>, total: number, now: number): Promise<void> {
  const rnd = seededRandom(7);
  const sources = ["Bench Wire", "Daily Bench", "Bench Times", "Global Bench", "Bench Post"];
  const batch = 5000;
  for (let done = 0; done < total; done += batch) {
    const rows: NewStory[] = [];
    for (let i = done; i < Math.min(total, done + batch); i++) {
      const s = generateStory(rnd);
      const source = pick(rnd, sources);
      // A million stories spread over 90 days (the default retention), oldest first.
      const publishedAt = new Date(now - (total - i) * ((90 * 86_400_000) / total));
      const url = `https://bench.test/${i}`;
      rows.push({
        sourceId: null, sourceName: source, guid: null, url, canonicalUrl: url, title: s.title, summary: s.summary, section: s.category, topics: [],
        publishedAt, firstSeenAt: publishedAt, breaking: false, alertable: false, clusterId: null, fingerprint: null,
        search: searchDocument({ title: s.title, summary: s.summary, source, section: s.category, topics: [] }),
      });
    }
    await storeStories(db, rows);
    if (!process.argv.includes("--json") && (done / batch) % 20 === 0) process.stderr.write(`  building: ${done + rows.length} stories\n`);
  }
}

export async function run(opts: { json: boolean }): Promise<Record<string, number>> {
  const flag = process.argv.indexOf("--stories");
  const total = flag > 0 ? Number(process.argv[flag + 1]) : 1_000_000;
  const path = join(tmpdir(), `newsflash-bench-search-v1-${total}.db`);
  const now = Date.UTC(2026, 10, 26);
  let buildSeconds = 0;
  if (!existsSync(path)) {
    const opened = openSqlite(path);
    if (opened.status === "error") throw new Error(opened.error);
    const migrated = await migrateToLatest(opened.db);
    if (migrated.status === "error") throw new Error(migrated.error);
    const t = performance.now();
    try {
      await build(opened.db, total, now);
    } catch (error) {
      await opened.db.destroy();
      rmSync(path, { force: true });
      throw error;
    }
    buildSeconds = (performance.now() - t) / 1000;
    await opened.db.destroy();
  }
  const opened = openSqlite(path);
  if (opened.status === "error") throw new Error(opened.error);
  const db = opened.db;
  for (const q of QUERIES) await searchPage(db, q, { page: 1, now: new Date(now) }); // warm the page cache
  const times: number[] = [];
  let found = 0;
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const r = await searchPage(db, q, { page: 1, now: new Date(now) });
      times.push(performance.now() - t);
      if (r.status === "ok" && r.items.length > 0) found++;
    }
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await db.destroy();
  times.sort((a, b) => a - b);
  const results = {
    stories: total,
    queries: times.length,
    queriesWithResults: found,
    p50Ms: Number(percentile(times, 50).toFixed(2)),
    p95Ms: Number(percentile(times, 95).toFixed(2)),
    maxMs: Number((times[times.length - 1] ?? 0).toFixed(2)),
    rssMb,
    buildSeconds: Math.round(buildSeconds),
  };
  if (!opts.json) {
    console.log(`${total} stories${buildSeconds ? ` (built in ${results.buildSeconds} s)` : " (cached database)"}; ${times.length} searches of 1–3 words`);
    console.log(`latency: p50 ${results.p50Ms} ms, p95 ${results.p95Ms} ms, max ${results.maxMs} ms (targets 20 / 50 ms)`);
    console.log(`memory: ${rssMb} MB RSS while serving (target ≤ 300 MB); ${found}/${times.length} searches found stories`);
  }
  return results;
}

if (isMain(import.meta.url)) await run({ json: process.argv.includes("--json") });
