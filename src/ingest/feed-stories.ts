import type { NewStory } from "../db/story-queries.js";
import type { Tagger } from "../topics/tagger.js";
import { parseFeed } from "./feed/parse-feed.js";
import { storyFromItem } from "./story-from-item.js";

/** What reading a polled feed needs to know about its source. */
export interface FeedSource {
  id: number;
  name: string;
  /** The user named the source (`--name`): the feed's own title does not replace it. */
  namedByUser: boolean;
  topics: string[];
  breaking: boolean;
  /** False on a source's first poll: its current items are stored without alerting. */
  alert: boolean;
}

export interface FetchedBody {
  body: Uint8Array;
  url: string;
  contentType: string | null;
}

export type FeedStories =
  | { status: "refused"; error: string }
  | { status: "not-a-feed"; error: string; alternates: string[] }
  | {
      status: "ok" | "partial";
      /** The source's name from now on. */
      name: string;
      ttlMinutes: number | null;
      /** Why items may be missing (a partly readable feed), or null. */
      warning: string | null;
      stories: NewStory[];
    };

/**
 * A fetched feed body → the stories ready to store: parse, normalise, summarise, tag and
 * fingerprint every item. Pure CPU work with no database, so it can run off the main thread.
 */
export function feedStories(fetched: FetchedBody, source: FeedSource, opts: { now: Date; tagger: Tagger }): FeedStories {
  const parsed = parseFeed(fetched.body, { url: fetched.url, contentType: fetched.contentType ?? undefined, now: opts.now });
  if (parsed.status === "refused") return { status: "refused", error: parsed.error };
  if (parsed.status === "not-a-feed") return { status: "not-a-feed", error: parsed.error, alternates: parsed.alternates };
  const feed = parsed.feed;
  const name = source.namedByUser || feed.title.trim() === "" ? source.name : feed.title.trim();
  const stories: NewStory[] = [];
  for (const item of feed.items) {
    const candidate = storyFromItem(item, { id: source.id, name, topics: source.topics, breaking: source.breaking, siteUrl: feed.link }, { now: opts.now, tagger: opts.tagger, alert: source.alert });
    if (candidate.status === "ok") stories.push(candidate.story);
  }
  const warning = parsed.status === "partial" ? `feed only partly readable: ${parsed.error}` : null;
  return { status: parsed.status, name, ttlMinutes: feed.ttlMinutes, warning, stories };
}
