import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { ensureFileSource } from "../db/source-queries.js";
import type { NewStory } from "../db/story-queries.js";
import type { Clusterer } from "../stories/clusterer.js";
import type { Tagger } from "../topics/tagger.js";
import { decodeBody } from "./feed/decode-body.js";
import { parseFeed } from "./feed/parse-feed.js";
import { fetchFeed, type FetchOptions } from "./fetch/index.js";
import { detectPageKind } from "./pages/detect-page-kind.js";
import { extractHtmlArticle } from "./pages/extract-html-article.js";
import { extractTextArticle } from "./pages/extract-text-article.js";
import { storeStories } from "./store-stories.js";
import { storyFromArticle } from "./story-from-article.js";
import { storyFromItem } from "./story-from-item.js";

export type ImportOutcome =
  | { status: "ok"; file: string; kind: "feed" | "html" | "text"; title: string; items: number; new: number; duplicate: number; alertable: number; skipped: string[]; warnings: string[] }
  | { status: "error"; file: string; error: string };

export interface ImportOptions {
  now: Date;
  tagger: Tagger;
  clusterer: Clusterer;
  /** Explicit imports alert their new stories (the 48-hour rule still applies). */
  alert?: boolean;
  /** For a single article page: its link and source name, overriding what the page says. */
  url?: string;
  source?: string;
  fetchOptions?: Partial<FetchOptions>;
}

interface Loaded {
  body: Uint8Array;
  contentType: string | undefined;
  /** The address relative links resolve against: the fetched URL, or the file's file:// URL. */
  location: string;
  fetched: boolean;
}

async function load(target: string, opts: ImportOptions): Promise<Loaded | { error: string }> {
  if (/^https?:\/\//i.test(target)) {
    const r = await fetchFeed(target, opts.fetchOptions ?? {});
    if (r.status === "error") return { error: r.message };
    if (r.status !== "ok") return { error: "the server sent no body" };
    return { body: r.body, contentType: r.contentType ?? undefined, location: r.finalUrl, fetched: true };
  }
  const path = resolve(target);
  try {
    return { body: await readFile(path), contentType: undefined, location: pathToFileURL(path).href, fetched: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? `no such file: ${target}` : `cannot read ${target}: ${(error as Error).message}` };
  }
}

/**
 * `newsflash import <path-or-url>`: a feed (RSS/Atom/RDF/JSON Feed), an HTML article page or a
 * news page saved as plain text. The body decides which; stories go through the same store path
 * as polling (dedupe, clustering), and new ones are alerted.
 */
export async function importFile(db: Kysely<Database>, target: string, opts: ImportOptions): Promise<ImportOutcome> {
  const loaded = await load(target, opts);
  if ("error" in loaded) return { status: "error", file: target, error: loaded.error };
  const page = detectPageKind(loaded.body, { contentType: loaded.contentType, fileName: target });
  if (page.kind === "feed") return importFeed(db, target, loaded, opts);

  const text = decodeBody(loaded.body, loaded.contentType).text;
  const pageUrl = opts.url ?? (loaded.fetched ? loaded.location : undefined);
  const extracted =
    page.kind === "html" ? extractHtmlArticle(text, { url: pageUrl, now: opts.now }) : extractTextArticle(text, { url: pageUrl, sourceName: opts.source, now: opts.now });
  if (extracted.status !== "ok") return { status: "error", file: target, error: `${basename(target)}: ${extracted.error}` };
  const story = storyFromArticle(extracted.article, { url: pageUrl, source: opts.source, now: opts.now, tagger: opts.tagger, alert: opts.alert ?? true });
  if (story.status === "error") return { status: "error", file: target, error: `${basename(target)}: ${story.error}` };
  const counts = await storeStories(db, [story.story], { clusterer: opts.clusterer, now: opts.now });
  return { status: "ok", file: target, kind: page.kind, title: story.story.title, items: 1, new: counts.new, duplicate: counts.duplicate, alertable: counts.alertable, skipped: [], warnings: extracted.warnings };
}

async function importFeed(db: Kysely<Database>, target: string, loaded: Loaded, opts: ImportOptions): Promise<ImportOutcome> {
  const parsed = parseFeed(loaded.body, { url: loaded.location, contentType: loaded.contentType, now: opts.now });
  if (parsed.status === "refused") return { status: "error", file: target, error: parsed.error };
  if (parsed.status === "not-a-feed") {
    const hint = parsed.alternates.length > 0 ? ` (it links to: ${parsed.alternates.join(", ")})` : "";
    return { status: "error", file: target, error: `${basename(target)} is not a feed: ${parsed.error}${hint}` };
  }
  const feed = parsed.feed;
  const warnings = parsed.status === "ok" ? parsed.warnings : [`only part of the feed could be read: ${parsed.error}`];
  const name = opts.source ?? (feed.title.trim() || basename(target));
  // The file (or URL) becomes a source of kind "file": never polled, but its guids dedupe like a feed's.
  const source = await ensureFileSource(db, { url: loaded.location, name }, opts.now.getTime());
  const stories: NewStory[] = [];
  const skipped: string[] = [];
  for (const item of feed.items) {
    const candidate = storyFromItem(item, { id: source.id, name: source.name, topics: source.topics, breaking: source.breaking, siteUrl: feed.link }, { now: opts.now, tagger: opts.tagger, alert: opts.alert ?? true });
    if (candidate.status === "ok") stories.push(candidate.story);
    else skipped.push(candidate.reason);
  }
  const counts = await storeStories(db, stories, { clusterer: opts.clusterer, now: opts.now });
  return { status: "ok", file: target, kind: "feed", title: name, items: feed.items.length, new: counts.new, duplicate: counts.duplicate, alertable: counts.alertable, skipped, warnings };
}
