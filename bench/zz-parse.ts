import { performance } from "node:perf_hooks";
import { parseFeed } from "../src/ingest/feed/parse-feed.js";
import { parseRssFeed } from "feedsmith";
import { generateStory, seededRandom } from "./lib/news-text.js";
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
function generateFeed(n: number, rnd: () => number, start: number): string {
  const items: string[] = [];
  for (let i = 0; i < 500; i++) {
    const s = generateStory(rnd);
    const id = `${n}-${i}`;
    items.push(`<item><title>${escape(s.title)}</title><link>https://feed${n}.bench.test/story/${id}?utm_source=rss</link><guid isPermaLink="false">${id}</guid>
<pubDate>${new Date(start - i * 60_000).toUTCString()}</pubDate><category>${s.category}</category>
<description>${escape(`<p>${s.body}</p>`)}</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench Feed ${n}</title><link>https://feed${n}.bench.test/</link><description>generated</description>${items.join("\n")}</channel></rss>`;
}
const rnd = seededRandom(42);
const now = Date.now();
const feeds = Array.from({ length: 20 }, (_, n) => generateFeed(n, rnd, now));
const bytes = feeds.map((f) => Buffer.from(f));
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  for (const b of bytes) parseFeed(b, { now: new Date(now) });
  const ours = performance.now() - t;
  t = performance.now();
  for (const f of feeds) parseRssFeed(f);
  const fs = performance.now() - t;
  console.log("ours items/s", Math.round(10000 / ours * 1000), "feedsmith only", Math.round(10000 / fs * 1000));
}
import Parser from "rss-parser";
const peer = new Parser();
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (const f of feeds) await peer.parseString(f);
  console.log("rss-parser items/s", Math.round(10000 / (performance.now() - t) * 1000));
}
