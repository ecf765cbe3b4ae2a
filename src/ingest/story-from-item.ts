import { createHash } from "node:crypto";
import type { NewStory } from "../db/story-queries.js";
import { stripBreakingMarker } from "../stories/breaking-marker.js";
import { encodeFingerprint, storyFingerprint } from "../stories/similarity/index.js";
import type { Tagger } from "../topics/tagger.js";
import { canonicalUrl } from "./canonical-url.js";
import type { ParsedFeedItem } from "./parsed-feed.js";
import { htmlToText } from "./text/html-to-text.js";
import { summarize } from "./text/summary.js";

export interface StorySource {
  id: number | null;
  name: string;
  /** Topics every story of this source carries (`sources add --topic`). */
  topics: readonly string[];
  breaking: boolean;
  /** The feed's own link: the fallback for an item without one. */
  siteUrl: string | null;
}

/** Items older than this when first seen are stored but never alerted: they are not news. */
export const ALERT_MAX_AGE_MS = 48 * 3600_000;

export type CandidateResult = { status: "ok"; story: NewStory } | { status: "skipped"; reason: string };

function synthesizedKey(title: string, publishedAt: Date | null): string {
  const hash = createHash("sha256").update(`${title}\n${publishedAt?.toISOString() ?? ""}`).digest("hex").slice(0, 32);
  return `urn:newsflash:item:${hash}`;
}

/**
 * One feed item → a story ready to store. `alert` says whether this ingest may alert at all (an
 * explicit import may, a source's first poll may not); the 48-hour rule applies on top.
 */
export function storyFromItem(item: ParsedFeedItem, source: StorySource, opts: { now: Date; tagger: Tagger; alert: boolean }): CandidateResult {
  // "BREAKING: …" marks the story and is not part of the headline.
  const marked = stripBreakingMarker(htmlToText(item.title).trim());
  const title = marked.title;
  const bodyText = htmlToText(item.descriptionHtml || item.contentHtml || "");
  if (title === "" && bodyText === "") return { status: "skipped", reason: "item has neither a title nor a description" };
  const headline = title !== "" ? title : summarize(bodyText, { maxChars: 120 });

  const link = item.link ? canonicalUrl(item.link) : null;
  const url = item.link && link ? item.link : (source.siteUrl ?? "");
  const canonical = link ?? synthesizedKey(headline, item.publishedAt);
  if (url === "") return { status: "skipped", reason: `"${headline.slice(0, 60)}" has no link` };

  // A missing date is the moment we first saw the story; never a time in the future.
  const publishedAt = item.publishedAt && item.publishedAt.getTime() <= opts.now.getTime() ? item.publishedAt : opts.now;
  const summary = summarize(bodyText, { title: headline });
  const section = item.categories[0] ?? null;
  const { topics, search } = opts.tagger.tagForStorage({ title: headline, summary, source: source.name, section, categories: item.categories }, source.topics);
  const fresh = opts.now.getTime() - publishedAt.getTime() <= ALERT_MAX_AGE_MS;

  return {
    status: "ok",
    story: {
      sourceId: source.id,
      sourceName: source.name,
      guid: item.guid,
      url,
      canonicalUrl: canonical,
      title: headline,
      summary,
      section,
      topics,
      publishedAt,
      firstSeenAt: opts.now,
      breaking: source.breaking || marked.breaking,
      alertable: opts.alert && fresh,
      clusterId: null,
      // Pure CPU work, done where the item is read (off the main thread when polling).
      fingerprint: encodeFingerprint(storyFingerprint({ title: headline, summary })),
      search,
    },
  };
}
