import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { ensureFileSource } from "../db/source-queries.js";
import type { NewStory } from "../db/story-queries.js";
import type { Clusterer } from "../stories/clusterer.js";
import type { Tagger } from "../topics/tagger.js";
import { parseFeed } from "./feed/parse-feed.js";
import { storeStories } from "./store-stories.js";
import { storyFromItem } from "./story-from-item.js";

export type ImportOutcome =
  | { status: "ok"; file: string; title: string; items: number; new: number; duplicate: number; alertable: number; skipped: string[]; warnings: string[] }
  | { status: "error"; file: string; error: string };

/**
 * `newsflash import <file>`: an explicit request, so new stories may alert (the 48-hour rule
 * still applies). The file becomes a source of kind "file" so its guids dedupe like a feed's.
 */
export async function importFeedFile(db: Kysely<Database>, file: string, opts: { now: Date; tagger: Tagger; clusterer: Clusterer; alert?: boolean }): Promise<ImportOutcome> {
  const path = resolve(file);
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { status: "error", file, error: code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}` };
  }
  const url = pathToFileURL(path).href;
  const parsed = parseFeed(body, { url, now: opts.now });
  if (parsed.status === "refused") return { status: "error", file, error: parsed.error };
  if (parsed.status === "not-a-feed") {
    const hint = parsed.alternates.length > 0 ? ` (it links to: ${parsed.alternates.join(", ")})` : "";
    return { status: "error", file, error: `${basename(file)} is not a feed: ${parsed.error}${hint}` };
  }
  const feed = parsed.feed;
  const warnings = parsed.status === "ok" ? parsed.warnings : [`only part of the feed could be read: ${parsed.error}`];
  const name = feed.title.trim() || basename(file);
  const source = await ensureFileSource(db, { url, name }, opts.now.getTime());
  const stories: NewStory[] = [];
  const skipped: string[] = [];
  for (const item of feed.items) {
    const candidate = storyFromItem(item, { id: source.id, name: source.name, topics: source.topics, breaking: source.breaking, siteUrl: feed.link }, { now: opts.now, tagger: opts.tagger, alert: opts.alert ?? true });
    if (candidate.status === "ok") stories.push(candidate.story);
    else skipped.push(candidate.reason);
  }
  const counts = await storeStories(db, stories, { clusterer: opts.clusterer, now: opts.now });
  return { status: "ok", file, title: name, items: feed.items.length, new: counts.new, duplicate: counts.duplicate, alertable: counts.alertable, skipped, warnings };
}
