// Conformance against ../shared/corpus (real feeds with what other libraries extracted from them).
// Only the fields the bot needs are compared: feed title; item title, link, id and published
// instant. Expected files record another library's output, so text is compared normalised and
// dates as instants. Article pages (newspaper4k/) belong to the article extractor's tests.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/ingest/feed/parse-feed.js";
import type { FeedParseResult, ParsedFeed } from "../../src/ingest/parsed-feed.js";
import { htmlToText } from "../../src/ingest/text/html-to-text.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus");
const available = existsSync(corpus);
if (!available) console.log(`conformance: skipped, corpus not found at ${corpus}`);

const ABSENT = "(no such item)";
/** Every corpus body is parsed as if fetched from here, so relative links compare as absolute. */
const FETCHED_FROM = "https://corpus.invalid/feeds/feed.xml";

/** Where an expected value is visibly wrong, the correct value wins. One line of reason each. */
const OVERRIDES: Record<string, { value: string | null; reason: string }> = {
  "rss-parser/uolNoticias#0.published": { value: "2018-09-24T22:42:40Z", reason: "upstream cannot read Portuguese 'Seg, 24 Set 2018 19:42:40 -0300'" },
  "rss-parser/incomplete-fields#0": { value: ABSENT, reason: "the entry holds only an empty <author>: nothing to store" },
  "rss-parser/missing-fields#0": { value: ABSENT, reason: "the entry holds no title, link, id or content: nothing to store" },
  "feed-rs/rss2/rss_2.0_ghost_1.xml#0.link": { value: null, reason: "feed-rs takes media:content as a link; it is an attachment, not the article" },
  "feed-rs/rss2/rss_2.0_nbcny.xml#0.published": { value: "2023-12-16T14:02:33Z", reason: "feed-rs cannot read 'Sat, Dec 16 2023 02:02:33 PM' (no zone: UTC)" },
  "feed-rs/rss2/rss_2.0_spec_1.xml#0.link": { value: "http://scriptingnews.userland.com/backissues/2002/09/29#When:12:59:01PM", reason: "a guid without isPermaLink=false is the item's permalink" },
  "feed-rs/rss2/rss_2.0_spec_1.xml#1.link": { value: "http://scriptingnews.userland.com/backissues/2002/09/29#When:6:52:02PM", reason: "a guid without isPermaLink=false is the item's permalink" },
};
// Rules applied to whole classes of expected values (each is a correction, not a relaxation):
// - U+FFFD in an expected string (uolNoticias: latin-1 read as UTF-8 upstream) matches any one character.
// - feed-rs invents ids (a UUID, or an md5 of the item; even for RDF items with rdf:about): never compared.
//   fastfeedparser uses the link as id when there is none: not compared when the item has no id.
// - Relative links are kept relative upstream: both sides are resolved against the same made-up URL.
// - unrecognized.rss (an HTML error page) must come back not-a-feed or refused.

interface Expected {
  title: string | null;
  items: Array<{ title?: string | null; link?: string | null; links?: string[]; id?: string | null; idInvented?: boolean; idMayBeLink?: boolean; published?: string | null }>;
}

interface Tally {
  checked: number;
  passed: number;
  failures: string[];
}

const NOW = new Date("2100-01-01T00:00:00Z");

function norm(text: string | null | undefined): string {
  return htmlToText(text ?? "").replace(/\s+/g, " ").trim();
}

function textMatches(ours: string, expected: string): boolean {
  if (!expected.includes("\ufffd")) return ours === expected;
  const pattern = expected.split("\ufffd").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".");
  return new RegExp(`^${pattern}$`, "u").test(ours);
}

function urlOf(link: string | null | undefined): string | null {
  if (link == null || link.trim() === "") return null;
  try {
    return new URL(link.trim(), FETCHED_FROM).href;
  } catch {
    return link.trim();
  }
}

function instant(raw: string | null | undefined): number | null {
  if (raw == null || raw === "") return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : t;
}

function check(tally: Tally, where: string, ok: boolean, detail: () => string): void {
  tally.checked++;
  if (ok) tally.passed++;
  else tally.failures.push(`${where}: ${detail()}`);
}

function compare(tally: Tally, key: string, result: FeedParseResult, expected: Expected): void {
  if (result.status !== "ok" && result.status !== "partial") {
    check(tally, key, false, () => `${result.status}: ${result.error}`);
    return;
  }
  const feed: ParsedFeed = result.feed;
  if (expected.title !== null) check(tally, `${key}.title`, textMatches(feed.title, norm(expected.title)), () => `${JSON.stringify(feed.title)} ≠ ${JSON.stringify(norm(expected.title))}`);
  const present = expected.items.filter((_, i) => OVERRIDES[`${key}#${i}`]?.value !== ABSENT);
  present.forEach((want, i) => {
    const got = feed.items[i];
    const at = `${key}#${i}`;
    if (got === undefined) {
      check(tally, at, false, () => "item missing");
      return;
    }
    if (want.title != null) check(tally, `${at}.title`, textMatches(got.title, norm(want.title)), () => `${JSON.stringify(got.title)} ≠ ${JSON.stringify(norm(want.title))}`);
    const linkOverride = OVERRIDES[`${at}.link`];
    if (linkOverride !== undefined) {
      check(tally, `${at}.link`, got.link === linkOverride.value, () => `${got.link} ≠ ${linkOverride.value} (override)`);
    } else if (want.links !== undefined) {
      const hrefs = want.links.map(urlOf);
      if (hrefs.length > 0 || got.link !== null) check(tally, `${at}.link`, hrefs.includes(got.link), () => `${got.link} ∉ ${JSON.stringify(hrefs)}`);
    } else if (want.link !== undefined) {
      check(tally, `${at}.link`, got.link === urlOf(want.link), () => `${got.link} ≠ ${urlOf(want.link)}`);
    }
    if (want.id != null && want.idInvented !== true && !(want.idMayBeLink === true && got.guid === null)) {
      check(tally, `${at}.id`, norm(got.guid) === norm(want.id), () => `${got.guid} ≠ ${want.id}`);
    }
    const override = OVERRIDES[`${at}.published`];
    const published = override !== undefined ? override.value : want.published;
    if (published !== undefined) {
      const wantTime = instant(published);
      const gotTime = got.publishedAt?.getTime() ?? null;
      check(tally, `${at}.published`, wantTime === gotTime, () => `${got.publishedAt?.toISOString() ?? null} ≠ ${published}`);
    }
  });
  if (feed.items.length > present.length) {
    check(tally, key, false, () => `${feed.items.length - present.length} extra items`);
  }
}

function readJson(file: string, encoding: BufferEncoding = "utf8"): unknown {
  return JSON.parse(readFileSync(file, encoding));
}

function parseFile(file: string, contentType?: string): FeedParseResult {
  return parseFeed(new Uint8Array(readFileSync(file)), { url: FETCHED_FROM, contentType, now: NOW });
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null | undefined => (typeof v === "string" ? v : v == null ? (v as null | undefined) : String(v));

function rssParserFolder(tally: Tally): void {
  const base = path.join(corpus, "rss-parser/test");
  for (const file of readdirSync(path.join(base, "input")).sort()) {
    const name = file.replace(/\.(rss|atom)$/, "");
    const key = `rss-parser/${name}`;
    const input = path.join(base, "input", file);
    if (file === "unrecognized.rss") {
      const result = parseFile(input);
      check(tally, key, result.status === "not-a-feed" || result.status === "refused", () => `got ${result.status}`);
      continue;
    }
    const output = path.join(base, "output", `${name}.json`);
    if (!existsSync(output)) continue;
    // encoding.json is itself stored in latin-1, and its feed was served with a latin1 charset.
    const expected = (readJson(output, name === "encoding" ? "latin1" : "utf8") as { feed: Json }).feed;
    const items = (expected.items as Json[] | undefined) ?? [];
    compare(tally, key, parseFile(input, name === "encoding" ? "text/xml; charset=latin1" : undefined), {
      title: str(expected.title) ?? null,
      items: items.map((item) => ({
        title: str(item.title),
        link: str(item.link),
        id: str(item.guid ?? item.id),
        published: item.isoDate === undefined ? undefined : str(item.isoDate),
      })),
    });
  }
}

function feedRsFolder(tally: Tally): void {
  const base = path.join(corpus, "feed-rs/feed-rs/fixture");
  for (const dir of readdirSync(base).sort()) {
    for (const file of readdirSync(path.join(base, dir)).sort()) {
      if (file.endsWith(".serde.json")) continue;
      const expectedFile = path.join(base, dir, file.replace(/\.(xml|json)$/, ".serde.json"));
      if (file === "rss_2.0_invalid_1.xml") {
        // Truncated, with no expectation upstream: it must still come back partial, not fail.
        const result = parseFile(path.join(base, dir, file));
        check(tally, `feed-rs/${dir}/${file}`, result.status === "partial", () => `got ${result.status}`);
        continue;
      }
      // The non-feed xml/ samples carry no expectation.
      if (!existsSync(expectedFile)) continue;
      const expected = readJson(expectedFile) as Json;
      const entries = (expected.entries as Json[] | undefined) ?? [];
      compare(tally, `feed-rs/${dir}/${file}`, parseFile(path.join(base, dir, file)), {
        title: str((expected.title as Json | null)?.content) ?? null,
        items: entries.map((entry) => ({
          title: str((entry.title as Json | null)?.content),
          links: ((entry.links as Json[] | undefined) ?? []).map((l) => String(l.href)),
          id: str(entry.id),
          idInvented: /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24,32})$/i.test(String(entry.id)),
          published: str(entry.published ?? entry.updated) ?? null,
        })),
      });
    }
  }
}

function fastFeedParserFolder(tally: Tally): void {
  const base = path.join(corpus, "fastfeedparser/tests/integration");
  for (const file of readdirSync(base).sort()) {
    const isJsonFeed = file === "json_feed_sample.json";
    if (!file.endsWith(".xml") && !isJsonFeed) continue;
    const expectedFile = path.join(base, isJsonFeed ? "json_feed_sample.expected.json" : file.replace(/\.xml$/, ".json"));
    if (!existsSync(expectedFile)) continue;
    const expected = readJson(expectedFile) as { feed: Json; entries: Json[] };
    compare(tally, `fastfeedparser/${file}`, parseFile(path.join(base, file)), {
      title: str(expected.feed.title) ?? null,
      items: expected.entries.map((entry) => ({
        title: str(entry.title),
        link: str(entry.link),
        id: str(entry.id),
        idMayBeLink: entry.id === entry.link,
        published: str(entry.published) ?? null,
      })),
    });
  }
}

describe.skipIf(!available)("feed conformance corpus", () => {
  it("agrees with the expected values on at least 95% of checked fields", () => {
    const folders: Array<[string, (t: Tally) => void]> = [
      ["rss-parser", rssParserFolder],
      ["feed-rs", feedRsFolder],
      ["fastfeedparser", fastFeedParserFolder],
    ];
    const total: Tally = { checked: 0, passed: 0, failures: [] };
    for (const [name, run] of folders) {
      const tally: Tally = { checked: 0, passed: 0, failures: [] };
      run(tally);
      console.log(`conformance ${name}: ${tally.passed}/${tally.checked} (${((100 * tally.passed) / tally.checked).toFixed(1)}%)`);
      for (const failure of tally.failures) console.log(`  ✗ ${failure}`);
      total.checked += tally.checked;
      total.passed += tally.passed;
    }
    const rate = total.passed / total.checked;
    console.log(`conformance overall: ${total.passed}/${total.checked} (${(100 * rate).toFixed(1)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
