import type { RdfFeed } from "feedsmith";
import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";

type Item = RdfFeed.Item<string>;

/** RSS 0.90 / 1.0 (RDF) as read by feedsmith → our shape. Dates come from Dublin Core. */
export function mapRdf(feed: RdfFeed.Feed<string>, ctx: MapContext): ParsedFeed {
  const base = resolveBase([documentUrl(ctx.feedUrl, feed.link), feed.xml?.base]);
  const items: ParsedFeedItem[] = [];
  for (const item of feed.items ?? []) {
    const mapped = mapItem(item, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "rdf",
    title: cleanLine(firstOf(feed.title, feed.dc?.titles?.[0])),
    link: resolveUrl(feed.link, base),
    ttlMinutes: null,
    items,
  };
}

function mapItem(item: Item, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, item.xml?.base]);
  const about = item.rdf?.about;
  const link = resolveUrl(firstOf(item.link, about), base);
  const description = firstOf(item.description, item.dc?.descriptions?.[0]);
  const content = firstOf(item.content?.encoded);
  const title = cleanLine(firstOf(item.title, item.dc?.titles?.[0])) || titleFromBody(description ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: firstOf(about, item.dc?.identifiers?.[0])?.trim() ?? null,
    title,
    link,
    publishedAt: parseFeedDate(firstOf(item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0], item.dcterms?.modified?.[0]), ctx.now),
    descriptionHtml: description ?? content ?? "",
    contentHtml: content ?? null,
    categories: (item.dc?.subjects ?? []).map((s) => cleanLine(s)).filter((s) => s !== ""),
    author: cleanLine(item.dc?.creators?.[0]) || null,
  };
}
