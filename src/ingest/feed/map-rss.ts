import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { alternateLink, atomAuthorName, atomLinks, atomPublished, atomText, atomUpdated, selfLink } from "./atom-fields.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";
import { rssAuthorName } from "./rss-author.js";
import { attr, child, childrenOf, contentText, firstTextOf, textOf, type XmlElement } from "./xml-element.js";

/** RSS 0.9x / 2.0 (root <rss>) → our shape. Atom, Dublin Core and content: extensions fill gaps. */
export function mapRss(root: XmlElement, ctx: MapContext): ParsedFeed {
  const channel = child(root, "", "channel");
  const links = atomLinks(channel, "atom");
  const siteLink = textOf(channel, "", "link");
  const origin = documentUrl(ctx.feedUrl, selfLink(links)?.href, siteLink);
  const base = resolveBase([origin, attr(root, "xml:base"), attr(channel, "xml:base")]);
  const alternate = alternateLink(links);
  // Items belong in the channel; a few feeds put them next to it.
  const itemElements = childrenOf(channel, "", "item");
  const items: ParsedFeedItem[] = [];
  for (const item of itemElements.length > 0 ? itemElements : childrenOf(root, "", "item")) {
    const mapped = mapItem(item, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  const ttl = Number(textOf(channel, "", "ttl") ?? Number.NaN);
  return {
    format: "rss",
    title: cleanLine(firstOf(textOf(channel, "", "title"), atomText(channel, "atom", "title"), firstTextOf(channel, "dc", "title"))),
    link: siteLink !== undefined ? resolveUrl(siteLink, base) : resolveUrl(alternate?.href, base, alternate?.base),
    ttlMinutes: Number.isFinite(ttl) ? ttl : null,
    items,
  };
}

function mapItem(item: XmlElement, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, attr(item, "xml:base")]);
  const guidElement = child(item, "", "guid");
  const guid = firstOf(textOf(item, "", "guid"), textOf(item, "atom", "id"));
  // A permalink guid is the article URL when the item has no <link>.
  const permalink = !/^\s*false\s*$/i.test(attr(guidElement, "ispermalink") ?? "");
  const guidLink = permalink && guid !== undefined && /^https?:\/\//i.test(guid.trim()) ? guid : undefined;
  const alternate = alternateLink(atomLinks(item, "atom"));
  const rssLink = textOf(item, "", "link");
  const link =
    rssLink !== undefined ? resolveUrl(rssLink, base)
    : alternate !== undefined ? resolveUrl(alternate.href, base, alternate.base)
    : resolveUrl(guidLink, base);
  const description = firstOf(textOf(item, "", "description"), atomText(item, "atom", "summary"), firstTextOf(item, "dc", "description"));
  const content = firstOf(textOf(item, "content", "encoded"), atomText(item, "atom", "content"));
  const title = cleanLine(firstOf(textOf(item, "", "title"), atomText(item, "atom", "title"), firstTextOf(item, "dc", "title"))) || titleFromBody(description ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: guid?.trim() ?? null,
    title,
    link,
    publishedAt: parseFeedDate(
      firstOf(
        textOf(item, "", "pubdate"),
        firstTextOf(item, "dc", "date"),
        firstTextOf(item, "dcterms", "issued"),
        firstTextOf(item, "dcterms", "created"),
        atomPublished(item, "atom"),
        atomUpdated(item, "atom"),
        firstTextOf(item, "dcterms", "modified"),
      ),
      ctx.now,
    ),
    descriptionHtml: description ?? content ?? "",
    contentHtml: content ?? null,
    categories: childrenOf(item, "", "category").map((c) => cleanLine(contentText(c))).filter((c) => c !== ""),
    author: personName(item) ?? null,
  };
}

function personName(item: XmlElement): string | undefined {
  let name: string | undefined;
  for (const author of childrenOf(item, "", "author")) {
    // <author><name>…</name></author> happens; the name element wins over the text.
    const nameElement = child(author, "", "name");
    const raw = contentText(nameElement ?? author);
    if (raw === undefined) continue;
    name = rssAuthorName(raw);
    break;
  }
  const creator = firstTextOf(item, "dc", "creator") ?? atomAuthorName(item, "atom");
  const chosen = name ?? creator;
  return chosen === undefined ? undefined : cleanLine(chosen);
}
