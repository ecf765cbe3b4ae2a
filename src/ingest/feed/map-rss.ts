import type { RssFeed } from "feedsmith";
import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";

type Item = RssFeed.Item<string>;

/** RSS 0.9x / 2.0 as read by feedsmith → our shape. */
export function mapRss(feed: RssFeed.Feed<string>, ctx: MapContext): ParsedFeed {
  const origin = documentUrl(ctx.feedUrl, selfHref(feed.atom?.links), feed.link);
  const base = resolveBase([origin, feed.xml?.base]);
  const items: ParsedFeedItem[] = [];
  for (const item of feed.items ?? []) {
    const mapped = mapItem(item, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "rss",
    title: cleanLine(firstOf(feed.title, feed.atom?.title?.value, feed.dc?.titles?.[0])),
    link: resolveUrl(firstOf(feed.link, alternateHref(feed.atom?.links)), base),
    ttlMinutes: typeof feed.ttl === "number" && Number.isFinite(feed.ttl) ? feed.ttl : null,
    items,
  };
}

function mapItem(item: Item, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, item.xml?.base]);
  const guid = firstOf(item.guid?.value, item.atom?.id);
  // A permalink guid is the article URL when the item has no <link>.
  const guidLink = item.guid?.isPermaLink !== false && guid !== undefined && /^https?:\/\//i.test(guid.trim()) ? guid : undefined;
  const link = resolveUrl(firstOf(item.link, alternateHref(item.atom?.links), guidLink), base);
  const description = firstOf(item.description, item.atom?.summary?.value, item.dc?.descriptions?.[0]);
  const content = firstOf(item.content?.encoded, item.atom?.content?.value);
  const title = cleanLine(firstOf(item.title, item.atom?.title?.value, item.dc?.titles?.[0])) || titleFromBody(description ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: guid?.trim() ?? null,
    title,
    link,
    publishedAt: parseFeedDate(
      firstOf(item.pubDate, item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0], item.atom?.published, item.atom?.updated, item.dcterms?.modified?.[0]),
      ctx.now,
    ),
    descriptionHtml: description ?? content ?? "",
    contentHtml: content ?? null,
    categories: (item.categories ?? []).map((c) => cleanLine(c.name)).filter((c) => c !== ""),
    author: personName(item) ?? null,
  };
}

function personName(item: Item): string | undefined {
  const person = item.authors?.[0];
  const name = firstOf(person?.name, person?.email, item.dc?.creators?.[0], item.atom?.authors?.[0]?.name);
  return name === undefined ? undefined : cleanLine(name);
}

/** The `rel="self"` link: where the feed says it lives. */
export function selfHref(links: ReadonlyArray<{ href?: string; rel?: string }> | undefined): string | undefined {
  return links?.find((l) => l.rel?.toLowerCase() === "self")?.href;
}

/** The `rel="alternate"` (or rel-less) link among atom:link elements. */
export function alternateHref(links: ReadonlyArray<{ href?: string; rel?: string; type?: string }> | undefined): string | undefined {
  if (links === undefined) return undefined;
  const alternates = links.filter((l) => l.href !== undefined && (l.rel === undefined || l.rel.toLowerCase() === "alternate"));
  const html = alternates.find((l) => l.type === undefined || /html/i.test(l.type));
  return (html ?? alternates[0])?.href;
}
