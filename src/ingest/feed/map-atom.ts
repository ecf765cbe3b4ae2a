import type { AtomFeed } from "feedsmith";
import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { alternateHref, selfHref } from "./map-rss.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";

type Entry = AtomFeed.Entry<string>;

/** Atom 1.0 / 0.3 as read by feedsmith → our shape. */
export function mapAtom(feed: AtomFeed.Feed<string>, ctx: MapContext): ParsedFeed {
  const origin = documentUrl(ctx.feedUrl, selfHref(feed.links), alternateHref(feed.links));
  const base = resolveBase([origin, feed.xml?.base]);
  const items: ParsedFeedItem[] = [];
  for (const entry of feed.entries ?? []) {
    const mapped = mapEntry(entry, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "atom",
    title: cleanLine(feed.title?.value),
    link: resolveUrl(alternateHref(feed.links), base),
    ttlMinutes: null,
    items,
  };
}

function mapEntry(entry: Entry, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, entry.xml?.base]);
  const link = resolveUrl(alternateHref(entry.links), base);
  const summary = firstOf(entry.summary?.value, entry.media?.groups?.[0]?.description?.value, entry.media?.description?.value);
  const content = firstOf(entry.content?.value);
  const title = cleanLine(firstOf(entry.title?.value, entry.dc?.titles?.[0])) || titleFromBody(summary ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: entry.id?.trim() || null,
    title,
    link,
    publishedAt: parseFeedDate(firstOf(entry.published, entry.dc?.dates?.[0], entry.dcterms?.issued?.[0], entry.updated), ctx.now),
    descriptionHtml: summary ?? content ?? "",
    contentHtml: content ?? null,
    categories: (entry.categories ?? []).map((c) => cleanLine(firstOf(c.label, c.term))).filter((c) => c !== ""),
    author: cleanLine(firstOf(entry.authors?.[0]?.name, entry.dc?.creators?.[0])) || null,
  };
}
