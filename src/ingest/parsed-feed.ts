/** What the feed parser hands to normalising: raw but decoded values, nothing stored yet. */
export interface ParsedFeedItem {
  /** guid / id as written in the feed, if any. */
  guid: string | null;
  title: string;
  /** Absolute URL (resolved against xml:base / the feed URL), or null when the item has none. */
  link: string | null;
  /** Null when the feed gives no (readable) date. */
  publishedAt: Date | null;
  /** Description / summary / content as written: may be HTML. */
  descriptionHtml: string;
  /** The full body when the feed carries one apart from the description (content:encoded, atom:content). */
  contentHtml?: string | null;
  categories: string[];
  author: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title: string;
  /** The site link of the feed, absolute, or null. */
  link: string | null;
  /** `<ttl>` in minutes when present. */
  ttlMinutes: number | null;
  items: ParsedFeedItem[];
}

/** Discriminated result: a feed that parsed only partly still yields its readable items. */
export type FeedParseResult =
  | { status: "ok"; feed: ParsedFeed; warnings: string[] }
  | { status: "partial"; feed: ParsedFeed; error: string }
  | { status: "not-a-feed"; error: string; alternates: string[] }
  | { status: "refused"; error: string };
