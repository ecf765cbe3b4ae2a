import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { alternateLink, atomAuthorName, atomLinks, atomPublished, atomText, atomUpdated, selfLink } from "./atom-fields.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";
import { attr, childrenOf, firstTextOf, textOf, type XmlElement } from "./xml-element.js";

/** Atom 1.0 / 0.3 (root <feed>, or a lone <entry>) → our shape. */
export function mapAtom(root: XmlElement, ctx: MapContext): ParsedFeed {
  if (root.name === "entry") {
    const entry = mapEntry(root, ctx.feedUrl, ctx);
    return { format: "atom", title: "", link: null, ttlMinutes: null, items: entry === null ? [] : [entry] };
  }
  const links = atomLinks(root, "");
  const alternate = alternateLink(links);
  const origin = documentUrl(ctx.feedUrl, selfLink(links)?.href, alternate?.href);
  const base = resolveBase([origin, attr(root, "xml:base")]);
  const items: ParsedFeedItem[] = [];
  for (const entry of childrenOf(root, "", "entry")) {
    const mapped = mapEntry(entry, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "atom",
    title: cleanLine(atomText(root, "", "title")),
    link: resolveUrl(alternate?.href, base, alternate?.base),
    ttlMinutes: null,
    items,
  };
}

function mapEntry(entry: XmlElement, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, attr(entry, "xml:base")]);
  const alternate = alternateLink(atomLinks(entry, ""));
  const link = resolveUrl(alternate?.href, base, alternate?.base);
  const summary = firstOf(atomText(entry, "", "summary"), mediaDescription(entry));
  const content = atomText(entry, "", "content");
  const title = cleanLine(firstOf(atomText(entry, "", "title"), firstTextOf(entry, "dc", "title"))) || titleFromBody(summary ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: textOf(entry, "", "id")?.trim() || null,
    title,
    link,
    publishedAt: parseFeedDate(firstOf(atomPublished(entry, ""), firstTextOf(entry, "dc", "date"), firstTextOf(entry, "dcterms", "issued"), atomUpdated(entry, "")), ctx.now),
    descriptionHtml: summary ?? content ?? "",
    contentHtml: content ?? null,
    categories: childrenOf(entry, "", "category").map((c) => cleanLine(firstOf(attr(c, "label"), attr(c, "term")))).filter((c) => c !== ""),
    author: cleanLine(firstOf(atomAuthorName(entry, ""), firstTextOf(entry, "dc", "creator"))) || null,
  };
}

/** YouTube-style entries carry their text only in media:group/media:description. */
function mediaDescription(entry: XmlElement): string | undefined {
  const group = childrenOf(entry, "media", "group").find((g) => g.children.length > 0);
  return firstOf(textOf(group, "media", "description"), textOf(entry, "media", "description"));
}
