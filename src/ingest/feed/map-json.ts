import type { JsonFeed } from "feedsmith";
import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveUrl } from "./resolve-url.js";

type Item = JsonFeed.Item<string>;

/** JSON Feed 1.0 / 1.1 as read by feedsmith → our shape. Relative URLs resolve against the feed URL. */
export function mapJson(feed: JsonFeed.Feed<string>, ctx: MapContext): ParsedFeed {
  const origin = documentUrl(ctx.feedUrl, feed.feed_url, feed.home_page_url);
  const items: ParsedFeedItem[] = [];
  for (const item of feed.items ?? []) {
    const mapped = mapItem(item, origin, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "json",
    title: cleanLine(feed.title),
    link: resolveUrl(feed.home_page_url, origin),
    ttlMinutes: null,
    items,
  };
}

function mapItem(item: Item, origin: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const link = resolveUrl(firstOf(item.url, item.external_url), origin);
  const content = firstOf(item.content_html, item.content_text === undefined ? undefined : escapeText(item.content_text));
  const title = cleanLine(item.title) || titleFromBody(firstOf(item.summary, content));
  if (title === "" && link === null) return null;
  return {
    guid: item.id == null ? null : String(item.id).trim() || null,
    title,
    link,
    publishedAt: parseFeedDate(firstOf(item.date_published, item.date_modified), ctx.now),
    descriptionHtml: firstOf(item.summary === undefined ? undefined : escapeText(item.summary), content) ?? "",
    contentHtml: content ?? null,
    categories: (item.tags ?? []).map((t) => cleanLine(t)).filter((t) => t !== ""),
    author: cleanLine(item.authors?.[0]?.name) || null,
  };
}

/** JSON Feed text fields are plain text; descriptionHtml promises HTML, so escape them. */
function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
