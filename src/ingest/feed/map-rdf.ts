import { parseFeedDate } from "../dates.js";
import type { ParsedFeed, ParsedFeedItem } from "../parsed-feed.js";
import { cleanLine, titleFromBody } from "./clean-text.js";
import { firstOf, type MapContext } from "./map-context.js";
import { documentUrl, resolveBase, resolveUrl } from "./resolve-url.js";
import { attr, child, childrenOf, contentText, firstTextOf, textOf, type XmlElement } from "./xml-element.js";

/** RSS 0.90 / 1.0 (root <rdf:RDF>) → our shape. Dates come from Dublin Core. */
export function mapRdf(root: XmlElement, ctx: MapContext): ParsedFeed {
  const channel = child(root, "", "channel");
  const siteLink = textOf(channel, "", "link");
  const base = resolveBase([documentUrl(ctx.feedUrl, siteLink), attr(root, "xml:base"), attr(channel, "xml:base")]);
  const items: ParsedFeedItem[] = [];
  for (const item of itemsInOrder(root, channel)) {
    const mapped = mapItem(item, base, ctx);
    if (mapped !== null) items.push(mapped);
  }
  return {
    format: "rdf",
    title: cleanLine(firstOf(textOf(channel, "", "title"), firstTextOf(channel, "dc", "title"))),
    link: resolveUrl(siteLink, base),
    ttlMinutes: null,
    items,
  };
}

/** The order of the channel's <items><rdf:Seq> when it names items present; else document order. */
function itemsInOrder(root: XmlElement, channel: XmlElement | undefined): XmlElement[] {
  const all = childrenOf(root, "", "item");
  const seq = child(child(channel, "", "items"), "rdf", "seq");
  const listed: XmlElement[] = [];
  for (const li of childrenOf(seq, "rdf", "li")) {
    const uri = firstOf(attr(li, "rdf:resource"), attr(li, "resource"));
    const item = uri === undefined ? undefined : all.find((i) => about(i) === uri);
    if (item !== undefined) listed.push(item);
  }
  return listed.length > 0 ? listed : all;
}

function about(item: XmlElement): string | undefined {
  return firstOf(attr(item, "about"), attr(item, "rdf:about"));
}

function mapItem(item: XmlElement, feedBase: string | undefined, ctx: MapContext): ParsedFeedItem | null {
  const base = resolveBase([feedBase, attr(item, "xml:base")]);
  const aboutUri = about(item);
  const link = resolveUrl(firstOf(textOf(item, "", "link"), aboutUri), base);
  const description = firstOf(textOf(item, "", "description"), firstTextOf(item, "dc", "description"));
  const content = textOf(item, "content", "encoded");
  const title = cleanLine(firstOf(textOf(item, "", "title"), firstTextOf(item, "dc", "title"))) || titleFromBody(description ?? content);
  if (title === "" && link === null) return null;
  return {
    guid: firstOf(aboutUri, firstTextOf(item, "dc", "identifier"))?.trim() ?? null,
    title,
    link,
    publishedAt: parseFeedDate(
      firstOf(firstTextOf(item, "dc", "date"), firstTextOf(item, "dcterms", "issued"), firstTextOf(item, "dcterms", "created"), firstTextOf(item, "dcterms", "modified")),
      ctx.now,
    ),
    descriptionHtml: description ?? content ?? "",
    contentHtml: content ?? null,
    categories: childrenOf(item, "dc", "subject").map((s) => cleanLine(contentText(s))).filter((s) => s !== ""),
    author: cleanLine(firstTextOf(item, "dc", "creator")) || null,
  };
}
